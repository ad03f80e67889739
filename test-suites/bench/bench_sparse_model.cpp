// Sparse model speed on sparseloop 04.2.1 (eyeriss-like with gating, compressed activations
// in DRAM): in-process evaluations of the reference mapping with the sparse model, and the
// dense model on the same loop nest. Target: the sparse evaluation costs at most twice the
// dense one.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "src/model/evaluation.hpp"
#include "src/sparse/sparse_evaluator.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kCase = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop" / "sparseloop-04.2.1-eyeriss-like-gating";

struct Case {
  cimloop::compat::MergedInput merged;
  cimloop::compat::ModelInputs inputs;
  cimloop::mapping::MappingSpec spec;
  cimloop::mapping::Mapping mapping;
};

Case load_case() {
  Case c;
  std::vector<std::string> files;
  for (const char* name : {"model-input.yaml", "map.yaml", "ERT.yaml", "ART.yaml"}) files.push_back((kCase / name).string());
  c.merged = cimloop::compat::load_merged_inputs(files);
  c.inputs = cimloop::compat::load_model_inputs(c.merged);
  c.spec = cimloop::compat::load_mapping_spec(c.merged, c.inputs);
  c.mapping = cimloop::mapping::build_mapping(c.spec, c.inputs.arch, c.inputs.workload);
  return c;
}

void BM_SparseGatingEvaluate(benchmark::State& state) {
  if (!fs::is_directory(kCase)) {
    state.SkipWithError("fixtures absent");
    return;
  }
  Case c = load_case();
  cimloop::sparse::SparseEvaluator evaluator(c.inputs.arch, c.inputs.workload, *c.inputs.sparse);
  for (auto _ : state) {
    const cimloop::sparse::SparseEvalResult& result = evaluator.evaluate(c.spec, c.mapping);
    benchmark::DoNotOptimize(result.totals.energy);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SparseGatingDenseEvaluate(benchmark::State& state) {
  if (!fs::is_directory(kCase)) {
    state.SkipWithError("fixtures absent");
    return;
  }
  Case c = load_case();
  cimloop::model::Evaluator evaluator(c.inputs.arch, c.inputs.workload);
  for (auto _ : state) {
    const cimloop::model::EvalResult& result = evaluator.evaluate(c.mapping);
    benchmark::DoNotOptimize(result.energy);
  }
  state.SetItemsProcessed(state.iterations());
}

// The machine is usually shared, so repetitions also report their best run.
double minimum(const std::vector<double>& values) { return *std::min_element(values.begin(), values.end()); }

BENCHMARK(BM_SparseGatingEvaluate)->Repetitions(10)->ComputeStatistics("min", minimum);
BENCHMARK(BM_SparseGatingDenseEvaluate)->Repetitions(10)->ComputeStatistics("min", minimum);

}  // namespace
