// The shipped library tables (estimators/data/library/*.yaml) hold exactly the rows of the
// library plug-in's CSV files they were converted from.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "estimators/estimator.hpp"
#include "estimators/library/library_csv.hpp"

namespace fs = std::filesystem;
using namespace cimloop::estimators;

namespace {

TEST(LibraryData, ShippedTablesEqualTheSourceCsvFiles) {
  fs::path source = fs::path(CIMLOOP_FIXTURES_DIR) / "accelergy/library-plug-in/library";
  if (!fs::is_directory(source)) GTEST_SKIP() << "fixtures not found";
  int compared = 0;
  for (const auto& folder : fs::directory_iterator(source)) {
    fs::path shipped = fs::path(data_directory()) / "library" / (folder.path().filename().string() + ".yaml");
    ASSERT_TRUE(fs::exists(shipped)) << shipped;
    YAML::Node components = YAML::LoadFile(shipped.string())["components"];
    std::vector<ComponentTable> expected;
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(folder.path())) {
      if (f.path().extension() == ".csv") files.push_back(f.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      std::ifstream in(f);
      std::stringstream text;
      text << in.rdbuf();
      std::string stem = f.stem().string();
      std::transform(stem.begin(), stem.end(), stem.begin(), [](unsigned char c) { return std::tolower(c); });
      for (ComponentTable& t : parse_library_csv(text.str(), stem)) expected.push_back(std::move(t));
    }
    ASSERT_EQ(components.size(), expected.size()) << folder.path();
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(components[i]["name"].Scalar(), expected[i].name);
      EXPECT_EQ(components[i]["columns"].as<std::vector<std::string>>(), expected[i].headers);
      ASSERT_EQ(components[i]["rows"].size(), expected[i].rows.size()) << expected[i].name;
      for (size_t r = 0; r < expected[i].rows.size(); ++r) {
        EXPECT_EQ(components[i]["rows"][r].as<std::vector<std::string>>(), expected[i].rows[r]) << expected[i].name;
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 20);
}

}  // namespace
