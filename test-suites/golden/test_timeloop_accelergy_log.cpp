// timeloop-model and timeloop-mapper estimating the energy/area tables themselves leave what
// Timeloop's Accelergy run leaves (spec §1.3-1.4): the Accelergy files in the output directory
// and <prefix>.accelergy.log in the current directory (tutorial 02 reads
// outputs/timeloop-mapper.accelergy.log after timeloopfe ran the mapper in outputs/), naming the
// estimator of every query. All of it at the end of a successful run, none after a failure.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "test-suites/golden/golden_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using cimloop::golden::quoted_words;
using cimloop::golden::read_file;
using cimloop::golden::run_in;

const fs::path kDesign = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "simple_weight_stationary";
const char* const kTables[] = {"ERT", "ART", "ERT_summary", "ART_summary", "flattened_architecture"};

class TimeloopAccelergyLog : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = cimloop::golden::fresh_test_directory("cimloop-accelergy-log");
    for (const char* sub : {"cwd", "out", "logs"}) fs::create_directories(dir_ / sub);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `program` on `files` from dir/cwd with -o dir/out; the exit status.
  int run(const std::string& program, std::vector<std::string> files) {
    files.insert(files.begin(), (fs::path(CIMLOOP_BIN_DIR) / program).string());
    files.insert(files.end(), {"-o", (dir_ / "out").string()});
    return run_in(dir_ / "cwd", quoted_words(files), dir_ / "logs");
  }
  std::vector<std::string> design(const std::string& map = "") const {
    return {(kDesign / "arch.yaml").string(), (kDesign / "problem.yaml").string(),
            map.empty() ? (kDesign / "map.yaml").string() : map};
  }
  std::string err() const { return read_file(dir_ / "logs" / "stderr.txt"); }

  // Every component of the written ERT has its queries in the log, and every file is listed.
  void expect_complete_log(const std::string& prefix) {
    const fs::path log = dir_ / "cwd" / (prefix + ".accelergy.log");
    ASSERT_TRUE(fs::exists(log));
    EXPECT_FALSE(fs::exists(dir_ / "out" / (prefix + ".accelergy.log")));
    const std::string text = read_file(log);
    const YAML::Node ert = YAML::LoadFile((dir_ / "out" / (prefix + ".ERT.yaml")).string());
    for (const YAML::Node& entry : ert["ERT"]["tables"])
      EXPECT_NE(text.find("ENERGY ESTIMATION for " + entry["name"].Scalar()), std::string::npos) << entry["name"];
    EXPECT_NE(text.find("AREA ESTIMATION for system_top_level.pe_spad[1..256].storage: SRAM("), std::string::npos);
    EXPECT_NE(text.find("CactiSRAM estimated "), std::string::npos);
    for (const char* table : kTables) {
      const std::string path = (dir_ / "out" / (prefix + "." + table + ".yaml")).string();
      EXPECT_TRUE(fs::exists(path)) << path;
      EXPECT_NE(text.find("is saved to:\nINFO        " + path + "\n"), std::string::npos) << path;
    }
  }

  fs::path dir_;
};

TEST_F(TimeloopAccelergyLog, ModelWritesTheLogInTheCurrentDirectory) {
  ASSERT_EQ(run("timeloop-model", design()), 0) << err();
  expect_complete_log("timeloop-model");
}

TEST_F(TimeloopAccelergyLog, MapperWritesTheLogInTheCurrentDirectory) {
  std::ofstream(dir_ / "mapper.yaml") << "mapper: {search_size: 50, victory_condition: 10, num_threads: 1}\n";
  std::vector<std::string> files = design();
  files.back() = (dir_ / "mapper.yaml").string();
  ASSERT_EQ(run("timeloop-mapper", files), 0) << err();
  EXPECT_TRUE(fs::exists(dir_ / "out" / "timeloop-mapper.stats.txt"));
  expect_complete_log("timeloop-mapper");
}

TEST_F(TimeloopAccelergyLog, GivenTablesMeanNoAccelergyRun) {
  const fs::path conv1d = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "conv1d";
  std::vector<std::string> files;
  for (const char* name : {"arch.yaml", "problem.yaml", "map.yaml", "ERT.yaml", "ART.yaml"})
    files.push_back((conv1d / name).string());
  ASSERT_EQ(run("timeloop-model", files), 0) << err();
  EXPECT_TRUE(fs::is_empty(dir_ / "cwd"));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "timeloop-model.ERT.yaml"));
}

TEST_F(TimeloopAccelergyLog, FailedRunWritesNothing) {
  // The mapping's Q factors multiply to 56 instead of 112: rejected after the estimation.
  std::string map = read_file(kDesign / "map.yaml");
  const size_t q = map.find("Q=14");
  ASSERT_NE(q, std::string::npos);
  map.replace(q, 4, "Q=7");
  std::ofstream(dir_ / "bad-map.yaml") << map;
  EXPECT_EQ(run("timeloop-model", design((dir_ / "bad-map.yaml").string())), 1);
  EXPECT_NE(err().find("ERROR: "), std::string::npos) << err();
  EXPECT_TRUE(fs::is_empty(dir_ / "cwd"));
  EXPECT_TRUE(fs::is_empty(dir_ / "out"));
}

}  // namespace
