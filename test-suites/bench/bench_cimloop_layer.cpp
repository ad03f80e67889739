// One CiMLoop layer end to end, as CiMLoop's flow runs it per layer (quick_run: its raw
// top.yaml.jinja2 processed, every component estimated, the mapper's search at the
// specification's settings, the best mapping summarised), against the wall time CiMLoop's
// Python flow took for the same run (cimloop-runs/<macro>/default/timing.json,
// python_run_mapper_s). Counters: `cimloop_s` and `speedup` (CiMLoop's time / ours).
// The first run of a process also reads the estimators' data files; it is left out, as
// CiMLoop's plug-in start-up is part of every one of its runs.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

#include "compat/cimloop/macro_run.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kRuns = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop-runs";
const fs::path kTop = fs::path(CIMLOOP_FIXTURES_DIR) / ".." / "clients" / "cimloop" / "models" / "top.yaml.jinja2";

void BM_CimloopLayer(benchmark::State& state, const std::string& macro) {
  const fs::path timing = kRuns / macro / "default" / "timing.json";
  if (!fs::exists(timing) || !fs::exists(kTop)) {
    state.SkipWithError("fixtures not found");
    return;
  }
  const double cimloop_seconds = YAML::LoadFile(timing.string())["python_run_mapper_s"].as<double>();
  const auto spec = cimloop::compat::cimloop::quick_run(kTop.string(), macro);
  cimloop::compat::cimloop::run_macro(spec);  // warm-up: data files
  for (auto _ : state) benchmark::DoNotOptimize(cimloop::compat::cimloop::run_macro(spec));
  state.counters["cimloop_s"] = cimloop_seconds;
  state.counters["speedup"] =
      benchmark::Counter(cimloop_seconds * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_CimloopLayer, basic_analog, std::string("basic_analog"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CimloopLayer, example_traditional, std::string("example_traditional"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CimloopLayer, jia_jssc_2020, std::string("jia_jssc_2020"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CimloopLayer, raella_isca_2023, std::string("raella_isca_2023"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CimloopLayer, sinangil_jssc_2021, std::string("sinangil_jssc_2021"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CimloopLayer, wang_vlsi_2022, std::string("wang_vlsi_2022"))->Unit(benchmark::kMillisecond);

}  // namespace
