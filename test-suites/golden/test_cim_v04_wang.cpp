// Wang VLSI 2022 (CiMLoop's Macro D: 22 nm SRAM, R-2R input DACs, C-2C ladder multipliers)
// through the v0.4 chain: examples/cim/wang_vlsi_2022/{arch,problem,map}.yaml with no
// ERT/ART -> the built-in Accelergy -> the model, against the private evaluator
// (examples/cim/wang_vlsi_2022/macro.yaml) for the same layer.
//
// Where the two differ, and why (so these components are checked separately):
// - weight_drivers: the chain writes each weight once per layer (Timeloop counts the fills of
//   the CiM units); the private evaluator reports the steady state (0 writes per activation).
//   The energy per write is the same.
// - cim_unit: the C-2C digital port below it holds each weight across the layer's output
//   pixels, so the chain reads a CiM unit once per layer (and writes it once); the private
//   evaluator counts one read per activation. The energy per read is the same (0 for these
//   SRAM cells).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cim_chain_helpers.hpp"

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

// Weight writes and CiM-unit reads (see the header): per-action energies equal, counts once
// per weight bit of the layer.
void expect_weight_path_matches(const fs::path& problem, const cimloop::cim::LayerDistributions& distributions) {
  const ChainRun chain = run_chain(kWang.macro, problem, {"weight_drivers", "cim_unit"});
  ASSERT_FALSE(chain.read_energy_pj.empty());
  const auto spec = cimloop::cim::read_macro_spec((kExamples / kWang.macro / "macro.yaml").string());
  const auto result = cimloop::cim::evaluate_macro(spec, distributions, {});
  const double weight_bits = result.macs_per_activation * 8;  // one 8b weight per MAC of an activation
  for (const std::string name : {"weight_drivers", "cim_unit"}) {
    SCOPED_TRACE(name);
    const auto& expected = private_component(result, name);
    EXPECT_EQ(chain.read_energy_pj.at(name), std::stod(printed("%.6f", expected.read_pj)));
    EXPECT_EQ(chain.leak_energy_pj.at(name), std::stod(printed("%.6f", expected.leak_pj_per_cycle)));
    EXPECT_EQ(chain.scalar_reads.at(name), weight_bits);
  }
  EXPECT_EQ(private_component(result, "weight_drivers").actions_per_activation, 0);
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
