// src/cim/chain_evaluation: a v0.4 macro through the product's chain, summarised as the
// private evaluator summarises its macro.yaml: the same metrics (TOPS, TOPS/W, TOPS/mm^2,
// energy per MVM and area by component) at the same layer and operating point.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "src/cim/chain_evaluation.hpp"
#include "src/cim/macro_variables.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kExamples = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim";

// The chain's action energies come from the ERT, which (as Accelergy's) carries 6 decimals of
// pJ: each read or leak per cycle may be off by 0.5e-6 pJ. The bound for `names` (all when
// empty) per MVM, from the private evaluator's action counts.
double rounding_bound_pj_per_mvm(const cimloop::cim::MacroResult& reference, const std::vector<std::string>& names) {
  double actions = 0;
  for (const auto& c : reference.components)
    if (names.empty() || std::find(names.begin(), names.end(), c.name) != names.end())
      actions += c.actions_per_activation + 1;  // reads, and one leak per activation (cycle)
  return 0.5e-6 * actions * reference.activations_per_mvm + 1e-12;
}

void expect_close(double chain, double reference, double bound, const std::string& what) {
  EXPECT_NEAR(chain, reference, bound) << what;
}

// The layer's histograms, or the macro's defaults when it has none (as the v0.4 reader does).
cimloop::cim::LayerDistributions distributions_of(const cimloop::cim::MacroSpec& spec, const fs::path& problem) {
  std::ifstream in(problem);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.find("\n  histograms:") == std::string::npos ? cimloop::cim::default_distributions(spec)
                                                       : cimloop::cim::read_layer_distributions(problem.string());
}

// `problem` and `map`: files of the macro's folder.
void expect_same_metrics(const std::string& macro, const std::string& problem, const std::string& map,
                         const std::map<std::string, double>& point, const std::vector<std::string>& components) {
  const fs::path dir = kExamples / macro;
  const std::vector<std::string> files = {(dir / "arch.yaml").string(), (dir / problem).string(), (dir / map).string(),
                                          (kExamples / "components" / "cim_components.yaml").string()};
  std::map<std::string, std::string> overrides;
  for (const auto& [name, value] : point) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);  // as scripts/accuracy writes a point
    overrides[name] = text;
  }
  const auto chain = cimloop::cim::evaluate_v04_macro(macro, files, overrides);
  const auto spec = cimloop::cim::read_macro_spec((dir / "macro.yaml").string());
  const auto reference = cimloop::cim::evaluate_macro(
      spec, distributions_of(spec, dir / problem), point);
  auto per_mvm = [](const cimloop::cim::MacroResult& r, const std::vector<std::string>& names) {
    return r.energy_per_activation_pj(names) * r.activations_per_mvm;
  };
  EXPECT_DOUBLE_EQ(chain.tops(), reference.tops());
  EXPECT_DOUBLE_EQ(chain.activations_per_mvm, reference.activations_per_mvm);
  const double total = per_mvm(reference, {});
  expect_close(per_mvm(chain, {}), total, rounding_bound_pj_per_mvm(reference, {}), "pJ/MVM");
  // TOPS/W is inversely proportional to the energy: the same relative bound.
  expect_close(chain.tops_per_w(), reference.tops_per_w(),
               reference.tops_per_w() * rounding_bound_pj_per_mvm(reference, {}) / total, "TOPS/W");
  for (const std::string& name : components) {
    expect_close(per_mvm(chain, {name}), per_mvm(reference, {name}), rounding_bound_pj_per_mvm(reference, {name}),
                 name + " pJ/MVM");
    auto named = [&](const cimloop::cim::MacroResult& r) -> const cimloop::cim::ComponentResult& {
      return *std::find_if(r.components.begin(), r.components.end(), [&](const auto& c) { return c.name == name; });
    };
    const auto& component = named(reference);
    EXPECT_DOUBLE_EQ(named(chain).actions_per_activation, component.actions_per_activation) << name;
    expect_close(named(chain).read_pj, component.read_pj, 0.5e-6, name + " pJ/action");
    // ART areas carry 6 decimals of um^2 per instance, and Timeloop keeps them as floats.
    expect_close(chain.area_um2({name}), reference.area_um2({name}), 0.5e-6 * component.instances + 1e-7 * component.area_um2,
                 name + " area");
  }
}

}  // namespace

TEST(CimChainEvaluation, BasicAnalogMetricsEqualPrivateEvaluator) {
  expect_same_metrics("basic_analog", "problem.yaml", "map.yaml", {}, {"adc", "column_drivers", "row_drivers", "cim_unit"});
}

// Sinangil's accuracy layer (256 x 256 pixels) at another voltage.
TEST(CimChainEvaluation, OperatingPointOverridesReachTheChain) {
  expect_same_metrics("sinangil_jssc_2021", "steady_state_problem.yaml", "steady_state_map.yaml", {{"VOLTAGE", 0.9}},
                      {"counter", "row_drivers", "adc", "column_drivers", "binary_weighting_capacitors", "cim_unit"});
}

// wan_nature_2022 (held out) at its accuracy layer: the map follows the operating point (input
// bits in one or two phases, output and weight bits, voltage). The mapper may place the input
// bits (X) elsewhere, so the layer has an explicit map (steady_state_map.yaml). No weight load:
// the chain's weights have no writer above the CiM units.
TEST(CimChainEvaluation, WanSteadyStateMetricsEqualPrivateEvaluator) {
  const std::vector<std::string> components = {"wordline_cap", "wordline_drivers", "row_drivers", "shift_add", "adc",
                                               "integrator",   "column_drivers",   "sample",      "cim_unit"};
  std::vector<std::map<std::string, double>> points = {{}, {{"ONE_PHASE", 1}}, {{"ONE_PHASE", 1}, {"INPUT_BITS", 4}},
                                                       {{"VOLTAGE", 1.2}, {"OUTPUT_BITS", 6}}, {{"WEIGHT_BITS", 2}}};
  for (const double bits : {1, 2, 3, 4, 5, 6, 7}) points.push_back({{"INPUT_BITS", bits}});
  for (const auto& point : points) {
    SCOPED_TRACE(::testing::PrintToString(point));
    expect_same_metrics("wan_nature_2022", "steady_state_problem.yaml", "steady_state_map.yaml", point, components);
  }
}
