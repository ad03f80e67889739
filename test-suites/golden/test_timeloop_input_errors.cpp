// Bad processed Timeloop inputs (found by fuzzing): each gives exit status 1, one message that
// names the user's file, line and key, and writes no output file. Each case edits one file of
// our conv1d example (or adds one) and runs timeloop-model or timeloop-mapper on the result.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test-suites/golden/golden_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using cimloop::golden::quoted_words;
using cimloop::golden::read_file;
using cimloop::golden::run_in;

const fs::path kBin = fs::path(CIMLOOP_BIN_DIR);
const fs::path kExample = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "conv1d";

struct BadInput {
  std::string name;
  std::string program;  // timeloop-model or timeloop-mapper
  std::string file;     // the example file to edit, or a new file given after the example's
  std::string from, to;  // the edit (`from` empty: `to` is the new file's whole text)
  std::string message;   // expected in stderr, after "ERROR: "
};

void PrintTo(const BadInput& input, std::ostream* out) { *out << input.name; }

std::string deep_nesting(int levels) {
  std::string text = "zz:\n";
  for (int i = 0; i < levels; ++i) text += std::string(2 * (i + 1), ' ') + "a:\n";
  return text + std::string(2 * (levels + 1), ' ') + "1\n";
}

const std::string kConstraints =
    "architecture_constraints:\n"
    "  targets:\n"
    "  - {target: Buffer, type: temporal, split: abc}\n";

