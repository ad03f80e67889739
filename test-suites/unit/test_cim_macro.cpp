// Macro evaluation, slicing formulas, operating points and the per-mapping layer model.
#include <gtest/gtest.h>

#include <cmath>

#include "cim_fixtures.hpp"
#include "estimators/technology/technology.hpp"
#include "src/cim/expression.hpp"
#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_variables.hpp"
#include "src/cim/mapping_model.hpp"
#include "src/cim/operating_point.hpp"
#include "src/cim/slicing.hpp"
#include "src/common/error.hpp"

using namespace cimloop::cim;

namespace {
const std::string kExamples = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/";
MacroSpec macro(const std::string& name) { return read_macro_spec(kExamples + name + "/macro.yaml"); }
double none(const std::string& n) { throw cimloop::InputError("unknown " + n); }
}  // namespace

TEST(CimSlicing, SpecFormulas) {
  // basic_analog: 8b operands, 8b temporal DAC, 8 bits per cell -> one slice each, 512 virtual MACs.
  const Slicing basic = slice({8, 8, 8, 8, 1, 1, 8});
  EXPECT_EQ(basic.input_bits_per_slice, 8);
  EXPECT_EQ(basic.weight_bits_per_slice, 8);
  EXPECT_EQ(basic.n_input_slices, 1);
  EXPECT_EQ(basic.n_virtual_macs, 512);
  // Bit-serial 1b DAC with 8b inputs; 2 bits per cell with 8b weights -> 8 and 4 slices.
  const Slicing serial = slice({8, 8, 8, 1, 1, 1, 2});
  EXPECT_EQ(serial.n_input_slices, 8);
  EXPECT_EQ(serial.n_weight_slices, 4);
  EXPECT_EQ(slice({7, 8, 8, 2, 1, 1, 1}).n_input_slices, 4);  // last slice partial
  EXPECT_THROW(slice({0, 8, 8, 1, 1, 1, 1}), cimloop::InputError);
}

TEST(CimSlicing, ArrayParallelism) {
  // Spec §1.1: basic_analog 32x32 -> 32 / 32 / 1024; Sinangil 16 columns x 64 rows -> 64 / 16.
  const std::vector<ArrayContainer> basic = {{"column", 32, false, Tensor::inputs},
                                             {"row", 32, true, Tensor::outputs}};
  const ArrayShape s = array_shape(basic, {8, 8, 8, 8, 1, 1, 8});
  EXPECT_EQ(s.parallel_inputs, 32);
  EXPECT_EQ(s.parallel_outputs, 32);
  EXPECT_EQ(s.parallel_weights, 1024);
  EXPECT_EQ(s.wordlines, 32);
  const std::vector<ArrayContainer> sinangil = {{"column", 16, false, Tensor::inputs},
                                                {"row", 64, true, Tensor::outputs}};
  const ArrayShape b = array_shape(sinangil, {4, 4, 4, 4, 4, 1, 1});
  EXPECT_EQ(b.parallel_inputs, 64);
  EXPECT_EQ(b.parallel_outputs, 16);
  EXPECT_EQ(b.bitlines, 64);
  // Outputs below the column container but above the rows: one per column.
  EXPECT_EQ(values_per_activation(sinangil, Tensor::outputs, 1), 16);
  // Inputs reaching the cells (below both): one per cell.
  EXPECT_EQ(values_per_activation(sinangil, Tensor::inputs, 2), 1024);
}

TEST(CimExpression, PythonSubset) {
  EXPECT_DOUBLE_EQ(evaluate_expression("2 ** 3 ** 2", none, "t"), 512);
  EXPECT_DOUBLE_EQ(evaluate_expression("-2 ** 2", none, "t"), -4);
  EXPECT_DOUBLE_EQ(evaluate_expression("7 // 2 + 7 % 4", none, "t"), 6);
  EXPECT_DOUBLE_EQ(evaluate_expression("max(1, 2e-9, 3) * ceil(log2(5))", none, "t"), 9);
  EXPECT_THROW(evaluate_expression("1 +", none, "t"), cimloop::InputError);
  EXPECT_THROW(evaluate_expression("1 / 0", none, "t"), cimloop::InputError);
  EXPECT_THROW(evaluate_expression("foo(1)", none, "t"), cimloop::InputError);
}

