// Albireo (examples/cim/albireo_isca_2021) through the product's chain (v0.4 reader -> built-in
// Accelergy with the photonic tables -> model) against the private evaluator's macro.yaml, on
// the accuracy layer, for each device scenario and at operating points the published rows use.
//
// Explained differences, each checked on its own:
// - (not a difference) as in CiMLoop, the weight modulators keep no weight across cycles, so in
//   both the weight DACs convert every weight every cycle, reading it from the weight cache;
// - output_regs is a 40-bit register read and updated once per 5 outputs (Timeloop's vector
//   access); macro.yaml counts one action per 8-bit output (2.6e-5 pJ less per activation);
// - each row reads its 5 of the star coupler's 7 inputs (Timeloop multicasts only equal tiles:
//   15 reads per star coupler and cycle); macro.yaml counts each input once. No energy: the
//   star coupler is passive.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "src/cim/chain_evaluation.hpp"
#include "src/cim/macro_variables.hpp"

namespace fs = std::filesystem;
using cimloop::cim::ComponentResult;
using cimloop::cim::MacroResult;

namespace {

const fs::path kDir = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim" / "albireo_isca_2021";
constexpr double kWeights = 9 * 3 * 3 * 3;  // PLCGs x PLCUs x star-coupled groups x rows

struct Point {
  std::map<std::string, double> numbers;
  std::string scaling;
};

MacroResult chain_at(const Point& p) {
  std::map<std::string, std::string> overrides = {{"SCALING", "'" + p.scaling + "'"}};
  for (const auto& [name, value] : p.numbers) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);  // "4", not "4.000000": bit counts
    overrides[name] = text;
  }
  const fs::path components = kDir.parent_path() / "components" / "cim_components.yaml";
  return cimloop::cim::evaluate_v04_macro(
      "albireo_isca_2021",
      {(kDir / "arch.yaml").string(), (kDir / "steady_state_problem.yaml").string(),
       (kDir / "steady_state_map.yaml").string(), components.string()},
      overrides);
}

MacroResult private_at(const Point& p) {
  const auto spec = cimloop::cim::read_macro_spec((kDir / "macro.yaml").string());
  return cimloop::cim::evaluate_macro(spec, cimloop::cim::default_distributions(spec), p.numbers,
                                      {{"SCALING", p.scaling}});
}

const ComponentResult& named(const MacroResult& r, const std::string& name) {
  const auto it = std::find_if(r.components.begin(), r.components.end(), [&](const auto& c) { return c.name == name; });
  if (it == r.components.end()) throw std::runtime_error("no component " + name);
  return *it;
}

// The ERT's 6 decimals of pJ: each read, and each component's leak per cycle, may be off by
// 0.5e-6 pJ per instance.
double rounding_bound_pj(const MacroResult& reference, const std::vector<std::string>& names) {
  double actions = 0;
  for (const auto& c : reference.components)
    if (names.empty() || std::find(names.begin(), names.end(), c.name) != names.end())
      actions += c.actions_per_activation + c.instances;
  return 0.5e-6 * actions + 1e-12;
}

void expect_matches(const Point& p) {
  SCOPED_TRACE(p.scaling);
  const MacroResult chain = chain_at(p);
  const MacroResult reference = private_at(p);
  EXPECT_DOUBLE_EQ(chain.tops(), reference.tops());
  EXPECT_DOUBLE_EQ(chain.macs_per_activation, reference.macs_per_activation);
  // One MVM is one cycle of the whole array: the 5 columns' output pixels together.
  EXPECT_DOUBLE_EQ(chain.activations_per_mvm, reference.activations_per_mvm);
  double explained_pj = 0;  // per activation: output_regs' vector reads
  for (const auto& component : reference.components) {
    const std::string& name = component.name;
    SCOPED_TRACE(name);
    const ComponentResult& c = named(chain, name);
    EXPECT_NEAR(c.read_pj, component.read_pj, 0.5e-6);
    EXPECT_NEAR(c.leak_pj_per_cycle, component.leak_pj_per_cycle, 0.5e-6 * component.instances + 1e-12);
    EXPECT_NEAR(chain.area_um2({name}), reference.area_um2({name}),
                0.5e-6 * component.instances + 1e-7 * component.area_um2);
    if (name == "output_regs") {  // a read and an update per 5 outputs
      EXPECT_DOUBLE_EQ(c.actions_per_activation, 2 * component.actions_per_activation / 5);
      explained_pj += c.energy_per_activation_pj - component.energy_per_activation_pj;
      continue;
    }
    if (name == "star_coupler") {  // each row reads its 5 of the 7 inputs
      EXPECT_DOUBLE_EQ(c.actions_per_activation, component.actions_per_activation * 15 / 7);
    } else {
      EXPECT_DOUBLE_EQ(c.actions_per_activation, component.actions_per_activation);
    }
    EXPECT_NEAR(c.energy_per_activation_pj, component.energy_per_activation_pj, rounding_bound_pj(reference, {name}));
  }
  // The DACs convert every weight every cycle (the cache reads feeding them are compared above).
  EXPECT_DOUBLE_EQ(named(chain, "weight_dac").actions_per_activation, kWeights);
  EXPECT_LT(std::abs(explained_pj), 3e-4 * reference.energy_per_activation_pj({}));
  const double bound = rounding_bound_pj(reference, {});
  EXPECT_NEAR(chain.energy_per_activation_pj({}) - explained_pj, reference.energy_per_activation_pj({}), bound);
  EXPECT_NEAR(chain.tops_per_w(), reference.tops_per_w(),
              reference.tops_per_w() * (std::abs(explained_pj) + bound) / reference.energy_per_activation_pj({}));
  EXPECT_NEAR(chain.area_um2({}), reference.area_um2({}), 1e-6 * reference.area_um2({}));
}

}  // namespace

TEST(CimV04Albireo, ScenariosMatchPrivateEvaluator) {
  for (const std::string scaling : {"conservative", "moderate", "aggressive"}) expect_matches({{}, scaling});
}

// The operating points published rows vary: voltage (cycle time, hence leakage per cycle) and
// the operand bits (ADC and modulator widths, virtual MACs).
TEST(CimV04Albireo, OperatingPointsMatchPrivateEvaluator) {
  for (const std::string scaling : {"conservative", "aggressive"}) {
    for (double voltage : {0.8, 1.2}) expect_matches({{{"VOLTAGE", voltage}}, scaling});
    expect_matches({{{"INPUT_BITS", 4}, {"WEIGHT_BITS", 4}, {"OUTPUT_BITS", 4}}, scaling});
    expect_matches({{{"INPUT_BITS", 6}, {"WEIGHT_BITS", 8}, {"OUTPUT_BITS", 8}, {"ADC_RESOLUTION", 6}}, scaling});
  }
}
