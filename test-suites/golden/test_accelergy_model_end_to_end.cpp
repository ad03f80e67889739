// timeloop-model given no ERT/ART estimates the tables itself: every reference run (dense and
// sparse, whose metadata and (de)compression actions are priced too), replayed with its
// case.yaml command minus ERT.yaml/ART.yaml, gives a byte-identical stats.txt and writes the
// five Accelergy files beside it and the Accelergy log in the current directory.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include "test-suites/golden/golden_helpers.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop";

std::vector<std::string> cases_with_tables() {
  std::vector<std::string> names;
  if (!fs::is_directory(kCases)) return names;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    fs::path dir = entry.path();
    if (fs::exists(dir / "ERT.yaml") && fs::exists(dir / "case.yaml")) names.push_back(dir.filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The case's timeloop-model arguments (its files, in `dir`) without the ERT/ART files.
std::string arguments_without_tables(const fs::path& dir) {
  std::istringstream words(YAML::LoadFile((dir / "case.yaml").string())["command"].Scalar());
  std::string word, kept;
  words >> word;  // timeloop-model
  while (words >> word) {
    if (word == "ERT.yaml" || word == "ART.yaml") continue;
    kept.append(" ").append(cimloop::golden::shell_quote((dir / word).string()));
  }
  return kept;
}

class ModelWithoutTables : public ::testing::TestWithParam<std::string> {};

TEST_P(ModelWithoutTables, StatsAreByteIdentical) {
  fs::path dir = kCases / GetParam();
  fs::path out = fs::temp_directory_path() / ("cimloop_e2e_" + GetParam() + "_" + std::to_string(::getpid()));
  fs::create_directories(out);
  // Run in `out`: the Accelergy log goes to the current directory.
  std::string command = "cd " + out.string() + " && " + CIMLOOP_BIN_DIR + "/timeloop-model" +
                        arguments_without_tables(dir) + " -o " + out.string() + " > /dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_EQ(cimloop::golden::read_file(out / "timeloop-model.stats.txt"), cimloop::golden::read_file(dir / "expected/stats.txt"));
  EXPECT_EQ(cimloop::golden::read_file(out / "timeloop-model.ERT.yaml"), cimloop::golden::read_file(dir / "ERT.yaml"));
  EXPECT_EQ(cimloop::golden::read_file(out / "timeloop-model.ART.yaml"), cimloop::golden::read_file(dir / "ART.yaml"));
  for (const char* name : {"ERT_summary", "ART_summary", "flattened_architecture"}) {
    EXPECT_TRUE(fs::exists(out / ("timeloop-model." + std::string(name) + ".yaml"))) << name;
  }
  EXPECT_TRUE(fs::exists(out / "timeloop-model.accelergy.log"));
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(ReferenceRuns, ModelWithoutTables, ::testing::ValuesIn(cases_with_tables()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ModelWithoutTables);

}  // namespace
