// The CiM chain on examples/cim/basic_analog (v0.4): per-layer cost (v0.4 processing with the
// layer statistics, then the built-in Accelergy with the CiM estimators: done once per layer)
// and the model's mapping evaluations, which reuse those action energies.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "compat/accelergy/tables.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/v04/model_inputs.hpp"
#include "compat/timeloop/yaml_values.hpp"
#include "src/architecture/energy_tables.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/model_bridge.hpp"
#include "src/mapper/search.hpp"
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

// ResNet-18 on basic_analog, as a user runs it: per layer (CiMLoop's workload file with its
// histograms) the v0.4 processing and estimation once, then a one-thread mapping search over
// that layer's mapspace. mapping_layers_per_s counts the mappings evaluated across the layers
// per second of search (issue 5 target: >= 10,000 per core; CiMLoop: 83);
// layer_setup_ms is the per-layer statistics + estimation + mapspace cost.
void BM_CimChainResNet18Layers(benchmark::State& state) {
  const fs::path resnet = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop" / "workloads" / "resnet18";
  if (!fs::is_directory(resnet)) return state.SkipWithError("fixtures absent");
  std::vector<std::string> layers;
  for (const auto& entry : fs::directory_iterator(resnet))
    if (entry.path().extension() == ".yaml") layers.push_back(entry.path().string());
  std::sort(layers.begin(), layers.end());
  std::vector<std::string> files = basic_analog_files();
  files.erase(files.begin() + 2);  // no map: the mapper searches
  std::int64_t evaluated = 0;
  double search_s = 0, setup_s = 0;
  for (auto _ : state) {
    for (const std::string& layer : layers) {
      files[1] = layer;
      const auto start = std::chrono::steady_clock::now();
      const cimloop::compat::MergedInput merged =
          cimloop::compat::v04::merged_from_v04(files, {}, cimloop::compat::v04::Purpose::Mapper, "");
      const auto tables = cimloop::accelergy::estimate_tables(merged.root);
      cimloop::compat::ModelInputs inputs = cimloop::compat::load_model_inputs(merged);
      cimloop::arch::apply_energy_table(inputs.arch, cimloop::arch::parse_ert(tables.ert, merged.sources));
      cimloop::arch::apply_area_table(inputs.arch, cimloop::arch::parse_art(tables.art, merged.sources));
      cimloop::mapper::MapperSettings settings =
          cimloop::mapper::parse_mapper_settings(cimloop::compat::child(merged.root, "mapper"), merged.sources);
      settings.num_threads = 1;
      const cimloop::mapper::MapspaceShape shape = cimloop::mapper::mapspace_shape(inputs.workload, inputs.arch);
      const cimloop::mapper::Mapspace mapspace(
          shape, cimloop::mapper::parse_constraints(merged.root, shape, merged.sources), settings.max_temporal_loops);
      const auto searched = std::chrono::steady_clock::now();
      cimloop::mapper::SearchMonitor monitor;
      evaluated += cimloop::mapper::search(mapspace, settings,
                                           cimloop::mapper::model_evaluators(inputs.arch, inputs.workload, mapspace,
                                                                             settings.metrics, {}),
                                           monitor)
                       .evaluated;
      const auto done = std::chrono::steady_clock::now();
      setup_s += std::chrono::duration<double>(searched - start).count();
      search_s += std::chrono::duration<double>(done - searched).count();
    }
  }
  const double layer_count = static_cast<double>(layers.size() * state.iterations());
  state.counters["layers"] = static_cast<double>(layers.size());
  state.counters["mapping_layers_per_s"] = static_cast<double>(evaluated) / search_s;
  state.counters["layer_setup_ms"] = setup_s / layer_count * 1e3;
}
BENCHMARK(BM_CimChainResNet18Layers)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
