// Time to turn raw v0.4 specifications into the processed form (what timeloopfe takes seconds
// of Python for): the exercises' Jinja2 entry point with eyeriss_like, and our own example.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "compat/v04/process_v04.hpp"

namespace {

namespace fs = std::filesystem;
using namespace cimloop::compat::v04;

void BM_ProcessExerciseTemplate(benchmark::State& state) {
  const fs::path entry = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop-raw/example_designs/example_designs/top.yaml.jinja2";
  if (!fs::exists(entry)) {
    state.SkipWithError("fixtures not found");
    return;
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(process_v04({entry.string()}, {{"architecture", "eyeriss_like"}}, Purpose::Mapper));
}
BENCHMARK(BM_ProcessExerciseTemplate)->Unit(benchmark::kMillisecond);

void BM_ProcessOwnExample(benchmark::State& state) {
  const fs::path dir = fs::path(CIMLOOP_SOURCE_DIR) / "examples/eyeriss_like";
  const std::vector<std::string> files = {(dir / "arch.yaml").string(), (dir / "problem.yaml").string(),
                                          (dir / "map.yaml").string()};
  for (auto _ : state) benchmark::DoNotOptimize(process_v04(files, {}, Purpose::Model));
}
BENCHMARK(BM_ProcessOwnExample)->Unit(benchmark::kMillisecond);

}  // namespace