TEST(CimOperatingPoint, PublishedConditions) {
  auto p = parse_operating_point(
      "VOLTAGE=0.8 (default); AVERAGE_OUTPUT_VALUE=4; AVERAGE_INPUT_VALUE=AVERAGE_WEIGHT_VALUE=0.25*sqrt(4)");
  EXPECT_DOUBLE_EQ(p.at("VOLTAGE"), 0.8);
  EXPECT_DOUBLE_EQ(p.at("AVERAGE_INPUT_VALUE"), 0.5);
  EXPECT_DOUBLE_EQ(p.at("AVERAGE_WEIGHT_VALUE"), 0.5);
  EXPECT_TRUE(parse_operating_point("default variables; pJ/MVM = 2/16.3*8192").empty());
  EXPECT_EQ(parse_operating_point("INPUT_BITS=1 OUTPUT_BITS=1 WEIGHT_BITS=1").size(), 3u);
}

TEST(CimMacro, SinangilStatisticsAndThroughput) {
  const MacroSpec spec = macro("sinangil_jssc_2021");
  const MacroResult r = evaluate_macro(spec, default_distributions(spec), {});
  EXPECT_NEAR(r.average_input_value, 0.22778, 5e-6);  // spec §2.3
  EXPECT_NEAR(r.average_weight_value, 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(r.macs_per_activation, 1024);
  EXPECT_NEAR(r.tops(), 0.3724, 5e-4);  // 2 x 1024 / 5.5 ns
  // Data dependence: larger operands cost more energy per activation.
  const MacroResult busy = evaluate_macro(spec, default_distributions(spec),
                                          {{"AVERAGE_INPUT_VALUE", 0.9}, {"AVERAGE_WEIGHT_VALUE", 0.9}});
  EXPECT_GT(busy.energy_per_activation_pj(), 1.5 * r.energy_per_activation_pj());
  EXPECT_THROW(r.area_um2({"no_such_component"}), cimloop::InputError);
}

TEST(CimMacro, BasicAnalogAdcMatchesTutorial) {
  // Tutorial: the 32x32 8b ADC costs 6.4947 pJ per conversion (202.96 fJ/MAC x 32).
  const MacroSpec spec = macro("basic_analog");
  const MacroResult r = evaluate_macro(spec, default_distributions(spec), {});
  for (const auto& c : r.components) {
    if (c.name == "adc") {
      EXPECT_NEAR(c.read_pj, 6.4947, 2e-3);
    }
  }
  EXPECT_NEAR(r.average_input_value, 0.52767, 5e-6);
  EXPECT_NEAR(r.average_weight_value, 0.46667, 5e-6);
}

TEST(CimMacro, BadVariablesAreInputErrors) {
  MacroSpec spec = macro("basic_analog");
  for (auto& v : spec.variables)  // a definition that depends on itself
    if (v.name == "VOLTAGE_LATENCY_SCALE") v.expression = "GLOBAL_CYCLE_SECONDS * 2";
  EXPECT_THROW(evaluate_macro(spec, default_distributions(spec), {}), cimloop::InputError);
  for (auto& v : spec.variables)
    if (v.name == "VOLTAGE_LATENCY_SCALE") v.expression = "1 / ";
  try {
    evaluate_macro(spec, default_distributions(spec), {});
    FAIL() << "expected an InputError";
  } catch (const cimloop::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("(line "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("variables.VOLTAGE_LATENCY_SCALE"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_macro_spec(kExamples + "missing/macro.yaml"), cimloop::InputError);
}

TEST(CimMappingModel, FullMappingMatchesMacroAndPartialCostsLess) {
  const MacroSpec spec = macro("basic_analog");
  const MacroResult table = evaluate_macro(spec, default_distributions(spec), {});
  LayerShape layer;
  layer.c = 32;
  layer.m = 32;
  layer.p = layer.q = 4;
  const CimLayerModel model(table, layer);
  const MappingCost full = model.evaluate({{32, 32}, true});
  EXPECT_DOUBLE_EQ(full.cycles, 16);
  EXPECT_NEAR(full.energy_pj / full.cycles, table.energy_per_activation_pj(), 1e-9);
  EXPECT_DOUBLE_EQ(full.macs, 16 * 32 * 32);
  // Half the rows per activation: twice the activations, fewer cell reads per activation.
  const MappingCost half = model.evaluate({{32, 16}, true});
  EXPECT_DOUBLE_EQ(half.cycles, 32);
  EXPECT_GT(half.energy_pj, full.energy_pj);
  EXPECT_THROW(model.evaluate({{32, 5}, true}), cimloop::InputError);
  const auto mappings = model.enumerate_mappings();
  EXPECT_EQ(mappings.size(), 6u * 6u * 2u);  // divisors of 32 up to 32, both weight orders
}

TEST(CimMappingModel, ReadsResnetShape) {
  const auto file = cimloop::test::cimloop_fixture("workloads/resnet18/00.yaml");
  CIMLOOP_REQUIRE_FIXTURE(file);
  const LayerShape s = read_layer_shape(file.string());
  EXPECT_EQ(s.c, 3);
  EXPECT_EQ(s.m, 64);
  EXPECT_EQ(s.p, 112);
  EXPECT_EQ(s.r, 7);
  EXPECT_EQ(s.n, 1);
}

TEST(CimMacro, TableComponentInAMacro) {
  // Albireo's component tables, as its macro announces them to the Library estimator.
  const std::string tables = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/albireo_isca_2021/albireo_components";
  setenv("ACCELERGY_COMPONENT_LIBRARIES_ALBIREO", tables.c_str(), 1);
  MacroSpec spec = macro("basic_analog");
  ComponentSpec tia;
  tia.name = "tia";
  tia.model = "table:albireo_tia";
  tia.keeps = Tensor::outputs;
  tia.attributes = {{"scaling", "conservative"}, {"width", "ENCODED_OUTPUT_BITS"}};
  spec.components.push_back(tia);
  const MacroResult r = evaluate_macro(spec, default_distributions(spec), {});
  const ComponentResult& c = r.components.back();
  EXPECT_NEAR(c.read_pj, 0.6 * *cimloop::estimators::energy_scaling(7, 65), 1e-12);
  EXPECT_EQ(c.actions_per_activation, 32);  // one conversion per column output
  unsetenv("ACCELERGY_COMPONENT_LIBRARIES_ALBIREO");
}

TEST(CimMacro, ShiftAddModel) {
  MacroSpec spec = macro("basic_analog");
  ComponentSpec sa;
  sa.name = "shift_add";
  sa.model = "shift_add";
  sa.keeps = Tensor::outputs;
  sa.attributes = {{"n_bits", "16"}, {"shift_register_n_bits", "16"}, {"width", "ENCODED_OUTPUT_BITS"}};
  spec.components.push_back(sa);
  const MacroResult r = evaluate_macro(spec, default_distributions(spec), {});
  const ComponentResult& c = r.components.back();
  // Half a 32-bit Aladdin adder (0.21 pJ at 45 nm) scaled to 65 nm, plus the register.
  EXPECT_GT(c.read_pj, 0.105 * *cimloop::estimators::energy_scaling(45, 65));
  EXPECT_GT(c.area_um2, 0);
  EXPECT_EQ(c.actions_per_activation, 32);
}

TEST(CimOperatingPoint, Sweeps) {
  const auto [name, values] = parse_sweep("VOLTAGE=0.7,0.8,2**-1");
  EXPECT_EQ(name, "VOLTAGE");
  ASSERT_EQ(values.size(), 3u);
  EXPECT_DOUBLE_EQ(values[2], 0.5);
  EXPECT_THROW(parse_sweep("VOLTAGE"), cimloop::InputError);
  EXPECT_THROW(parse_sweep("VOLTAGE=0.7,X"), cimloop::InputError);
}

TEST(CimMacro, TemporalReuseOverInputSlices) {
  // Tutorial 1: 32x32, four input slices (2b DAC, 8b inputs). The ADC costs 811 fJ/MAC when
  // it converts every slice and 203 fJ/MAC when an analog buffer accumulates the slices.
  MacroSpec spec = macro("basic_analog");
  const std::map<std::string, double> four_slices = {{"TEMPORAL_DAC_RESOLUTION", 2}};
  auto adc_fj_per_mac = [&](const MacroSpec& s) {
    const MacroResult r = evaluate_macro(s, default_distributions(s), four_slices);
    for (const auto& c : r.components)
      if (c.name == "adc") return c.energy_per_activation_pj / r.macs_per_activation * 1e3;
    return 0.0;
  };
  EXPECT_NEAR(adc_fj_per_mac(spec), 811.01, 1.5);
  for (auto& c : spec.components)
    if (c.name == "adc") c.attributes["accumulates_input_slices"] = "1";
  EXPECT_NEAR(adc_fj_per_mac(spec), 202.96, 0.4);
}

TEST(CimMacro, CoalescingMergesCopiesFromContainersWithoutSpatialReuse) {
  // Tutorial 3: two arrays without spatial reuse behind an analog adder. The ADC converts
  // both arrays' partial sums (202.75 fJ/MAC) unless the adder coalesces them (101.38).
  MacroSpec spec = macro("basic_analog");
  spec.array.insert(spec.array.begin(), {"arrays", "2", false, Tensor::outputs, false});
  for (auto& c : spec.components)
    if (c.containers_above > 0) ++c.containers_above;
  ComponentSpec adder;
  adder.name = "analog_adder";
  adder.model = "dummy";
  adder.keeps = Tensor::outputs;
  adder.attributes = {{"width", "ENCODED_OUTPUT_BITS"}};
  spec.components.insert(spec.components.begin() + 1, adder);
  auto adc_fj_per_mac = [&](const MacroSpec& s) {
    const MacroResult r = evaluate_macro(s, default_distributions(s), {});
    EXPECT_DOUBLE_EQ(r.macs_per_activation, 2048);
    return r.components[0].energy_per_activation_pj / r.macs_per_activation * 1e3;
  };
  ASSERT_EQ(spec.components[0].name, "adc");
  EXPECT_NEAR(adc_fj_per_mac(spec), 202.75, 0.5);
  spec.components[1].coalesces = true;
  EXPECT_NEAR(adc_fj_per_mac(spec), 101.38, 0.3);

  // With four input slices: 811 fJ/MAC behind an amplifier that neither coalesces nor
  // reuses, 405.5 when it coalesces, 101.38 with coalescing and temporal reuse.
  const std::map<std::string, double> four_slices = {{"TEMPORAL_DAC_RESOLUTION", 2}};
  auto adc_sliced = [&](const MacroSpec& s) {
    const MacroResult r = evaluate_macro(s, default_distributions(s), four_slices);
    return r.components[0].energy_per_activation_pj / r.macs_per_activation * 1e3;
  };
  spec.components[1].coalesces = false;
  EXPECT_NEAR(adc_sliced(spec), 811.01, 1.5);
  spec.components[1].coalesces = true;
  EXPECT_NEAR(adc_sliced(spec), 405.50, 0.8);
  spec.components[0].attributes["accumulates_input_slices"] = "1";
  EXPECT_NEAR(adc_sliced(spec), 101.38, 0.3);
}
