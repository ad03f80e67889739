// The CiM chain on examples/cim/basic_analog (v0.4): per-layer cost (v0.4 processing with the
// layer statistics, then the built-in Accelergy with the CiM estimators: done once per layer)
// and the model's mapping evaluations, which reuse those action energies.
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "src/cim/chain_network.hpp"
#include "model_evaluation_bench.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> basic_analog_files() {
  const fs::path cim = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim";
  return {(cim / "basic_analog" / "arch.yaml").string(), (cim / "basic_analog" / "problem.yaml").string(),
          (cim / "basic_analog" / "map.yaml").string(), (cim / "components" / "cim_components.yaml").string()};
}

cimloop::cim::ChainLayer prepare() {
  return cimloop::cim::prepare_chain_layer(basic_analog_files(), {}, cimloop::compat::v04::Purpose::Model);
}

// Per layer: statistics, encodings and slicing (v0.4 variables), then the ERT/ART applied.
void BM_CimChainLayerStatisticsAndEstimation(benchmark::State& state) {
  for (auto _ : state) {
    const cimloop::cim::ChainLayer layer = prepare();
    benchmark::DoNotOptimize(layer.inputs.arch);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("layers");
}
BENCHMARK(BM_CimChainLayerStatisticsAndEstimation)->Unit(benchmark::kMillisecond);

// Per mapping: the exact model with the layer's estimated action energies.
void BM_CimChainMappingEvaluations(benchmark::State& state) {
  cimloop::cim::ChainLayer layer = prepare();
  cimloop::bench::evaluate_mapping_repeatedly(state, layer.merged, layer.inputs);
  state.SetLabel("mapping evaluations");
}
BENCHMARK(BM_CimChainMappingEvaluations);


// ResNet-18 on basic_analog, as a user runs it: per layer (CiMLoop's workload file with its
// histograms) the v0.4 processing and estimation once, then a one-thread mapping search over
// that layer's mapspace. mapping_layers_per_s counts the mappings evaluated across the layers
// per second of search (issue 5 target: >= 10,000 per core; CiMLoop: 83);
// layer_setup_ms is the per-layer statistics + estimation cost.
void BM_CimChainResNet18Layers(benchmark::State& state) {
  const fs::path resnet = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop" / "workloads" / "resnet18";
  if (!fs::is_directory(resnet)) return state.SkipWithError("fixtures absent");
  const std::vector<fs::path> layers = cimloop::cim::workload_layer_files(resnet.string());
  std::vector<std::string> files = basic_analog_files();
  files.erase(files.begin() + 2);  // no map: the mapper searches
  double evaluated = 0, search_s = 0, setup_s = 0;
  for (auto _ : state) {
    for (const fs::path& layer_file : layers) {
      files[1] = layer_file.string();
      const auto start = std::chrono::steady_clock::now();
      const cimloop::cim::ChainLayer layer =
          cimloop::cim::prepare_chain_layer(files, {}, cimloop::compat::v04::Purpose::Mapper);
      const auto searched = std::chrono::steady_clock::now();
      evaluated += cimloop::cim::search_chain_layer(layer_file.filename().string(), layer, 1).mappings;
      const auto done = std::chrono::steady_clock::now();
      setup_s += std::chrono::duration<double>(searched - start).count();
      search_s += std::chrono::duration<double>(done - searched).count();
    }
  }
  const double layer_count = static_cast<double>(layers.size() * state.iterations());
  state.counters["layers"] = static_cast<double>(layers.size());
  state.counters["mapping_layers_per_s"] = evaluated / search_s;
  state.counters["layer_setup_ms"] = setup_s / layer_count * 1e3;
}
BENCHMARK(BM_CimChainResNet18Layers)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

}  // namespace
