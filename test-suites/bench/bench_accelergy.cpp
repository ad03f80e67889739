// Estimation time of the eyeriss_like ERT/ART from its processed input (target < 5 ms;
// Python Accelergy takes seconds). The input is parsed once; the estimators' data files are
// loaded on first use, outside the timed loop.
#include <filesystem>

#include <benchmark/benchmark.h>

#include "compat/accelergy/tables.hpp"
#include "compat/config/input_files.hpp"

namespace {

// `log`: record the queries, as the programs do; `verbose`: also the tables of `accelergy -v`.
void estimate_eyeriss_like(benchmark::State& state, bool log, bool verbose) {
  std::filesystem::path input = std::filesystem::path(CIMLOOP_FIXTURES_DIR) / "timeloop/ex-eyeriss_like/input.yaml";
  if (!std::filesystem::exists(input)) {
    state.SkipWithError("fixtures not found");
    return;
  }
  YAML::Node root = cimloop::compat::load_merged_inputs({input.string()}).root;
  cimloop::accelergy::EstimationOptions options;
  options.record_queries = log;
  options.verbose_tables = verbose;
  cimloop::accelergy::estimate_tables(root, options);  // warm-up: loads the data files
  for (auto _ : state) {
    cimloop::accelergy::AccelergyResult result = cimloop::accelergy::estimate_tables(root, options);
    benchmark::DoNotOptimize(result);
  }
}

void BM_AccelergyEyerissLike(benchmark::State& state) { estimate_eyeriss_like(state, false, false); }
BENCHMARK(BM_AccelergyEyerissLike)->Unit(benchmark::kMillisecond);

void BM_AccelergyEyerissLikeWithLog(benchmark::State& state) { estimate_eyeriss_like(state, true, false); }
BENCHMARK(BM_AccelergyEyerissLikeWithLog)->Unit(benchmark::kMillisecond);

void BM_AccelergyEyerissLikeVerbose(benchmark::State& state) { estimate_eyeriss_like(state, true, true); }
BENCHMARK(BM_AccelergyEyerissLikeVerbose)->Unit(benchmark::kMillisecond);

}  // namespace
