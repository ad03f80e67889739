// cimloop-explore's throughput: ResNet-18 (21 layers) x 8 array sizes x 4 operating points
// (672 work units) of examples/cim's basic_analog on one thread, from an empty cache, at the
// specification's (CiMLoop's) mapper settings. Counters: `units_per_s` (points x layers per
// second) and `speedup`, CiMLoop's per-layer time for basic_analog (its flow's wall time in
// cimloop-runs/basic_analog/default/timing.json) x units / our time.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <numeric>

#include "compat/cimloop/sweep_run.hpp"

namespace {

namespace fs = std::filesystem;
using namespace cimloop::compat::cimloop;

void BM_ExploreResnet18Grid(benchmark::State& state) {
  const fs::path timing = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop-runs" / "basic_analog" / "default" / "timing.json";
  if (!fs::exists(timing)) {
    state.SkipWithError("fixtures not found");
    return;
  }
  const double cimloop_seconds = YAML::LoadFile(timing.string())["python_run_mapper_s"].as<double>();
  const fs::path folder = fs::temp_directory_path() / ("cimloop-bench-explore-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ofstream(folder / "sweep.yaml")
      << "specification:\n  top: " << CIMLOOP_SOURCE_DIR << "/examples/cim/top.yaml.jinja2\n"
      << "  variables: {macro: basic_analog, system: ws_dummy_buffer_many_macro}\n"
      << "workloads: [{dnn: resnet18}]\n"
      << "axes:\n  - {name: size, set: [ARRAY_ROWS, ARRAY_COLUMNS], values: [32, 64, 128, 256, 512, 1024, 2048, 4096]}\n"
      << "  - {set: VOLTAGE, values: [0.7, 0.8, 0.9, 1.0]}\n";
  const SweepPlan plan = read_sweep((folder / "sweep.yaml").string());
  std::vector<std::size_t> units(plan.unit_count());
  std::iota(units.begin(), units.end(), 0);
  run_macro(plan.unit_spec(0));  // warm-up: the estimators' data files
  int iteration = 0;
  for (auto _ : state) {
    const SweepCache cache(plan, (folder / ("cache-" + std::to_string(iteration++))).string());
    const RunSummary summary = run_units(plan, cache, units, 1, false);
    if (summary.computed + summary.failed != units.size()) state.SkipWithError("not every unit ran");
  }
  fs::remove_all(folder);
  const double done = static_cast<double>(units.size()) * static_cast<double>(state.iterations());
  state.counters["units"] = static_cast<double>(units.size());
  state.counters["units_per_s"] = benchmark::Counter(done, benchmark::Counter::kIsRate);
  state.counters["cimloop_s_per_layer"] = cimloop_seconds;
  state.counters["speedup"] = benchmark::Counter(cimloop_seconds * done, benchmark::Counter::kIsRate);
}

BENCHMARK(BM_ExploreResnet18Grid)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
