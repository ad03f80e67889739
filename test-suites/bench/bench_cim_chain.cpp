// The CiM chain on examples/cim/basic_analog (v0.4): per-layer cost (v0.4 processing with the
// layer statistics, then the built-in Accelergy with the CiM estimators: done once per layer)
// and the model's mapping evaluations, which reuse those action energies.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "compat/accelergy/tables.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/architecture/energy_tables.hpp"
#include "model_evaluation_bench.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> basic_analog_files() {
  const fs::path cim = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim";
  return {(cim / "basic_analog" / "arch.yaml").string(), (cim / "basic_analog" / "problem.yaml").string(),
          (cim / "basic_analog" / "map.yaml").string(), (cim / "components" / "cim_components.yaml").string()};
}

cimloop::compat::MergedInput process() {
  return cimloop::compat::v04::merged_from_v04(basic_analog_files(), {}, cimloop::compat::v04::Purpose::Model, "");
}

// Per layer: statistics, encodings and slicing (v0.4 variables), then the ERT/ART.
void BM_CimChainLayerStatisticsAndEstimation(benchmark::State& state) {
  for (auto _ : state) {
    const cimloop::compat::MergedInput merged = process();
    const auto tables = cimloop::accelergy::estimate_tables(merged.root);
    benchmark::DoNotOptimize(tables.ert);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("layers");
}
BENCHMARK(BM_CimChainLayerStatisticsAndEstimation)->Unit(benchmark::kMillisecond);

// Per mapping: the exact model with the layer's estimated action energies.
void BM_CimChainMappingEvaluations(benchmark::State& state) {
  const cimloop::compat::MergedInput merged = process();
  const auto tables = cimloop::accelergy::estimate_tables(merged.root);
  cimloop::compat::ModelInputs inputs = cimloop::compat::load_model_inputs(merged);
  cimloop::arch::apply_energy_table(inputs.arch, cimloop::arch::parse_ert(tables.ert, merged.sources));
  cimloop::arch::apply_area_table(inputs.arch, cimloop::arch::parse_art(tables.art, merged.sources));
  cimloop::bench::evaluate_mapping_repeatedly(state, merged, inputs);
  state.SetLabel("mapping evaluations");
}
BENCHMARK(BM_CimChainMappingEvaluations);

}  // namespace
