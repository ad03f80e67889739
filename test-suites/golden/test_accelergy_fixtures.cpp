// Re-estimates the ERT and ART of every reference run that has them, from its input.yaml
// alone, in compatibility mode: every action energy and every area must match to 1e-6
// relative, and the five Accelergy outputs must be byte-identical to the references.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "compat/accelergy/tables.hpp"
#include "compat/accelergy/yaml_writer.hpp"
#include "compat/config/input_files.hpp"

#include "test-suites/golden/golden_helpers.hpp"

namespace fs = std::filesystem;
using namespace cimloop;

namespace {

const fs::path kTimeloopFixtures = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop";

std::vector<std::string> cases_with_tables() {
  std::vector<std::string> names;
  if (!fs::is_directory(kTimeloopFixtures)) return names;
  for (const auto& entry : fs::directory_iterator(kTimeloopFixtures)) {
    if (fs::exists(entry.path() / "ERT.yaml") && fs::exists(entry.path() / "input.yaml")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

void expect_close(double actual, double expected, const std::string& what) {
  double tolerance = 1e-6 * std::max(std::fabs(actual), std::fabs(expected));
  EXPECT_LE(std::fabs(actual - expected), tolerance) << what << ": got " << actual << ", expected " << expected;
}

accelergy::AccelergyResult estimate_case(const fs::path& dir) {
  compat::MergedInput input = compat::load_merged_inputs({(dir / "input.yaml").string()});
  return accelergy::estimate_tables(input.root);
}

class AccelergyFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(AccelergyFixture, EveryActionEnergyAndAreaMatches) {
  fs::path dir = kTimeloopFixtures / GetParam();
  accelergy::AccelergyResult result = estimate_case(dir);
  YAML::Node expected_ert = YAML::LoadFile((dir / "ERT.yaml").string())["ERT"]["tables"];
  YAML::Node actual_ert = result.ert["ERT"]["tables"];
  ASSERT_EQ(actual_ert.size(), expected_ert.size());
  for (size_t i = 0; i < expected_ert.size(); ++i) {
    std::string name = expected_ert[i]["name"].Scalar();
    ASSERT_EQ(actual_ert[i]["name"].Scalar(), name);
    ASSERT_EQ(actual_ert[i]["actions"].size(), expected_ert[i]["actions"].size()) << name;
    for (size_t a = 0; a < expected_ert[i]["actions"].size(); ++a) {
      YAML::Node want = expected_ert[i]["actions"][a], got = actual_ert[i]["actions"][a];
      std::string action = name + "." + want["name"].Scalar();
      EXPECT_EQ(got["name"].Scalar(), want["name"].Scalar());
      expect_close(got["energy"].as<double>(), want["energy"].as<double>(), action);
    }
  }
  YAML::Node expected_art = YAML::LoadFile((dir / "ART.yaml").string())["ART"]["tables"];
  YAML::Node actual_art = result.art["ART"]["tables"];
  ASSERT_EQ(actual_art.size(), expected_art.size());
  for (size_t i = 0; i < expected_art.size(); ++i) {
    std::string name = expected_art[i]["name"].Scalar();
    ASSERT_EQ(actual_art[i]["name"].Scalar(), name);
    expect_close(actual_art[i]["area"].as<double>(), expected_art[i]["area"].as<double>(), name);
  }
}

TEST_P(AccelergyFixture, OutputFilesAreByteIdentical) {
  fs::path dir = kTimeloopFixtures / GetParam();
  accelergy::AccelergyResult result = estimate_case(dir);
  EXPECT_EQ(accelergy::to_accelergy_yaml(result.ert), cimloop::golden::read_file(dir / "ERT.yaml"));
  EXPECT_EQ(accelergy::to_accelergy_yaml(result.art), cimloop::golden::read_file(dir / "ART.yaml"));
  EXPECT_EQ(accelergy::to_accelergy_yaml(result.ert_summary), cimloop::golden::read_file(dir / "expected/ERT_summary.yaml"));
  EXPECT_EQ(accelergy::to_accelergy_yaml(result.art_summary), cimloop::golden::read_file(dir / "expected/ART_summary.yaml"));
  EXPECT_EQ(accelergy::to_accelergy_yaml(result.flattened_architecture),
            cimloop::golden::read_file(dir / "expected/flattened_architecture.yaml"));
}

INSTANTIATE_TEST_SUITE_P(TimeloopReferenceRuns, AccelergyFixture, ::testing::ValuesIn(cases_with_tables()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AccelergyFixture);

TEST(AccelergyFixtures, ArePresent) {
  if (cases_with_tables().empty()) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL() << "fixtures missing: " << kTimeloopFixtures;
    GTEST_SKIP() << "fixtures not found at " << kTimeloopFixtures;
  }
  EXPECT_GE(cases_with_tables().size(), 28u);
}

TEST(AccelergyFixtures, CliWritesTheFiveOutputs) {
  fs::path dir = kTimeloopFixtures / "ex-eyeriss_like";
  if (!fs::exists(dir)) GTEST_SKIP() << "fixtures not found";
  fs::path out = fs::temp_directory_path() / ("cimloop_accelergy_cli_" + std::to_string(::getpid()));
  std::string command = std::string(CIMLOOP_BIN_DIR) + "/accelergy " + (dir / "input.yaml").string() + " -o " +
                        out.string() + " --oprefix run. > /dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(cimloop::golden::read_file(out / "run.ERT.yaml"), cimloop::golden::read_file(dir / "ERT.yaml"));
  EXPECT_EQ(cimloop::golden::read_file(out / "run.ART.yaml"), cimloop::golden::read_file(dir / "ART.yaml"));
  EXPECT_EQ(cimloop::golden::read_file(out / "run.flattened_architecture.yaml"), cimloop::golden::read_file(dir / "expected/flattened_architecture.yaml"));
  fs::remove_all(out);
}

}  // namespace

namespace {

// Current Accelergy (HEAD) applies a compound's area_scale once and rounds to 6 significant
// figures; the spec (§2.5) lists the resulting eyeriss_like areas.
TEST(AccelergyCurrentToolchain, EyerissAreasAndRounding) {
  fs::path dir = kTimeloopFixtures / "ex-eyeriss_like";
  if (!fs::exists(dir)) GTEST_SKIP() << "fixtures not found";
  accelergy::EstimationOptions options;
  options.toolchain = estimators::Toolchain::current;
  compat::MergedInput input = compat::load_merged_inputs({(dir / "input.yaml").string()});
  accelergy::AccelergyResult result = accelergy::estimate_tables(input.root, options);
  std::map<std::string, double> area;
  for (const YAML::Node& entry : result.art["ART"]["tables"]) area[entry["name"].Scalar()] = entry["area"].as<double>();
  EXPECT_NEAR(area["system_top_level.ifmap_spad[1..168]"], 747.65, 0.01);
  EXPECT_NEAR(area["system_top_level.psum_spad[1..168]"], 989.02, 0.01);
  EXPECT_NEAR(area["system_top_level.weights_spad[1..168]"], 11632.9, 0.1);
  EXPECT_EQ(result.ert["ERT"]["tables"][1]["actions"][0]["energy"].Scalar(), "14.1379");
}

}  // namespace
