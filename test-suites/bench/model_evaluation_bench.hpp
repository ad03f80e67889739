#pragma once
// The timed loop shared by the model benchmarks: the inputs' mapping evaluated repeatedly.
#include <benchmark/benchmark.h>

#include "compat/timeloop/model_inputs.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop::bench {

inline void evaluate_mapping_repeatedly(benchmark::State& state, const compat::MergedInput& merged,
                                        compat::ModelInputs& inputs) {
  const auto spec = compat::load_mapping_spec(merged, inputs);
  const auto mapping = mapping::build_mapping(spec, inputs.arch, inputs.workload);
  model::Evaluator evaluator(inputs.arch, inputs.workload);
  for (auto _ : state) {
    const model::EvalResult& result = evaluator.evaluate(mapping);
    benchmark::DoNotOptimize(result.energy);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace cimloop::bench
