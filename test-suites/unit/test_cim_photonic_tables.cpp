// The component tables CiMLoop's photonic macros point the library plug-in at
// (arch/1_macro/{albireo_isca_2021,lightning_sigc_2023}/*_components, named by
// ACCELERGY_COMPONENT_LIBRARIES_<NAME> in their globals): read in place from CiMLoop's
// workspace and priced by our Library estimator, every entry at its own node.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <unistd.h>

#include "cim_fixtures.hpp"
#include "estimators/estimator.hpp"

using namespace cimloop::estimators;

namespace {

// Points the Library at one macro's tables for the test's lifetime.
class ComponentLibrary {
 public:
  ComponentLibrary(const char* variable, const std::string& directory) : variable_(variable) {
    setenv(variable, directory.c_str(), 1);
  }
  ~ComponentLibrary() { unsetenv(variable_); }

 private:
  const char* variable_;
};

Selection price(const std::string& cls, const std::string& action, Attributes attributes,
                double cycle_seconds = 1e-9) {
  Query q;
  q.class_name = cls;
  q.attributes = std::move(attributes);
  q.attributes["global_cycle_seconds"] = cycle_seconds;
  q.action = action;
  if (!action.empty()) q.arguments = {{"global_cycle_seconds", cycle_seconds}, {"action_latency_cycles", 1}};
  return Registry::builtin().select(q);
}

struct ScenarioRow {
  const char* cls;
  const char* action;
  double conservative, moderate, aggressive;  // pJ per action, or power in pJ/s for leak
  double area_um2;
};

}  // namespace

TEST(PhotonicTables, AlbireoScenarios) {
  const auto dir = cimloop::test::cimloop_workspace("models/arch/1_macro/albireo_isca_2021/albireo_components");
  CIMLOOP_REQUIRE_FIXTURE(dir);
  const ComponentLibrary library("ACCELERGY_COMPONENT_LIBRARIES_ALBIREO", dir.string());
  const ScenarioRow rows[] = {
      {"albireo_tia", "convert", 0.6, 0.3, 0.0375, 2769},
      {"dac_albireo", "convert", 5.2, 2.6, 0.325, 153},
      {"albireo_mrr", "leak", 3.1e9, 0.388e9, 0.155e9, 410},
      {"albireo_mzm", "leak", 11.3e9, 1.41e9, 0.565e9, 15066},
      {"albireo_laser", "leak", 1.94e9, 0.0713e9, 0.0713e9, 6153},
  };
  for (const auto& row : rows) {
    const double expected[] = {row.conservative, row.moderate, row.aggressive};
    const char* scenarios[] = {"conservative", "moderate", "aggressive"};
    for (int i = 0; i < 3; ++i) {
      const Attributes a = {{"technology", 7}, {"scaling", scenarios[i]}, {"resolution", 8}};
      // A leak row holds power (its global_cycle_seconds is 1): per cycle of 1 s here.
      const Selection s = price(row.cls, row.action, a, 1);
      EXPECT_EQ(s.estimator, "Library");
      EXPECT_DOUBLE_EQ(s.estimate.value, expected[i]) << row.cls << " " << scenarios[i];
      EXPECT_DOUBLE_EQ(price(row.cls, "", a).estimate.value, row.area_um2) << row.cls;
    }
  }
  const Attributes moderate = {{"technology", 7}, {"scaling", "moderate"}, {"resolution", 8}};
  EXPECT_EQ(price("albireo_mrr", "read", moderate).estimate.value, 0);
  EXPECT_EQ(price("dac_albireo", "leak", moderate).estimate.value, 0);
  // Over a 0.2 ns cycle, 11.3 mW is 2.26 pJ.
  EXPECT_DOUBLE_EQ(price("albireo_mzm", "leak", {{"technology", 7}, {"scaling", "conservative"}}, 0.2e-9).estimate.value,
                   11.3e9 * 0.2e-9);
  // 6 bits: 2^-2 of the 8-bit row.
  EXPECT_DOUBLE_EQ(price("dac_albireo", "convert", {{"technology", 7}, {"scaling", "conservative"}, {"resolution", 6}})
                       .estimate.value,
                   5.2 / 4);
  const Attributes sram = {{"technology", 7}, {"width", 64}, {"depth", 262144}};
  EXPECT_DOUBLE_EQ(price("albireo_sram", "read", sram).estimate.value, 0.435);
  EXPECT_DOUBLE_EQ(price("albireo_sram", "write", sram).estimate.value, 0.435);
  EXPECT_DOUBLE_EQ(price("albireo_sram", "", sram).estimate.value, 637952);
  EXPECT_DOUBLE_EQ(price("albireo_awg", "", {{"technology", 7}}).estimate.value, 1108089);
  EXPECT_DOUBLE_EQ(price("albireo_star_coupler", "", {{"technology", 7}}).estimate.value, 262500);
  EXPECT_DOUBLE_EQ(price("albireo_photodiode", "", {{"technology", 7}}).estimate.value, 9230);
}

TEST(PhotonicTables, Lightning) {
  const auto dir = cimloop::test::cimloop_workspace("models/arch/1_macro/lightning_sigc_2023/lightning_components");
  CIMLOOP_REQUIRE_FIXTURE(dir);
  const ComponentLibrary library("ACCELERGY_COMPONENT_LIBRARIES_LIGHTNING", dir.string());
  const struct {
    const char* cls;
    const char* action;
    double energy_pj, area_um2;
  } rows[] = {
      {"dac_lightning", "convert", 0.793, 580000},
      {"adc_lightning", "convert", 0.773, 580000},
      {"lightning_photodiode", "write", 3.99e-5, 32},
      {"lightning_modulator", "read", 3.99e-5, 2.5e6},
      {"lightning_laser", "read", 3.99e-5, 10000},
      {"lightning_sram", "read", 0.191, 129000},
      {"lightning_io", "read", 0.092, 8600},
      {"lightning_hbm", "read", 836, 81100000},
  };
  for (const auto& row : rows) {
    const Attributes a = {{"technology", 65}, {"resolution", 8}, {"width", 512}, {"depth", 4096}};
    EXPECT_DOUBLE_EQ(price(row.cls, row.action, a).estimate.value, row.energy_pj) << row.cls;
    EXPECT_DOUBLE_EQ(price(row.cls, "", a).estimate.value, row.area_um2) << row.cls;
  }
  EXPECT_EQ(price("lightning_photodiode", "read", {{"technology", 65}}).estimate.value, 0);
}

TEST(PhotonicTables, OnlyWhereTheMacroPointsTheLibrary) {
  std::vector<std::string> set;  // by this process's earlier macros
  for (char** entry = environ; *entry; ++entry) {
    const std::string text = *entry;
    if (text.rfind("ACCELERGY_COMPONENT_LIBRARIES", 0) == 0) set.push_back(text.substr(0, text.find('=')));
  }
  for (const std::string& name : set) unsetenv(name.c_str());
  EXPECT_THROW(price("albireo_tia", "convert", {{"technology", 7}, {"scaling", "moderate"}}), Declined);
}
