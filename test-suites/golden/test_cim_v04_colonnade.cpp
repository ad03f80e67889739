// colonnade_jssc_2021 (digital bit-serial SRAM, held out) through the v0.4 chain:
// examples/cim/colonnade_jssc_2021/{arch,problem,map}.yaml with no ERT/ART -> the built-in
// Accelergy -> the model, against the private evaluator (macro.yaml) for the same layer.
//
// Where the two differ, and why (so these are checked separately):
// - weight_drivers: the same energy per write; neither path writes (the drivers only pass
//   weights through above the CiM units, which back them, so Timeloop gives them and the
//   column bandwidth limiter no accesses, as in CiMLoop's reference runs of jia, sinangil and
//   wang in fixtures/cimloop-runs; the private evaluator reports the steady state).
// - column_bandwidth_limiter: no energy or area in either.
// - register: Timeloop updates it once per cycle (the spatially reduced partial sum of its
//   rows) and reads nothing at 1b inputs; the private evaluator counts the same 2,048 actions
//   per activation as reads. Same energy (checked at the steady state).
// - cim_logic: its leakage in the ERT is per instance (16,384 instances); the private
//   evaluator's is the total (checked at the steady state, to the ERT's rounding per instance).
// - Weights of other widths: the chain maps whole weights, N_COLUMNS // slices per row (a
//   Timeloop mapping has integer factors); the private evaluator counts 128 / slices of them
//   (checked exactly at the steady state).
// - Inputs wider than 1 bit run one bit per cycle from the top (no level inside the macro may
//   iterate, as in CiMLoop), so the chain accumulates each later bit's partial sum through the
//   registers (a fill and a read-modify-write read per bit, checked exactly at the steady
//   state); the private evaluator counts one register action per activation.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "cim_chain_helpers.hpp"
#include "src/cim/chain_evaluation.hpp"

using namespace cimloop::golden::cim_chain;

namespace {

// Every component the two paths count alike, with its bits per action.
const MacroCase kColonnade = {"colonnade_jssc_2021",
                              {{"row_drivers", 1},
                               {"digital_logic_input_ports", 1},
                               {"column_drivers", 1},
                               {"cim_unit", 1}},
                              1 * 8 * 1};  // input bit x (1 weight bit + 7 bits of sum growth) x output bit

const std::vector<std::string> kSteadyComponents = {"row_drivers", "digital_logic_input_ports", "column_drivers",
                                                    "register", "cim_unit", "cim_logic"};

cimloop::cim::MacroSpec colonnade_spec() {
  return cimloop::cim::read_macro_spec((kExamples / kColonnade.macro / "macro.yaml").string());
}

}  // namespace

TEST(CimV04Chain, ColonnadeMatchesPrivateEvaluator) {
  const auto spec = colonnade_spec();
  expect_matches_private(kColonnade, kExamples / kColonnade.macro / "problem.yaml",
                         cimloop::cim::default_distributions(spec));
  // The weight path: the same energy per row write; no writes in either.
  const ChainRun chain = run_chain(kColonnade.macro, kExamples / kColonnade.macro / "problem.yaml", {"weight_drivers"});
  const auto result = cimloop::cim::evaluate_macro(spec, cimloop::cim::default_distributions(spec), {});
  const auto& expected = private_component(result, "weight_drivers");
  EXPECT_EQ(chain.read_energy_pj.at("weight_drivers"), std::stod(printed("%.6f", expected.read_pj)));
  EXPECT_EQ(chain.scalar_reads.at("weight_drivers"), 0);
  EXPECT_EQ(expected.actions_per_activation, 0);
}

