// Estimation time of the eyeriss_like ERT/ART from its processed input (target < 5 ms;
// Python Accelergy takes seconds). The input is parsed once; the estimators' data files are
// loaded on first use, outside the timed loop.
#include <filesystem>

#include <benchmark/benchmark.h>

#include "compat/accelergy/tables.hpp"
#include "compat/config/input_files.hpp"

namespace {

void BM_AccelergyEyerissLike(benchmark::State& state) {
  std::filesystem::path input = std::filesystem::path(CIMLOOP_FIXTURES_DIR) / "timeloop/ex-eyeriss_like/input.yaml";
  if (!std::filesystem::exists(input)) {
    state.SkipWithError("fixtures not found");
    return;
  }
  YAML::Node root = cimloop::compat::load_merged_inputs({input.string()}).root;
  cimloop::accelergy::estimate_tables(root);  // warm-up: loads the data files
  for (auto _ : state) {
    cimloop::accelergy::AccelergyResult result = cimloop::accelergy::estimate_tables(root);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_AccelergyEyerissLike)->Unit(benchmark::kMillisecond);

}  // namespace
