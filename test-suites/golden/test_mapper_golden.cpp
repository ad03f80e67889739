// Golden suite for timeloop-mapper: for every mapper case under fixtures/timeloop, our mapper
// runs with the case's own settings and must find a mapping whose optimised metrics are equal
// to or better than the reference mapper's (both evaluated exactly by our model); the stats it
// writes must be what timeloop-model gives for its map.yaml. Wall times of both are recorded.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "golden_helpers.hpp"
#include "mapper_fixture.hpp"
#include "src/mapper/search.hpp"

namespace cimloop::golden {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop";
const fs::path kBin = CIMLOOP_BIN_DIR;

fs::path scratch_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("cimloop-mapper-golden-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string describe(const std::vector<mapper::Metric>& metrics, const std::vector<double>& values) {
  std::string text;
  for (std::size_t i = 0; i < metrics.size() && i < values.size(); ++i) {
    char number[64];
    std::snprintf(number, sizeof number, "%.6g", values[i]);
    text += (text.empty() ? "" : ", ") + mapper::metric_name(metrics[i]) + " " + number;
  }
  return text;
}

class TimeloopMapperGolden : public testing::TestWithParam<MapperCase> {};

TEST_P(TimeloopMapperGolden, EqualOrBetterThanReference) {
  const MapperCase& mapper_case = GetParam();
  const YAML::Node spec = YAML::LoadFile((mapper_case.dir / "case.yaml").string());
  const mapper::MapperSettings settings = fixture_mapper_settings(mapper_case.dir);

  const fs::path out = scratch_dir(mapper_case.name);
  const auto start = std::chrono::steady_clock::now();
  const int exit_code = run_in(mapper_case.dir,
                               shell_quote((kBin / "timeloop-mapper").string()) +
                                   " input.yaml ERT.yaml ART.yaml -o " + shell_quote(out.string()),
                               out);
  const double our_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string errors = read_file(out / "stderr.txt");
  ASSERT_EQ(exit_code, 0) << errors;

  const std::vector<double> ours = evaluate_map_file(mapper_case.dir, out / "timeloop-mapper.map.yaml", settings.metrics);
  const std::vector<double> reference =
      evaluate_map_file(mapper_case.dir, mapper_case.dir / "expected/mapper/map.yaml", settings.metrics);
  const YAML::Node reference_wall = spec["mapper"]["wall_s"];
  const std::string wall = reference_wall && !reference_wall.IsNull() ? reference_wall.as<std::string>() : "not recorded";
  RecordProperty("our_wall_s", std::to_string(our_wall));
  RecordProperty("reference_wall_s", wall);
  std::cout << "[ mapper   ] " << mapper_case.name << ": ours " << describe(settings.metrics, ours) << " in "
            << our_wall << " s; reference " << describe(settings.metrics, reference) << " in " << wall << " s\n";
  EXPECT_FALSE(mapper::better(reference, ours)) << "the reference mapping is better";

  // The mapper's stats and map.txt are timeloop-model's for the map.yaml it wrote.
  const fs::path replay = scratch_dir(mapper_case.name + "-replay");
  ASSERT_EQ(run_in(mapper_case.dir,
                   shell_quote((kBin / "timeloop-model").string()) + " model-input.yaml " +
                       shell_quote((out / "timeloop-mapper.map.yaml").string()) + " ERT.yaml ART.yaml -o " +
                       shell_quote(replay.string()),
                   replay),
            0)
      << read_file(replay / "stderr.txt");
  EXPECT_TRUE(read_file(replay / "timeloop-model.stats.txt") == read_file(out / "timeloop-mapper.stats.txt"));
  EXPECT_TRUE(read_file(replay / "timeloop-model.map.txt") == read_file(out / "timeloop-mapper.map.txt"));
  fs::remove_all(out);
  fs::remove_all(replay);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TimeloopMapperGolden, testing::ValuesIn(mapper_cases(kCases)), mapper_case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(TimeloopMapperGolden);

TEST(TimeloopMapperGoldenFixtures, Present) { CIMLOOP_REQUIRE_FIXTURES(kCases); }

// Bad constraints are reported with file, line and key, and nothing is written.
TEST(TimeloopMapperErrors, InvalidConstraintsAreClearErrors) {
  CIMLOOP_REQUIRE_FIXTURES(kCases);
  const fs::path dir = kCases / "ex-eyeriss_like";
  const fs::path out = scratch_dir("errors");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{target: DRAM, type: temporal, factors: X=2}", "constraints.yaml:3: factors: 'X=2': dimension X not found"},
      {"{target: inter_PE_spatial, type: spatial, factors: M=32}", "more than the fanout of 12"},
      {"{target: shared_glb, type: bypass, keep: [Psums]}", "data space Psums not found"},
      // Satisfiable constraints that no mapping fits: the search says why.
      {"{target: psum_spad, type: temporal, factors: M=32 Q=2}\n  - {target: psum_spad, type: bypass, keep: [Outputs]}",
       "no valid mapping found within the search criteria (e.g. psum_spad: tile size"},
  };
  for (const auto& [directive, message] : cases) {
    std::ofstream(out / "constraints.yaml") << "architecture_constraints:\n  targets:\n  - "
                                            << directive << "\n";
    const int exit_code = run_in(dir,
                                 shell_quote((kBin / "timeloop-mapper").string()) + " model-input.yaml " +
                                     shell_quote((out / "constraints.yaml").string()) + " ERT.yaml ART.yaml -o " +
                                     shell_quote(out.string()),
                                 out);
    EXPECT_EQ(exit_code, 1) << directive;
    const std::string errors = read_file(out / "stderr.txt");
    EXPECT_EQ(errors.rfind("ERROR: ", 0), 0u) << errors;
    EXPECT_NE(errors.find(message), std::string::npos) << errors;
    EXPECT_FALSE(fs::exists(out / "timeloop-mapper.map.yaml"));
  }
  fs::remove_all(out);
}

// Same inputs, seed and thread count: the same bytes, even with several threads.
TEST(TimeloopMapperDeterminism, SameOutputsForSameSeedAndThreads) {
  CIMLOOP_REQUIRE_FIXTURES(kCases);
  const fs::path dir = kCases / "ex-eyeriss_like";
  std::vector<std::string> outputs;
  for (int run = 0; run < 2; ++run) {
    const fs::path out = scratch_dir("determinism-" + std::to_string(run));
    ASSERT_EQ(run_in(dir,
                     shell_quote((kBin / "timeloop-mapper").string()) + " input.yaml ERT.yaml ART.yaml --seed 3 -o " +
                         shell_quote(out.string()),
                     out),
              0);
    outputs.push_back(read_file(out / "timeloop-mapper.map.yaml") + read_file(out / "timeloop-mapper.stats.txt"));
    fs::remove_all(out);
  }
  EXPECT_TRUE(outputs[0] == outputs[1]);
}

// Ctrl-C ends an unbounded search gracefully: the best mapping so far is written.
TEST(TimeloopMapperInterrupt, WritesBestSoFar) {
  CIMLOOP_REQUIRE_FIXTURES(kCases);
  const fs::path out = scratch_dir("interrupt");
  // The first file's `mapper` wins over the one in model-input.yaml.
  std::ofstream(out / "unbounded.yaml") << "mapper: {search_size: 0, victory_condition: 0, timeout: 0, num_threads: 2}\n";
  const std::string mapper = shell_quote((kBin / "timeloop-mapper").string()) + " " +
                             shell_quote((out / "unbounded.yaml").string()) +
                             " model-input.yaml ERT.yaml ART.yaml -o " + shell_quote(out.string());
  const int exit_code = run_in(kCases / "t01-06-mapper-convlayer-eyeriss",
                               "{ " + mapper + " & pid=$!; until grep -q Note " + shell_quote((out / "stdout.txt").string()) +
                                   " || ! kill -0 $pid; do sleep 0.05; done; sleep 0.5; kill -INT $pid; wait $pid; }", out);
  EXPECT_EQ(exit_code, 0) << read_file(out / "stderr.txt");
  EXPECT_NE(read_file(out / "stdout.txt").find("stopped early"), std::string::npos);
  EXPECT_TRUE(fs::exists(out / "timeloop-mapper.map.yaml"));
  EXPECT_TRUE(fs::exists(out / "timeloop-mapper.stats.txt"));
  fs::remove_all(out);
}

}  // namespace
}  // namespace cimloop::golden
