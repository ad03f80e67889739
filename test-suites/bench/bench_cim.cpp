// CiM speed (CiMLoop spec §5): per-layer statistics + action-energy estimation, and mapping
// evaluations per second on basic_analog with the ResNet-18 layers. The target is >= 10,000
// mapping·layers/s per core (CiMLoop: 83).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_variables.hpp"
#include "src/cim/mapping_model.hpp"

namespace fs = std::filesystem;
using namespace cimloop::cim;

namespace {

struct Layer {
  LayerDistributions distributions;
  LayerShape shape;
};

const MacroSpec& basic_analog() {
  static const MacroSpec spec =
      read_macro_spec(std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/basic_analog/macro.yaml");
  return spec;
}

const std::vector<Layer>& resnet18() {
  static const std::vector<Layer> layers = [] {
    std::vector<Layer> out;
    const fs::path dir = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop/workloads/resnet18";
    if (!fs::exists(dir)) return out;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      out.push_back({read_layer_distributions(f.string()), read_layer_shape(f.string())});
    return out;
  }();
  return layers;
}

// Encoded statistics and every component's per-action energy and area, for one layer.
void BM_CimLayerStatisticsAndEstimation(benchmark::State& state) {
  const auto& layers = resnet18();
  if (layers.empty()) return state.SkipWithError("fixtures folder absent");
  size_t i = 0;
  for (auto _ : state) {
    const MacroResult table = evaluate_macro(basic_analog(), layers[i].distributions, {});
    benchmark::DoNotOptimize(table.components.data());
    i = (i + 1) % layers.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("layers");
}
BENCHMARK(BM_CimLayerStatisticsAndEstimation);

// Whole flow per layer: estimate once, then evaluate every enumerated mapping.
void BM_CimMappingEvaluations(benchmark::State& state) {
  const auto& layers = resnet18();
  if (layers.empty()) return state.SkipWithError("fixtures folder absent");
  std::vector<CimLayerModel> models;
  std::vector<std::vector<CimMapping>> mappings;
  for (const auto& l : layers) {
    models.emplace_back(evaluate_macro(basic_analog(), l.distributions, {}), l.shape);
    mappings.push_back(models.back().enumerate_mappings());
  }
  int64_t evaluated = 0;
  for (auto _ : state) {
    for (size_t l = 0; l < models.size(); ++l) {
      double best = 0;
      for (const auto& m : mappings[l]) {
        const double edp = models[l].evaluate(m).edp();
        if (best == 0 || edp < best) best = edp;
      }
      benchmark::DoNotOptimize(best);
      evaluated += static_cast<int64_t>(mappings[l].size());
    }
  }
  state.SetItemsProcessed(evaluated);
  state.SetLabel("mapping x layers");
}
BENCHMARK(BM_CimMappingEvaluations)->Unit(benchmark::kMillisecond);

}  // namespace
