// Wang VLSI 2022 (CiMLoop's Macro D: 22 nm SRAM, R-2R input DACs, C-2C ladder multipliers)
// through the v0.4 chain: examples/cim/wang_vlsi_2022/{arch,problem,map}.yaml with no
// ERT/ART -> the built-in Accelergy -> the model, against the private evaluator
// (examples/cim/wang_vlsi_2022/macro.yaml) for the same layer.
//
// The weight path is checked separately: the weight drivers and the CiM units have the same
// energies per action in both paths, the drivers act in neither (they only pass weights
// through above the CiM units, which back them: Timeloop gives them no accesses, as in CiMLoop's
// reference run fixtures/cimloop-runs/wang_vlsi_2022), and the CiM units are read once per
// activation. The accuracy suite's layer (steady_state_{problem,map}.yaml, 256 x 256 output
// pixels): there the chain's metrics are the private evaluator's.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cim_chain_helpers.hpp"
#include "src/cim/chain_evaluation.hpp"

using namespace cimloop::golden::cim_chain;
using cimloop::golden::read_file;

namespace {

// Every component the two paths count alike, with its bits per action.
const MacroCase kWang = {"wang_vlsi_2022",
                         {{"dac", 8},
                          {"row_drivers", 8},
                          {"select_wordline_drivers", 8},
                          {"adc", 8},
                          {"column_drivers", 8},
                          {"c2c_multiplier_digital_port", 8},
                          {"c2c_multiplier_analog_port", 8}},
                         8 * 8 * 8};

// The weight path (see the header): per-action energies equal; the weight drivers do not act,
// the CiM units are read once per activation.
void expect_weight_path_matches(const fs::path& problem, const cimloop::cim::LayerDistributions& distributions) {
  const ChainRun chain = run_chain(kWang.macro, problem, {"weight_drivers", "cim_unit"});
  ASSERT_FALSE(chain.read_energy_pj.empty());
  const auto spec = cimloop::cim::read_macro_spec((kExamples / kWang.macro / "macro.yaml").string());
  const auto result = cimloop::cim::evaluate_macro(spec, distributions, {});
  for (const std::string name : {"weight_drivers", "cim_unit"}) {
    SCOPED_TRACE(name);
    const auto& expected = private_component(result, name);
    EXPECT_EQ(chain.read_energy_pj.at(name), std::stod(printed("%.6f", expected.read_pj)));
    EXPECT_EQ(chain.leak_energy_pj.at(name), std::stod(printed("%.6f", expected.leak_pj_per_cycle)));
  }
  EXPECT_EQ(chain.scalar_reads.at("weight_drivers"), 0);
  EXPECT_EQ(private_component(result, "weight_drivers").actions_per_activation, 0);
  const double activations = 4;
  EXPECT_EQ(chain.scalar_reads.at("cim_unit") / 8, activations * private_component(result, "cim_unit").actions_per_activation);
}

}  // namespace

// CiMLoop's default (uniform) operand distributions.
TEST(CimV04Chain, WangMatchesPrivateEvaluator) {
  const fs::path problem = kExamples / kWang.macro / "problem.yaml";
  const auto distributions = cimloop::cim::read_layer_distributions(problem.string());
  expect_matches_private(kWang, problem, distributions);
  expect_weight_path_matches(problem, distributions);
}

// A layer with signed, bell-shaped operands (ResNet-18's sixth layer, 5-bit histograms
// up-sampled to 8 bits): the DAC folds the inputs to magnitudes, the C-2C multiplier sees
// the signed inputs and the weights' bit distribution.
TEST(CimV04Chain, WangResNetLayerMatchesPrivateEvaluator) {
  const fs::path problem = fs::temp_directory_path() / ("cim_chain_wang_problem_" + std::to_string(::getpid()) + ".yaml");
  const std::string own = read_file(kExamples / kWang.macro / "problem.yaml");
  const std::string resnet = read_file(kExamples / "basic_analog" / "problem.yaml");
  std::ofstream(problem) << "{{include_text('" << (kExamples / "workloads" / "problem_base.yaml").string() << "')}}\n"
                         << own.substr(own.find("problem:"), own.find("  histograms:") - own.find("problem:"))
                         << resnet.substr(resnet.find("  histograms:"));
  const auto distributions = cimloop::cim::read_layer_distributions(problem.string());
  expect_matches_private(kWang, problem, distributions);
  expect_weight_path_matches(problem, distributions);
  fs::remove(problem);
}

// scripts/accuracy evaluates Wang through the chain (accuracy.yaml): at its steady-state layer
// the metrics per MVM equal the private evaluator's, at two operating points.
TEST(CimV04Chain, WangSteadyStateMetricsMatchPrivateEvaluator) {
  const fs::path dir = kExamples / kWang.macro;
  const std::vector<std::string> files = {(dir / "arch.yaml").string(), (dir / "steady_state_problem.yaml").string(),
                                          (dir / "steady_state_map.yaml").string(),
                                          (kExamples / "components" / "cim_components.yaml").string()};
  const auto spec = cimloop::cim::read_macro_spec((dir / "macro.yaml").string());
  for (const double voltage : {0.7, 1.1}) {
    SCOPED_TRACE(voltage);
    const auto chain = cimloop::cim::evaluate_v04_macro(kWang.macro, files, {{"VOLTAGE", printed("%g", voltage)}});
    const auto reference = cimloop::cim::evaluate_macro(spec, cimloop::cim::default_distributions(spec), {{"VOLTAGE", voltage}});
    // One MVM: 8 activations (the 8 weights of every CiM unit), in both.
    EXPECT_DOUBLE_EQ(chain.macs_per_activation * chain.activations_per_mvm, reference.macs_per_activation * reference.activations_per_mvm);
    EXPECT_DOUBLE_EQ(chain.tops(), reference.tops());
    for (const auto& [name, bits] : kWang.bits_per_action) {
      SCOPED_TRACE(name);
      // ERT energies carry 6 decimals: each action may be off by 0.5e-6 pJ.
      const auto& expected = private_component(reference, name);
      const double bound = 0.5e-6 * expected.actions_per_activation * reference.activations_per_mvm;
      EXPECT_NEAR(chain.energy_per_activation_pj({name}) * chain.activations_per_mvm,
                  reference.energy_per_activation_pj({name}) * reference.activations_per_mvm, bound);
      EXPECT_NEAR(chain.area_um2({name}), reference.area_um2({name}), 0.5e-6 * expected.instances + 1e-7 * expected.area_um2);
    }
  }
}
