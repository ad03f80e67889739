// Jia JSSC 2020 (CiMLoop Macro A) through the CiM chain: examples/cim/jia_jssc_2020 as a v0.4
// specification through timeloop-model with no ERT/ART, against the private evaluator
// (examples/cim/jia_jssc_2020/macro.yaml) for the same layer distributions.
#include <gtest/gtest.h>

#include "cim_chain_helpers.hpp"

using namespace cimloop::golden::cim_chain;

// 8b inputs, weights and outputs: eight input bits one after another (X at the shift-add), eight
// weight slices across columns (Y), four output pixels; every component of the macro. The
// library parts (jia_datapath, jia_shift_add at 65 nm), the zero comparator, the charge-domain
// bitcell capacitors and the weight-write drivers are compared too. The one relation that
// differs by construction: the v0.4 layer loads its weights once (Timeloop counts the
// weight-stationary fills: one row write per array row), which the private evaluator states
// as WEIGHT_LOADS_PER_ACTIVATION = 1 / activations (its steady state is 0).
TEST(CimV04Chain, JiaMatchesPrivateEvaluator) {
  const double activations = 2 * 2 * 8;  // pixels x input slices
  const MacroCase jia = {"jia_jssc_2020",
                         {{"out_datapath", 8},
                          {"shift_add", 8},
                          {"input_zero_gating", 1},
                          {"row_drivers", 1},
                          {"weight_drivers", 768},
                          {"adc", 8},
                          {"column_drivers", 8},
                          {"cim_unit", 1},
                          {"bitcell_capacitor", 1}},
                         8 * 8 * 8};
  const fs::path problem = kExamples / jia.macro / "problem.yaml";
  expect_matches_private(jia, problem, cimloop::cim::read_layer_distributions(problem.string()),
                         {activations, {{"WEIGHT_LOADS_PER_ACTIVATION", 1 / activations}}});
}