std::vector<BadInput> cases() {
  const std::string buffer = "{depth: 64, width: 8, datawidth: 8, cluster_size: 1}";
  auto buffer_with = [&](const std::string& attributes) { return "{" + attributes + "}"; };
  return {
      {"ZeroDatawidth", "timeloop-model", "arch.yaml", buffer,
       buffer_with("depth: 64, width: 8, datawidth: 0, cluster_size: 1"), "arch.yaml:13: datawidth: must be at least 1, got 0"},
      {"NegativeWidth", "timeloop-model", "arch.yaml", buffer,
       buffer_with("depth: 64, width: -8, datawidth: 8, cluster_size: 1"), "arch.yaml:13: width: must be at least 1, got -8"},
      {"NegativeWidthInTheMapper", "timeloop-mapper", "arch.yaml", buffer,
       buffer_with("depth: 64, width: -8, datawidth: 8, cluster_size: 1"), "arch.yaml:13: width: must be at least 1, got -8"},
      {"DepthPast64Bits", "timeloop-model", "arch.yaml", buffer,
       buffer_with("depth: 4611686018427387904, width: 32, datawidth: 8"),
       "arch.yaml:13: Buffer: sizes multiply past the 64-bit range"},
      {"WidthPast64Bits", "timeloop-model", "arch.yaml", buffer,
       buffer_with("depth: 64, width: 99999999999999999999, datawidth: 8"),
       "arch.yaml:13: width: 99999999999999999999 does not fit in a 64-bit integer"},
      {"ZeroMultipleBuffering", "timeloop-model", "arch.yaml", buffer,
       buffer_with("depth: 64, width: 8, datawidth: 8, multiple_buffering: 0"),
       "arch.yaml:13: multiple_buffering: must be a finite number > 0, got 0"},
      {"NegativeMultipleBuffering", "timeloop-mapper", "arch.yaml", buffer,
       buffer_with("depth: 64, width: 8, datawidth: 8, multiple_buffering: -1"),
       "arch.yaml:13: multiple_buffering: must be a finite number > 0, got -1"},
      {"NegativeCyclePeriod", "timeloop-model", "arch.yaml", buffer,
       buffer_with("depth: 64, width: 8, datawidth: 8, global_cycle_seconds: -1e-9"),
       "arch.yaml:13: global_cycle_seconds: must be a finite number > 0, got -1e-9"},
      {"NameRangeNotNumbers", "timeloop-model", "arch.yaml", "name: Buffer[1..1]", "name: Buffer[a..b]",
       "arch.yaml:11: name: Buffer[a..b]: an instance range [first..last] needs two non-negative integers"},
      {"NegativeEnergy", "timeloop-model", "ERT.yaml", "{name: compute, energy: 0.8}",
       "{name: compute, energy: -185.797}", "ERT.yaml:19: energy: must be a finite number >= 0, got -185.797"},
      {"NanEnergy", "timeloop-model", "ERT.yaml", "{name: read, energy: 0.5}", "{name: read, energy: .nan}",
       "ERT.yaml:13: energy: must be a finite number >= 0, got .nan"},
      {"NegativeArea", "timeloop-model", "ART.yaml", "area: 300.0", "area: -300.0",
       "ART.yaml:10: area: must be a finite number >= 0, got -300.0"},
      {"AreaBeyondFloat", "timeloop-model", "ART.yaml", "area: 300.0", "area: 1e308",
       "ART.yaml:10: area: area 1e308 is beyond the range Timeloop stores areas in"},
      {"ZeroDilation", "timeloop-model", "problem.yaml", "[[[R], [P]]]}\n    - {name: Outputs, projection: [[[P]]], read_write: true}\n  instance: {R: 3, P: 16}",
       "[[[R, Wdilation], [P]]]}\n    - {name: Outputs, projection: [[[P]]], read_write: true}\n"
       "    coefficients: [{name: Wdilation, default: 1}]\n  instance: {R: 3, P: 16, Wdilation: 0}",
       "problem.yaml:11: Wdilation: a coefficient (stride, dilation) must not be 0"},
      {"ProblemPast64Bits", "timeloop-model", "problem.yaml", "P: 16", "P: 4611686018427387904",
       "problem.yaml:10: instance: the problem is too large"},
      {"FactorPast64Bits", "timeloop-model", "map.yaml", "R=1 P=4", "R=1 P=99999999999999999999",
       "map.yaml:4: factors: parsing factors: R=1 P=99999999999999999999: 99999999999999999999 does not fit"},
      {"FactorProductPast64Bits", "timeloop-model", "map.yaml", "R=1 P=4", "R=1 P=4611686018427387904",
       "parsing mapping: product of all factors of dimension P is past the 64-bit range"},
      {"ImperfectFactorPast64Bits", "timeloop-model", "map.yaml", "factors: R=1 P=4",
       "factors: \"R=1 P=4611686018427387904,4\"", "parsing mapping: the factors of dimension P multiply past the 64-bit range"},
      {"ConstraintNotANumber", "timeloop-mapper", "constraints.yaml", "", kConstraints,
       "constraints.yaml:3: split: expected a number"},
      {"ZeroThreads", "timeloop-mapper", "mapper.yaml", "", "mapper: {num_threads: 0}\n",
       "mapper.yaml:1: num_threads: must be at least 1, got 0"},
      {"DeepNesting", "timeloop-model", "deep.yaml", "", deep_nesting(1000),
       "deep.yaml:499: YAML syntax error: lists and maps are nested too deeply"},
  };
}

