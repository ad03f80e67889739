// Jia JSSC 2020 (CiMLoop Macro A) through the CiM chain: examples/cim/jia_jssc_2020 as a v0.4
// specification through timeloop-model with no ERT/ART, against the private evaluator
// (examples/cim/jia_jssc_2020/macro.yaml) for the same layer distributions.
//
// Every component of the macro is compared: the library parts at 65 nm (jia_datapath,
// jia_shift_add, with their leakage), the zero comparator, the row/column drivers, the ADCs,
// the cells, the charge-domain bitcell capacitors and the weight-write drivers. Neither path
// loads the weights: the weight drivers only pass weights through (no_coalesce) above the
// cells, which back them, so Timeloop gives them no accesses (as in CiMLoop's reference run,
// fixtures/cimloop-runs/jia_jssc_2020: weight_drivers has leakage energy only), and the private
// evaluator's steady state has no weight writes.
#include <gtest/gtest.h>

#include "cim_chain_helpers.hpp"
#include "src/cim/chain_evaluation.hpp"

using namespace cimloop::golden::cim_chain;

namespace {

MacroCase jia_case(double output_bits) {
  return {"jia_jssc_2020",
          {{"out_datapath", output_bits},
           {"shift_add", output_bits},
           {"input_zero_gating", 1},
           {"row_drivers", 1},
           {"weight_drivers", 768},
           {"adc", output_bits},
           {"column_drivers", output_bits},
           {"cim_unit", 1},
           {"bitcell_capacitor", 1}},
          0};
}

// `input_bits`: encoded input bits (one slice each, 1b DAC).
void expect_jia_matches(const std::map<std::string, double>& operating_point, double input_bits, double weight_bits,
                        double output_bits, LayerCase layer = {}) {
  MacroCase jia = jia_case(output_bits);
  jia.virtual_macs_per_mac = input_bits * weight_bits * output_bits;
  layer.activations = 2 * 2 * input_bits;  // pixels x input slices
  layer.operating_point = operating_point;
  const fs::path problem = kExamples / jia.macro / "problem.yaml";
  expect_matches_private(jia, problem, cimloop::cim::read_layer_distributions(problem.string()), layer);
}

}  // namespace

// CiMLoop's default operating point: 8b inputs (eight bit-serial slices at the shift-add),
// 8b weights (eight slices across columns), 8b outputs, 0.85 V.
TEST(CimV04Chain, JiaMatchesPrivateEvaluator) { expect_jia_matches({}, 8, 8, 8); }

// Another operating point through --set: 1.2 V (the library parts' own voltage, a shorter
// cycle), 4b inputs and weights.
TEST(CimV04Chain, JiaOperatingPointMatchesPrivateEvaluator) {
  expect_jia_matches({{"VOLTAGE", 1.2}, {"INPUT_BITS", 4}, {"WEIGHT_BITS", 4}}, 4, 4, 8);
}

// The published operating points (Table I): 1b inputs, weights and outputs at 0.85 V and 1.2 V.
// The virtual-MAC container then has no fan-out (one 1b x 1b MAC per cell).
TEST(CimV04Chain, JiaPublishedOperatingPointsMatchPrivateEvaluator) {
  for (const double voltage : {0.85, 1.2}) {
    SCOPED_TRACE(voltage);
    expect_jia_matches({{"VOLTAGE", voltage}, {"INPUT_BITS", 1}, {"WEIGHT_BITS", 1}, {"OUTPUT_BITS", 1}}, 1, 1, 1);
  }
}

// XNOR inputs (XNOR_ENCODE = 1: one more input bit, so nine bit-serial slices), with and without
// zero gating, against the private evaluator with the same input encoding and encoded bits.
TEST(CimV04Chain, JiaXnorInputsMatchPrivateEvaluator) {
  using cimloop::cim::Encoding;
  for (const auto& [gate, encoding] : {std::pair{1.0, Encoding::zero_gated_xnor}, std::pair{0.0, Encoding::xnor}}) {
    SCOPED_TRACE(gate);
    LayerCase layer;
    layer.private_input_encoding = encoding;  // macro.yaml's encodings are not variables
    expect_jia_matches({{"XNOR_ENCODE", 1}, {"ZERO_GATE_INPUTS", gate}}, 9, 8, 8, layer);
  }
}

// Areas by component (the ART through src/cim/chain_evaluation): the library parts with their
// instances, the zero comparator's comparators and flags, the drivers with the macro's area
// calibration, the cells, and no area for the stacked bitcell capacitors.
TEST(CimV04Chain, JiaAreasMatchPrivateEvaluator) {
  const fs::path dir = kExamples / "jia_jssc_2020";
  const auto chain = cimloop::cim::evaluate_v04_macro(
      "jia_jssc_2020",
      {(dir / "arch.yaml").string(), (dir / "problem.yaml").string(), (dir / "map.yaml").string(),
       (kExamples / "components" / "cim_components.yaml").string()},
      {});
  const auto spec = cimloop::cim::read_macro_spec((dir / "macro.yaml").string());
  const auto reference =
      cimloop::cim::evaluate_macro(spec, cimloop::cim::read_layer_distributions((dir / "problem.yaml").string()), {});
  for (const auto& component : reference.components) {
    SCOPED_TRACE(component.name);
    // ART areas carry 6 decimals of um^2 per instance, and Timeloop keeps them as floats.
    EXPECT_NEAR(chain.area_um2({component.name}), component.area_um2,
                0.5e-6 * component.instances + 1e-7 * component.area_um2);
  }
}

// timeloop-mapper on the Jia files without a map: its best mapping costs what the hand-written
// weight-stationary map.yaml costs (the same summary: cycles, energy by component), and its
// map.yaml replays on the raw files byte for byte.
TEST(CimV04Chain, JiaMapperFindsTheMapsCostAndReplays) {
  using cimloop::golden::quoted_words;
  using cimloop::golden::read_file;
  using cimloop::golden::run_in;
  const fs::path dir = kExamples / "jia_jssc_2020";
  const fs::path out = fs::temp_directory_path() / ("cim_chain_jia_mapper_" + std::to_string(::getpid()));
  fs::remove_all(out);
  for (const char* sub : {"search", "replay", "map"}) fs::create_directories(out / sub);
  const std::string arch = (dir / "arch.yaml").string(), problem = (dir / "problem.yaml").string();
  const std::string components = (kExamples / "components" / "cim_components.yaml").string();
  const std::string bin = CIMLOOP_BIN_DIR;
  ASSERT_EQ(run_in(dir, quoted_words({bin + "/timeloop-mapper", arch, problem, components, "-o", (out / "search").string()}),
                   out / "search"),
            0)
      << read_file(out / "search" / "stderr.txt");
  const std::string searched = read_file(out / "search" / "timeloop-mapper.stats.txt");
  for (const auto& [sub, map] : {std::pair{"replay", (out / "search" / "timeloop-mapper.map.yaml").string()},
                                 std::pair{"map", (dir / "map.yaml").string()}}) {
    ASSERT_EQ(run_in(dir, quoted_words({bin + "/timeloop-model", arch, problem, map, components, "-o", (out / sub).string()}),
                     out / sub),
              0)
        << read_file(out / sub / "stderr.txt");
  }
  EXPECT_EQ(read_file(out / "replay" / "timeloop-model.stats.txt"), searched);
  const std::string hand = read_file(out / "map" / "timeloop-model.stats.txt");
  const size_t summary = searched.find("Summary Stats");
  ASSERT_NE(summary, std::string::npos);
  EXPECT_EQ(hand.substr(hand.find("Summary Stats")), searched.substr(summary));
  fs::remove_all(out);
}
