// Golden suite: timeloop-model replays the mapping of every CiMLoop reference run
// (fixtures/cimloop-runs/<macro>/default) and writes the mapper's stats.txt and map.txt byte
// for byte.
//
// The model input is what the fixtures README describes for the mapper runs of
// fixtures/timeloop: the processed input Timeloop received (machine paths restored) without its
// `mapping:` and `architecture_constraints:`, the run's map.yaml, ERT.yaml and ART.yaml, and the
// environment timeloopfe sets from `globals.environment_variables`. The reference mapper's
// map.yaml leaves out two things of the mapping it evaluated, which the test restores the way
// our mapper derives them (compat::mapper_output_mapping) before
// writing the map with our map.yaml writer: the constraints' reuse directives (no_reuse,
// no_link_transfer, rmw_first_update, no_coalesce) and the residuals of imperfect factors
// (raella's "Y6" is "Y6,4": 16 weight bits over 3 x 6 columns).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/map_yaml_writer.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/timeloop/mapper_run.hpp"
#include "test-suites/golden/golden_helpers.hpp"

namespace {

using cimloop::golden::quoted_words;
using cimloop::golden::read_file;
using cimloop::golden::run_in;
using cimloop::golden::shell_quote;

namespace fs = std::filesystem;

const fs::path kRuns = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop-runs";
const fs::path kWorkspace = fs::path(CIMLOOP_FIXTURES_DIR) / ".." / "clients" / "cimloop";
const fs::path kBinary = fs::path(CIMLOOP_BIN_DIR) / "timeloop-model";

std::vector<std::string> find_runs() {
  std::vector<std::string> macros;
  if (!fs::is_directory(kRuns)) return macros;
  for (const auto& entry : fs::directory_iterator(kRuns))
    if (fs::exists(entry.path() / "default" / "parsed-processed-input.yaml")) macros.push_back(entry.path().filename());
  std::sort(macros.begin(), macros.end());
  return macros;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

struct ReplayInputs {
  fs::path input, map;
  std::vector<std::string> environment;  // NAME=VALUE
};

// Writes the model input and the completed map of run `dir` into `out`.
ReplayInputs prepare_replay(const fs::path& dir, const fs::path& out) {
  const YAML::Node processed = YAML::Load(replaced(read_file(dir / "parsed-processed-input.yaml"),
                                                   "${CIMLOOP_WORKSPACE}", fs::absolute(kWorkspace).lexically_normal().string()));
  YAML::Node input;
  for (const auto& entry : processed) {
    const std::string key = entry.first.Scalar();
    if (key != "mapping" && key != "architecture_constraints") input[key] = entry.second;
  }
  ReplayInputs replay{out / "input.yaml", out / "map.yaml", {}};
  YAML::Emitter emitter;
  emitter << input;
  write_text(replay.input, std::string(emitter.c_str()) + "\n");
  for (const auto& variable : processed["globals"]["environment_variables"])
    replay.environment.push_back(variable.first.Scalar() + "=" + variable.second.Scalar());

  const cimloop::compat::MergedInput merged = cimloop::compat::load_merged_inputs(
      {replay.input.string(), (dir / "timeloop-mapper.ERT.yaml").string(), (dir / "timeloop-mapper.ART.yaml").string()});
  cimloop::compat::MergedInput with_constraints = merged;
  with_constraints.root = processed;
  cimloop::compat::ModelInputs inputs = cimloop::compat::load_model_inputs(merged);
  const cimloop::compat::RebuiltMapping mapping =
      cimloop::compat::mapper_output_mapping((dir / "timeloop-mapper.map.yaml").string(), with_constraints, inputs);
  write_text(replay.map, cimloop::compat::format_map_yaml(mapping.spec, inputs.arch, inputs.workload) + "\n");
  return replay;
}

class CimloopRunsModel : public testing::TestWithParam<std::string> {};

TEST_P(CimloopRunsModel, ReplaysTheMappersStatsAndMap) {
  const fs::path dir = kRuns / GetParam() / "default";
  const fs::path out = fs::temp_directory_path() / ("cimloop-runs-" + std::to_string(::getpid()) + "-" + GetParam());
  fs::remove_all(out);
  fs::create_directories(out);
  const ReplayInputs replay = prepare_replay(dir, out);
  std::vector<std::string> command = {"env"};
  command.insert(command.end(), replay.environment.begin(), replay.environment.end());
  command.push_back(kBinary.string());
  for (const fs::path& file : {replay.input, replay.map, dir / "timeloop-mapper.ERT.yaml", dir / "timeloop-mapper.ART.yaml"})
    command.push_back(file.string());
  command.insert(command.end(), {"-o", out.string()});
  ASSERT_EQ(run_in(out, quoted_words(command), out), 0) << read_file(out / "stderr.txt");
  for (const char* file : {"stats.txt", "map.txt"}) {
    const std::string produced = read_file(out / (std::string("timeloop-model.") + file));
    EXPECT_TRUE(produced == read_file(dir / (std::string("timeloop-mapper.") + file)))
        << file << " differs from the reference (kept in " << out << ")";
  }
  if (!HasFailure()) fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CimloopRunsModel, testing::ValuesIn(find_runs()),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CimloopRunsModel);

TEST(CimloopRunsModelFixtures, Present) { CIMLOOP_REQUIRE_FIXTURES(kRuns); }

}  // namespace