class TimeloopInputErrors : public testing::TestWithParam<BadInput> {
 protected:
  void SetUp() override { dir_ = cimloop::golden::fresh_test_directory("cimloop-input-errors"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_P(TimeloopInputErrors, ExitOneWithOneLocatedMessageAndNoOutput) {
  const BadInput& c = GetParam();
  std::vector<std::string> files;
  for (const char* name : {"arch.yaml", "problem.yaml", "map.yaml", "ERT.yaml", "ART.yaml"}) {
    if (c.program == "timeloop-mapper" && std::string(name) == "map.yaml") continue;
    std::string text = read_file(kExample / name);
    if (c.file == name) {
      const std::size_t at = text.find(c.from);
      ASSERT_NE(at, std::string::npos) << c.from << " not in " << name;
      text.replace(at, c.from.size(), c.to);
    }
    std::ofstream(dir_ / name) << text;
    files.push_back(name);
  }
  if (c.from.empty()) {
    std::ofstream(dir_ / c.file) << c.to;
    files.push_back(c.file);
  }
  fs::create_directory(dir_ / "out");
  const std::string command = cimloop::golden::shell_quote((kBin / c.program).string()) + " " +
                              quoted_words(files) + " -o out";
  EXPECT_EQ(run_in(dir_, command, dir_), 1) << read_file(dir_ / "stderr.txt");
  const std::string errors = read_file(dir_ / "stderr.txt");
  EXPECT_EQ(errors.rfind("ERROR: ", 0), 0u) << errors;
  EXPECT_NE(errors.find("ERROR: " + c.message), std::string::npos) << errors;
  EXPECT_EQ(errors.find("internal error"), std::string::npos) << errors;
  EXPECT_TRUE(fs::is_empty(dir_ / "out")) << "outputs written";
}

INSTANTIATE_TEST_SUITE_P(Cases, TimeloopInputErrors, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<BadInput>& info) { return info.param.name; });

// With no ERT given the tables are estimated: a run that fails still writes none of them (ERT,
// ART, summaries, flattened architecture, accelergy log), neither in -o nor in the working
// directory. The buffer holds 2 words: the model's mapping and every constrained search fail.
class TimeloopInputErrorsNoTables : public testing::TestWithParam<std::string> {};

TEST_P(TimeloopInputErrorsNoTables, FailedRunWritesNoEstimatedTables) {
  const std::string program = GetParam();
  const fs::path dir = cimloop::golden::fresh_test_directory("cimloop-input-errors");
  std::string arch = read_file(kExample / "arch.yaml");
  arch.replace(arch.find("  - name: system\n"), 16,
               "  - name: system\n    attributes: {technology: \"45nm\", global_cycle_seconds: 1e-9}\n");
  arch.replace(arch.find("depth: 64"), 9, "depth: 2");
  arch.replace(arch.find("{datawidth: 8}"), 14, "{datawidth: 8, width: 8}");
  std::ofstream(dir / "arch.yaml") << arch;
  std::ofstream(dir / "constraints.yaml") << "architecture_constraints:\n  targets:\n"
                                             "  - {target: Buffer, type: bypass, keep: [Weights, Inputs, Outputs]}\n"
                                             "  - {target: Buffer, type: temporal, factors: R=3 P=16}\n"
                                             "mapper: {timeout: 100, victory_condition: 10}\n";
  std::vector<std::string> files = {"arch.yaml", (kExample / "problem.yaml").string()};
  files.push_back(program == "timeloop-model" ? (kExample / "map.yaml").string() : "constraints.yaml");
  fs::create_directory(dir / "out");
  const std::string command =
      cimloop::golden::shell_quote((kBin / program).string()) + " " + quoted_words(files) + " -o out";
  EXPECT_EQ(run_in(dir, command, dir), 1) << read_file(dir / "stderr.txt");
  const std::string expected = program == "timeloop-model" ? "ERROR: couldn't map level Buffer" : "ERROR: no valid mapping found";
  EXPECT_NE(read_file(dir / "stderr.txt").find(expected), std::string::npos) << read_file(dir / "stderr.txt");
  EXPECT_TRUE(fs::is_empty(dir / "out"));
  for (const auto& entry : fs::directory_iterator(dir))
    EXPECT_EQ(entry.path().filename().string().rfind(program + ".", 0), std::string::npos) << entry.path();
  fs::remove_all(dir);
}

// An output that cannot be replaced (here a directory in the way of the map file) fails the
// run before any file is written: the stats file, which comes first, is not left behind.
TEST(TimeloopOutputErrors, UnwritableOutputWritesNothing) {
  const fs::path dir = cimloop::golden::fresh_test_directory("cimloop-output-errors");
  fs::create_directories(dir / "out" / "timeloop-model.map.txt");
  std::vector<std::string> files;
  for (const char* name : {"arch.yaml", "problem.yaml", "map.yaml", "ERT.yaml", "ART.yaml"})
    files.push_back((kExample / name).string());
  const std::string command =
      cimloop::golden::shell_quote((kBin / "timeloop-model").string()) + " " + quoted_words(files) + " -o out";
  EXPECT_EQ(run_in(dir, command, dir), 1);
  EXPECT_EQ(read_file(dir / "stderr.txt"), "ERROR: out/timeloop-model.map.txt: cannot write output file (a directory)\n");
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir / "out")) left.push_back(entry.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{"timeloop-model.map.txt"});
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Programs, TimeloopInputErrorsNoTables, testing::Values("timeloop-model", "timeloop-mapper"));

}  // namespace
