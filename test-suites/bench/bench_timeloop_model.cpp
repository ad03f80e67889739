// timeloop-model speed on the eyeriss_like reference case: in-process evaluations of the fixed
// reference mapping (target >= 100,000/s on one core) and the whole program run as a process
// (target < 10 ms wall time).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "model_evaluation_bench.hpp"
#include "src/model/evaluation.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

const fs::path kCase = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop" / "ex-eyeriss_like";

std::vector<std::string> case_files() {
  std::vector<std::string> files;
  for (const char* name : {"model-input.yaml", "map.yaml", "ERT.yaml", "ART.yaml"}) files.push_back((kCase / name).string());
  return files;
}

void BM_EyerissEvaluate(benchmark::State& state) {
  if (!fs::is_directory(kCase)) {
    state.SkipWithError("fixtures absent");
    return;
  }
  const cimloop::compat::MergedInput merged = cimloop::compat::load_merged_inputs(case_files());
  cimloop::compat::ModelInputs inputs = cimloop::compat::load_model_inputs(merged);
  cimloop::bench::evaluate_mapping_repeatedly(state, merged, inputs);
}
// The machine is usually shared, so repetitions also report their best run.
double minimum(const std::vector<double>& values) { return *std::min_element(values.begin(), values.end()); }

BENCHMARK(BM_EyerissEvaluate)->Repetitions(10)->ComputeStatistics("min", minimum);

void BM_EyerissProcess(benchmark::State& state) {
  if (!fs::is_directory(kCase)) {
    state.SkipWithError("fixtures absent");
    return;
  }
  const fs::path out = fs::temp_directory_path() / ("cimloop-bench-" + std::to_string(::getpid()));
  fs::create_directories(out);
  const std::string binary = (fs::path(CIMLOOP_BIN_DIR) / "timeloop-model").string();
  std::vector<std::string> args = {binary};
  for (const std::string& file : case_files()) args.push_back(file);
  args.push_back("-o");
  args.push_back(out.string());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  for (auto _ : state) {
    pid_t pid = 0;
    if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
      state.SkipWithError("cannot start timeloop-model");
      break;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError("timeloop-model failed");
      break;
    }
  }
  posix_spawn_file_actions_destroy(&actions);
  fs::remove_all(out);
}
BENCHMARK(BM_EyerissProcess)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ComputeStatistics("min", minimum);

}  // namespace
