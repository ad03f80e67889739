// The held-out macros (colonnade_jssc_2021, albireo_isca_2021): structural facts that follow
// from CiMLoop's description of them (cimloop-spec §1.5, §2.4, §3.1, §3.6), at the default
// operating point and over small sweeps. Their published values are not in the repository.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_variables.hpp"
#include "src/cim/mapping_model.hpp"
#include "src/cim/operating_point.hpp"
#include "src/common/error.hpp"

using namespace cimloop::cim;

namespace {

const std::string kExamples = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/";
MacroSpec macro(const std::string& name) { return read_macro_spec(kExamples + name + "/macro.yaml"); }

MacroResult run(const MacroSpec& spec, const std::map<std::string, double>& point = {},
                const std::map<std::string, std::string>& text = {}) {
  return evaluate_macro(spec, default_distributions(spec), point, text);
}

const ComponentResult& component(const MacroResult& r, const std::string& name) {
  for (const auto& c : r.components)
    if (c.name == name) return c;
  throw cimloop::InputError("no component " + name);
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Colonnade: digital bit-serial, 128 x 128, registers every 8 rows, no ADC.

TEST(CimColonnade, CycleFollowsTheCriticalPathOfAdders) {
  const MacroSpec spec = macro("colonnade_jssc_2021");
  for (double w : {1, 2, 4, 8}) {
    for (double v : {0.6, 0.8, 1.0}) {
      const MacroResult r = run(spec, {{"WEIGHT_BITS", w}, {"VOLTAGE", v}});
      const double ewb = w + std::ceil(std::log2(128));  // partial sums grow by log2(rows)
      EXPECT_NEAR(r.cycle_seconds, (ewb + 8 + 2) * 0.4e-9 * (0.8 / v), 1e-18) << w << " " << v;
      EXPECT_EQ(r.slicing.n_weight_slices, ewb);  // one bit per cell
      EXPECT_DOUBLE_EQ(r.macs_per_activation, 128 * 128 / ewb);
    }
  }
  // At the test bench's 100 MHz clock, or without bit pipelining (17 stages in series).
  EXPECT_NEAR(run(spec, {{"FORCE_100MHZ", 1}}).cycle_seconds, 10e-9, 1e-18);
  EXPECT_NEAR(run(spec, {{"BIT_PIPELINED", 0}}).cycle_seconds, 17 * 18 * 0.4e-9, 1e-18);
}

TEST(CimColonnade, ActionsPerActivationAndComponents) {
  const MacroResult r = run(macro("colonnade_jssc_2021"));
  EXPECT_EQ(r.components.size(), 8u);
  for (const auto& c : r.components) EXPECT_NE(c.name, "adc");
  EXPECT_DOUBLE_EQ(component(r, "row_drivers").actions_per_activation, 128);  // one per row
  EXPECT_DOUBLE_EQ(component(r, "digital_logic_input_ports").actions_per_activation, 128);
  EXPECT_DOUBLE_EQ(component(r, "column_drivers").actions_per_activation, 128);
  EXPECT_DOUBLE_EQ(component(r, "register").actions_per_activation, 128 * 16);
  EXPECT_DOUBLE_EQ(component(r, "cim_logic").actions_per_activation, 128 * 128);
  EXPECT_DOUBLE_EQ(component(r, "cim_unit").actions_per_activation, 128 * 128);
  EXPECT_DOUBLE_EQ(component(r, "weight_drivers").actions_per_activation, 0);
  for (const std::string name : {"row_drivers", "digital_logic_input_ports", "column_drivers",
                                 "register", "cim_logic"})
    EXPECT_GT(component(r, name).energy_per_activation_pj, 0) << name;
  for (const std::string name : {"row_drivers", "column_drivers", "register", "cim_unit", "cim_logic"})
    EXPECT_GT(component(r, name).area_um2, 0) << name;
  EXPECT_EQ(component(r, "digital_logic_input_ports").area_um2, 0);  // counted in cim_logic
  // One input-port action switches the ports of all 128 columns (n_instances leak too).
  EXPECT_NEAR(component(r, "digital_logic_input_ports").leak_pj_per_cycle,
              128 * 15 * component(r, "cim_logic").leak_pj_per_instance, 1e-12);
}

TEST(CimColonnade, BitSerialInputsAndSwitchingActivity) {
  const MacroSpec spec = macro("colonnade_jssc_2021");
  const MacroResult one = run(spec);
  for (double bits : {2, 4, 8}) {
    const MacroResult r = run(spec, {{"INPUT_BITS", bits}});
    EXPECT_EQ(r.slicing.n_input_slices, bits);
    EXPECT_NEAR(r.tops(), one.tops() / bits, 1e-12);
  }
  // Logic energy follows sqrt(x(1 - x)), the input ports x(1 - x) (spec §2.4).
  const MacroResult half = run(spec, {{"AVERAGE_INPUT_VALUE", 0.5}});
  const MacroResult low = run(spec, {{"AVERAGE_INPUT_VALUE", 0.1}});
  EXPECT_NEAR(component(low, "cim_logic").read_pj / component(half, "cim_logic").read_pj,
              std::sqrt(0.09 / 0.25), 1e-12);
  EXPECT_NEAR(component(low, "digital_logic_input_ports").read_pj /
                  component(half, "digital_logic_input_ports").read_pj,
              0.09 / 0.25, 1e-12);
  // Digital parts are characterised at 0.8 V and scale with VOLTAGE_ENERGY_SCALE = (V/0.8)^2.
  const MacroResult high = run(spec, {{"VOLTAGE", 1.0}, {"AVERAGE_INPUT_VALUE", 0.5}});
  for (const std::string name : {"cim_logic", "digital_logic_input_ports", "register"})
    EXPECT_NEAR(component(high, name).read_pj / component(half, name).read_pj, 1.5625, 1e-12) << name;
}

// ---------------------------------------------------------------------------------------
// Albireo: photonic, 7 nm, 9 PLCG x 3 PLCU x 3 groups x 3 rows x 5 columns.

TEST(CimAlbireo, MacsCycleAndScenarios) {
  const MacroSpec spec = macro("albireo_isca_2021");
  for (const std::string scaling : {"conservative", "moderate", "aggressive"}) {
    const MacroResult r = run(spec, {}, {{"SCALING", scaling}});
    EXPECT_DOUBLE_EQ(r.macs_per_activation, 1215) << scaling;
    EXPECT_NEAR(r.cycle_seconds, scaling == "aggressive" ? 0.125e-9 : 0.2e-9, 1e-21);
    EXPECT_NEAR(r.tops(), 2 * 1215 / r.cycle_seconds / 1e12, 1e-9);
    for (const auto& c : r.components) {
      EXPECT_GE(c.energy_per_activation_pj, 0) << c.name;
      EXPECT_GE(c.area_um2, 0) << c.name;
    }
  }
  // The default is CiMLoop's iso scenario; the lower-case alias follows SCALING.
  EXPECT_NEAR(run(spec).cycle_seconds, 0.125e-9, 1e-21);
  EXPECT_NEAR(run(spec, {}, {{"scaling", "moderate"}}).cycle_seconds, 0.2e-9, 1e-21);
  EXPECT_THROW(run(spec, {}, {{"SCALING", "optimistic"}}), cimloop::InputError);
}

TEST(CimAlbireo, AdcCrossCheckConservative) {
  // Spec §3.1: 8b at 7 nm and 5 GS/s per ADC is 0.272 pJ, x 21.4 = 5.83 pJ; 45 conversions
  // per 1215 MACs give 216 fJ/MAC (the paper's value).
  const MacroResult r = run(macro("albireo_isca_2021"), {}, {{"SCALING", "conservative"}});
  const ComponentResult& adc = component(r, "adc");
  EXPECT_DOUBLE_EQ(adc.actions_per_activation, 45);
  EXPECT_NEAR(adc.read_pj, 5.83, 0.01);
  EXPECT_NEAR(adc.energy_per_activation_pj / r.macs_per_activation * 1e3, 216, 1);
}

TEST(CimAlbireo, TableComponentsAndInstanceCounts) {
  const MacroResult r = run(macro("albireo_isca_2021"), {}, {{"SCALING", "conservative"}});
  const double cycle = 0.2e-9;
  // Exact table values (spec §3.6), times the copies the structure implies.
  EXPECT_DOUBLE_EQ(component(r, "TIA").read_pj, 0.6);
  EXPECT_DOUBLE_EQ(component(r, "TIA").area_um2, 2769.0 * 5 * 9);
  EXPECT_DOUBLE_EQ(component(r, "input_dac").read_pj, 5.2);
  EXPECT_DOUBLE_EQ(component(r, "input_dac").actions_per_activation, 63);  // 21 per PLCU
  EXPECT_DOUBLE_EQ(component(r, "weight_dac").area_um2, 153.0 * 243);
  EXPECT_NEAR(component(r, "input_mach_zehnder_modulator").leak_pj_per_cycle, 63 * 11.3e9 * cycle, 1e-9);
  EXPECT_NEAR(component(r, "weight_mach_zehnder_modulator").leak_pj_per_cycle, 243 * 11.3e9 * cycle, 1e-9);
  EXPECT_NEAR(component(r, "MRR").leak_pj_per_cycle, 2430 * 3.1e9 * cycle, 1e-9);
  EXPECT_DOUBLE_EQ(component(r, "MRR").area_um2, 410.0 * 2430);
  EXPECT_NEAR(component(r, "laser").leak_pj_per_cycle, 1215 * 1.94e9 * cycle, 1e-9);
  EXPECT_DOUBLE_EQ(component(r, "photodiode_output_readout").area_um2, 9230.0 * 27);
  EXPECT_DOUBLE_EQ(component(r, "awg").area_um2, 1108089.0 * 81);
  EXPECT_DOUBLE_EQ(component(r, "star_coupler").area_um2, 262500.0 * 81);
  // Static power dominates the photonic parts: leakage, not actions, carries their energy.
  EXPECT_EQ(component(r, "MRR").read_pj, 0);
  EXPECT_EQ(component(r, "laser").read_pj, 0);
}

TEST(CimAlbireo, ConditionsSetTheScenario) {
  const auto words = parse_operating_point_text("SCALING=conservative; INPUT_BITS=8 scaling='moderate'");
  EXPECT_EQ(words.at("SCALING"), "conservative");
  EXPECT_EQ(words.at("scaling"), "moderate");
  EXPECT_EQ(parse_operating_point("SCALING=conservative; INPUT_BITS=8").size(), 1u);
  const MacroSpec spec = macro("albireo_isca_2021");
  const MacroResult r = run(spec, parse_operating_point("VOLTAGE=0.5"),
                            parse_operating_point_text("SCALING=\"moderate\""));
  EXPECT_NEAR(r.cycle_seconds, 0.4e-9, 1e-21);  // latency scales with 1 / VOLTAGE
  EXPECT_DOUBLE_EQ(component(r, "TIA").read_pj, 0.3);
}

TEST(CimAlbireo, MappingsScaleStatedCountsWithTheCopiesUsed) {
  // A layer that fills the array (27 reduced over PLCU x groups x rows, 45 spread over
  // PLCG x columns): the full mapping costs one activation per cycle, the stated counts
  // (sliding-window inputs) included; a mapping on fewer copies costs less per cycle.
  const MacroResult table = run(macro("albireo_isca_2021"));
  LayerShape shape;
  shape.c = 27;
  shape.m = 45;
  const CimLayerModel model(table, shape);
  CimMapping full;
  for (const auto& c : table.containers) full.spatial.push_back(c.fanout);
  const MappingCost cost = model.evaluate(full);
  EXPECT_DOUBLE_EQ(cost.cycles, 1);
  EXPECT_NEAR(cost.energy_pj, table.energy_per_activation_pj(), 1e-9);
  CimMapping half = full;
  half.spatial[0] = 3;  // 3 of 9 PLCGs
  const MappingCost partial = model.evaluate(half);
  EXPECT_DOUBLE_EQ(partial.cycles, 3);
  // The PLCGs share their inputs: only the per-PLCG output path (ADC, TIA, output registers)
  // and weight path (the weight cache and DACs, driving the weights every cycle) act on fewer
  // values per cycle; leakage is charged for every copy (no power gating).
  double output_path = 0;
  for (const std::string name : {"adc", "TIA", "output_regs", "weight_cache", "weight_dac"})
    output_path += component(table, name).energy_per_activation_pj;
  EXPECT_NEAR(partial.energy_pj / partial.cycles, cost.energy_pj - output_path * 2 / 3, 1e-9);
}
