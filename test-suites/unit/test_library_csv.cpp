// Users' component libraries in the library plug-in's CSV layout.
#include <gtest/gtest.h>

#include "estimators/library/library_csv.hpp"

using namespace cimloop::estimators;

namespace {

TEST(LibraryCsv, BlocksCommentsAndTrimming) {
  const char* text =
      "# a library\n"
      "COMPONENT: my_adc\n"
      "technology,global_cycle_seconds,resolution,energy,area,  action,,\n"
      "32nm,      1e-9, 8, 1.5, \"1,200\", convert|read   # first row\n"
      "\n"
      "COMPONENT: my_dac\n"
      "technology,energy,area,action\n"
      "32nm,0.1,10,read\n";
  std::vector<ComponentTable> tables = parse_library_csv(text, "fallback");
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].name, "my_adc");
  EXPECT_EQ(tables[0].headers.size(), 6u);
  EXPECT_EQ(tables[0].headers[5], "action");
  ASSERT_EQ(tables[0].rows.size(), 1u);
  EXPECT_EQ(tables[0].rows[0][1], "1e-9");
  EXPECT_EQ(tables[0].rows[0][4], "1,200");
  EXPECT_EQ(tables[0].rows[0][5], "convert|read");
  EXPECT_EQ(tables[1].rows[0][1], "0.1");
}

TEST(LibraryCsv, DefaultNameAndPointers) {
  std::vector<ComponentTable> tables = parse_library_csv("width,energy,area,action\n32,1,2,read\n", "adder");
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].name, "adder");
  auto aliases = parse_library_pointers("newton_adc: isaac_adc\nNewton_DAC : Isaac_DAC\n");
  EXPECT_EQ(aliases["newton_adc"], "isaac_adc");
  EXPECT_EQ(aliases["newton_dac"], "isaac_dac");
}

}  // namespace
