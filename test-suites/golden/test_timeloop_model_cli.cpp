// The timeloop-model program as users call it (spec §1): our own example end to end, output
// prefix and directory, libconfig legacy input, and failures that leave no outputs behind.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../unit/model_test_inputs.hpp"

#include "test-suites/golden/golden_helpers.hpp"

namespace {

using cimloop::golden::read_file;

namespace fs = std::filesystem;

const fs::path kBinary = fs::path(CIMLOOP_BIN_DIR) / "timeloop-model";
const fs::path kExample = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "conv1d";

class TimeloopModelCli : public testing::Test {
 protected:
  void SetUp() override { dir_ = cimloop::golden::fresh_test_directory("cimloop-cli"); }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the program with `args` (already quoted) and returns its exit status.
  int run(const std::string& args) {
    std::string command = cimloop::golden::shell_quote(kBinary.string());
    command.append(" ").append(args).append(" >").append(cimloop::golden::shell_quote((dir_ / "stdout").string()));
    command.append(" 2>").append(cimloop::golden::shell_quote((dir_ / "stderr").string()));
    const int status = std::system(command.c_str());
    return WEXITSTATUS(status);
  }
  std::string example_files() const {
    std::vector<std::string> files;
    for (const char* name : {"arch.yaml", "problem.yaml", "map.yaml", "ERT.yaml", "ART.yaml"})
      files.push_back((kExample / name).string());
    return cimloop::golden::quoted_words(files) + " ";
  }

  fs::path dir_;
};

TEST_F(TimeloopModelCli, RunsOurExample) {
  ASSERT_EQ(run(example_files() + "-o '" + dir_.string() + "'"), 0) << read_file(dir_ / "stderr");
  for (const char* file : {"stats.txt", "map.txt", "map.tenssella.txt"})
    EXPECT_TRUE(fs::exists(dir_ / (std::string("timeloop-model.") + file))) << file;
  const std::string out = read_file(dir_ / "stdout");
  EXPECT_EQ(out.rfind("input file: ", 0), 0u);
  // MAC 48 x 0.8 pJ, main memory 6 vector accesses x 100 pJ, buffer 105.45 pJ over 48 computes.
  EXPECT_NE(out.find("Utilization = 1.00 | pJ/Compute =   15.497\n"), std::string::npos) << out;
}

TEST_F(TimeloopModelCli, OutputPrefixFromModelSection) {
  std::ofstream(dir_ / "model.yaml") << "model: {out_prefix: mine}\n";
  ASSERT_EQ(run(example_files() + "'" + (dir_ / "model.yaml").string() + "' -o '" + dir_.string() + "'"), 0);
  EXPECT_TRUE(fs::exists(dir_ / "mine.stats.txt"));
  EXPECT_FALSE(fs::exists(dir_ / "timeloop-model.stats.txt"));
}

TEST_F(TimeloopModelCli, BadOutputDirectory) {
  EXPECT_EQ(run(example_files() + "-o '" + (dir_ / "missing").string() + "'"), 1);
  EXPECT_NE(read_file(dir_ / "stderr").find("ERROR: cannot access output directory"), std::string::npos);
}

TEST_F(TimeloopModelCli, FailedMappingWritesNothing) {
  std::ofstream(dir_ / "map.yaml") << "mapping:\n"
                                      "- {target: Buffer, type: temporal, factors: R=3 P=8, permutation: RP}\n"
                                      "- {target: MainMemory, type: temporal, factors: R=1 P=1, permutation: RP}\n";
  const std::string files = cimloop::golden::quoted_words(
      {(kExample / "arch.yaml").string(), (kExample / "problem.yaml").string(), (dir_ / "map.yaml").string(),
       (kExample / "ERT.yaml").string(), (kExample / "ART.yaml").string(), "-o", dir_.string()});
  EXPECT_EQ(run(files), 1);
  EXPECT_EQ(read_file(dir_ / "stderr"),
            "ERROR: parsing mapping: product of all factors of dimension P is 8, which is not equal to the dimension "
            "size of the workload 16.\n");
  EXPECT_FALSE(fs::exists(dir_ / "timeloop-model.stats.txt"));
  EXPECT_FALSE(fs::exists(dir_ / "timeloop-model.map.txt"));
}

TEST_F(TimeloopModelCli, LibconfigLegacyInputWithBuiltInEnergies) {
  std::ofstream(dir_ / "legacy.cfg") << cimloop::testing::kLegacyConv1dCfg;
  ASSERT_EQ(run(cimloop::golden::quoted_words({(dir_ / "legacy.cfg").string(), "-o", dir_.string()})), 0)
      << read_file(dir_ / "stderr");
  const std::string stats = read_file(dir_ / "timeloop-model.stats.txt");
  EXPECT_NE(stats.find("Vector access energy source     : PAT"), std::string::npos);
  EXPECT_NE(stats.find("Computes = 48\n"), std::string::npos);
}

}  // namespace
