// wan_nature_2022 (NeuRRAM) through the v0.4 chain: the Wan phase helpers (helper_functions.py)
// in the reader's variables, the neuron's n_steps-scaled library parts, the bit-serial input
// loop held by the integrator (components above it act once per whole input, those below once
// per input bit). Energies and counts must equal the private evaluator's (macro.yaml).
#include <gtest/gtest.h>

#include "cim_chain_helpers.hpp"

using namespace cimloop::golden::cim_chain;

TEST(CimV04Chain, WanMatchesPrivateEvaluator) {
  const MacroCase wan = {"wan_nature_2022",
                         {{"wordline_cap", 8},
                          {"row_drivers", 1},
                          {"shift_add", 8},
                          {"adc", 8},
                          {"integrator", 8},
                          {"column_drivers", 8},
                          {"sample", 8},
                          {"cim_unit", 4}},
                         7 * 8 * 8};  // magnitude input bits x two-part weight bits x output bits
  const fs::path problem = kExamples / wan.macro / "problem.yaml";
  LayerCase layer;
  layer.activations = 4 * 7;  // 4 pixels x 7 input bits (each bit one activation of the array)
  expect_matches_private(wan, problem, cimloop::cim::read_layer_distributions(problem.string()), layer);
}