// The accuracy layer (steady_state_*.yaml: 1024 x 1024 output pixels) at operating points:
// the chain's metrics are the private evaluator's steady state.
// Exact relations: the chain's cycles are the private activations;
// each component's reads per MVM are the private evaluator's (of the columns the chain uses);
// read and leak energies per action/cycle carry the ERT's 6 decimals.
TEST(CimV04Chain, ColonnadeSteadyStateMetricsMatchPrivateEvaluator) {
  const fs::path dir = kExamples / kColonnade.macro;
  const std::vector<std::string> files = {(dir / "arch.yaml").string(), (dir / "steady_state_problem.yaml").string(),
                                          (dir / "steady_state_map.yaml").string(),
                                          (kExamples / "components" / "cim_components.yaml").string()};
  const auto spec = colonnade_spec();
  const double mvms = 1024 * 1024;
  const std::vector<std::map<std::string, double>> points = {
      {}, {{"VOLTAGE", 1.0}}, {{"VOLTAGE", 0.6}}, {{"FORCE_100MHZ", 1}}, {{"BIT_PIPELINED", 0}}, {{"INPUT_BITS", 4}},
      {{"INPUT_BITS", 8}, {"VOLTAGE", 0.9}}, {{"WEIGHT_BITS", 4}}, {{"WEIGHT_BITS", 8}}, {{"OUTPUT_BITS", 8}}};
  for (const auto& point : points) {
    SCOPED_TRACE(::testing::PrintToString(point));
    std::map<std::string, std::string> overrides;
    for (const auto& [name, value] : point) overrides[name] = printed("%.17g", value);
    const auto chain = cimloop::cim::evaluate_v04_macro(kColonnade.macro, files, overrides);
    const auto reference = cimloop::cim::evaluate_macro(spec, cimloop::cim::default_distributions(spec), point);
    EXPECT_DOUBLE_EQ(chain.cycle_seconds, reference.cycle_seconds);
    // The chain maps whole weights: N_COLUMNS // slices of them per row (121 of 128 columns at
    // 4b weights, 11 slices); the private evaluator counts 128 / slices. Column-side counts
    // scale by the used fraction.
    const double slices = reference.weight_bits + 7;  // one bit per cell + ceil(log2 128 rows)
    const double used = std::floor(128 / slices) * slices / 128;
    EXPECT_DOUBLE_EQ(chain.macs_per_activation * chain.activations_per_mvm * mvms,
                     reference.macs_per_activation * reference.activations_per_mvm * mvms * used);
    EXPECT_DOUBLE_EQ(chain.activations_per_mvm * mvms, reference.activations_per_mvm * mvms);
    EXPECT_DOUBLE_EQ(chain.tops(), reference.tops() * used * reference.activations_per_mvm / chain.activations_per_mvm);
    for (const std::string& name : kSteadyComponents) {
      SCOPED_TRACE(name);
      const auto& expected = private_component(reference, name);
      const auto& actual = private_component(chain, name);
      const double n = reference.activations_per_mvm;  // input bits (slices) per MVM
      const double share = name == "row_drivers" || name == "digital_logic_input_ports" ? 1 : used;
      // The register is updated (once per cycle), not read: its energy is checked below.
      if (name != "register") {
        EXPECT_DOUBLE_EQ(actual.actions_per_activation * chain.activations_per_mvm, expected.actions_per_activation * n * share);
        EXPECT_NEAR(actual.read_pj, expected.read_pj, 0.5e-6);
      }
      // Only the used instances leak in the chain. ERT leakage carries 6 decimals per instance
      // of the level (cim_logic: 16,384).
      EXPECT_NEAR(actual.leak_pj_per_cycle, expected.leak_pj_per_cycle * share, 0.5e-6 * actual.instances);
      // Energy per MVM: the private evaluator's actions (of the used columns) and leakage. The
      // register, with n input bits per MVM: n updates, and for each later bit a fill and a
      // read-modify-write read of the partial sum, all at the flip-flop's energy.
      const double accesses = name == "register" ? (3 * n - 2) / n : 1;
      const double actions = expected.actions_per_activation * n * share * accesses;
      const double per_mvm = actions * expected.read_pj + expected.leak_pj_per_cycle * share * n;
      const double bound = 0.5e-6 * (actions + actual.instances * n);
      EXPECT_NEAR(chain.energy_per_activation_pj({name}) * chain.activations_per_mvm, per_mvm, bound);
      EXPECT_NEAR(chain.area_um2({name}), reference.area_um2({name}), 0.5e-6 * expected.instances + 1e-7 * expected.area_um2);
    }
  }
}
