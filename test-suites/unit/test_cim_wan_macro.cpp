// The held-out NeuRRAM macro (examples/cim/wan_nature_2022): structural facts that follow from
// CiMLoop's description of it (variables_free.yaml, arch.yaml) at its default operating point
// and over an input-bit sweep, and its rows through the accuracy tool. No published numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unistd.h>

#include "src/cim/accuracy.hpp"
#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_variables.hpp"
#include "src/common/error.hpp"

using namespace cimloop::cim;

namespace {

const std::string kExamples = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim";

const MacroSpec& wan() {
  static const MacroSpec spec = read_macro_spec(kExamples + "/wan_nature_2022/macro.yaml");
  return spec;
}

const ComponentResult& component(const MacroResult& r, const std::string& name) {
  for (const auto& c : r.components)
    if (c.name == name) return c;
  throw std::runtime_error("no component " + name);
}

double per_mvm(const MacroResult& r, const std::string& name) {
  return component(r, name).actions_per_activation * r.activations_per_mvm;
}

// The phase quantities as variables_free.yaml defines them, for one operating point.
struct Phases {
  double eib, eob, integration_steps, adc_steps, n_phases, max_before_two;
  std::vector<double> phases;
};

Phases phases_at(const std::map<std::string, double>& overrides) {
  MacroVariables vars(wan(), default_distributions(wan()), overrides);
  Phases p{vars.get("ENCODED_INPUT_BITS"), vars.get("ENCODED_OUTPUT_BITS"), vars.get("INTEGRATION_STEPS"),
           vars.get("ADC_STEPS_PER_INPUT"), vars.get("N_PHASES"), vars.get("MAX_INPUT_BITS_BEFORE_TWO_PHASE"), {}};
  const std::optional<Value> phases = vars.lookup("PHASES");
  for (const auto& v : phases->items) p.phases.push_back(v.as_double());
  return p;
}

}  // namespace

TEST(CimWanMacro, DefaultOperatingPoint) {
  const MacroResult r = evaluate_macro(wan(), default_distributions(wan()), {});
  MacroVariables vars(wan(), default_distributions(wan()), {});
  // 8b signed inputs as magnitudes: 7 bit-serial steps; 4b signed weights in two cells.
  EXPECT_EQ(vars.get("ENCODED_INPUT_BITS"), 7);
  EXPECT_EQ(r.slicing.n_input_slices, 7);
  EXPECT_EQ(r.slicing.n_weight_slices, 2);
  EXPECT_EQ(r.activations_per_mvm, 7);
  // 256 rows x 128 differential weight pairs.
  EXPECT_DOUBLE_EQ(r.macs_per_activation * r.activations_per_mvm, 256 * 128);
  // Defaults take two phases (7 magnitude bits > 3).
  EXPECT_EQ(vars.get("N_PHASES"), 2);
  for (const auto& c : r.components) {
    const bool energy_free = c.name == "wordline_drivers" || c.name == "weight_drivers";
    if (energy_free) EXPECT_EQ(c.energy_per_activation_pj, 0) << c.name;
    else EXPECT_GT(c.energy_per_activation_pj, 0) << c.name;
    const bool area_free = c.name == "wordline_cap" || c.name == "weight_drivers";  // stacked / shared
    if (area_free) EXPECT_EQ(c.area_um2, 0) << c.name;
    else EXPECT_GT(c.area_um2, 0) << c.name;
    EXPECT_TRUE(c.warning.empty()) << c.warning;
  }
  EXPECT_GT(r.tops(), 0);
  EXPECT_GT(r.tops_per_w(), 0);
  EXPECT_GT(r.tops_per_mm2(), 0);
}

TEST(CimWanMacro, InputBitSweep) {
  double previous_tops = 0;
  std::vector<double> reference;  // per-step energies at 8 bits
  for (int bits = 8; bits >= 1; --bits) {
    const std::map<std::string, double> op = {{"INPUT_BITS", bits}};
    const MacroResult r = evaluate_macro(wan(), default_distributions(wan()), op);
    const Phases p = phases_at(op);
    SCOPED_TRACE("INPUT_BITS=" + std::to_string(bits));
    // Magnitude encoding of signed inputs drops the sign bit (never below 1 bit).
    EXPECT_EQ(p.eib, std::max(1, bits - 1));
    // The phases split exactly the input's magnitude bits; two only above the limit.
    double total = 0, steps = 0;
    for (double b : p.phases) total += b, steps += std::pow(2, b) - 1;
    EXPECT_EQ(total, p.eib);
    EXPECT_EQ(p.n_phases, p.eib > p.max_before_two ? 2 : 1);
    EXPECT_EQ(p.integration_steps, steps);
    EXPECT_GE(p.adc_steps, p.eob);
    EXPECT_LE(p.adc_steps, p.n_phases * p.eob);
    // Cycle = one input bit: (integration + ADC + inter-phase time) per input / input bits.
    const double per_input = 0.27e-6 * p.integration_steps + 0.3e-6 * p.adc_steps + 0.3e-6 * p.n_phases;
    EXPECT_NEAR(r.cycle_seconds, per_input / p.eib, 1e-15);
    EXPECT_NEAR(r.tops(), 2.0 * 256 * 128 / per_input / 1e12, 1e-12);
    // Once per output and whole input: ADC, shift-add and the wordline toggles (whose energy
    // counts each input bit); once per output and input bit: integrator, sampler, columns.
    for (const char* name : {"adc", "shift_add", "wordline_cap"}) EXPECT_NEAR(per_mvm(r, name), 256, 1e-9) << name;
    for (const char* name : {"integrator", "sample", "column_drivers", "row_drivers"})
      EXPECT_NEAR(per_mvm(r, name), 256 * p.eib, 1e-9) << name;
    EXPECT_NEAR(per_mvm(r, "cim_unit"), 256 * 256 * p.eib, 1e-6);
    // Per-action energies follow the steps: ADC and shift-add per ADC step, the integrator's
    // steps spread over the input bits, the wordline per input bit.
    const double adc_per_step = component(r, "adc").read_pj / p.adc_steps;
    const double integrator_per_step = component(r, "integrator").read_pj * p.eib / p.integration_steps;
    const double wordline_per_bit = component(r, "wordline_cap").read_pj / p.eib;
    if (bits == 8) reference = {adc_per_step, integrator_per_step, wordline_per_bit};
    EXPECT_NEAR(adc_per_step, reference[0], 1e-12);
    EXPECT_NEAR(component(r, "shift_add").read_pj / p.adc_steps * 3, adc_per_step, 1e-12);  // 0.1 vs 0.3 pJ
    EXPECT_NEAR(integrator_per_step, reference[1], 1e-12);
    EXPECT_NEAR(wordline_per_bit, reference[2], 1e-9);
    // Fewer input bits never slow the macro down.
    EXPECT_GE(r.tops(), previous_tops * (1 - 1e-12));
    previous_tops = r.tops();
  }
}

TEST(CimWanMacro, PhaseModeAndVoltage) {
  const MacroResult two = evaluate_macro(wan(), default_distributions(wan()), {});
  const MacroResult one = evaluate_macro(wan(), default_distributions(wan()), {{"ONE_PHASE", 1}});
  const Phases p = phases_at({{"ONE_PHASE", 1}});
  EXPECT_EQ(p.n_phases, 1);
  EXPECT_EQ(p.integration_steps, 127);  // 2^7 - 1 pulses in one phase
  EXPECT_EQ(p.adc_steps, p.eob);
  EXPECT_LT(one.tops(), two.tops());
  // Lower supply: slower by 1.8/V; the ADC's energy per step scales with V^2, the digital
  // shift-add (no voltage in CiMLoop's description) does not.
  const MacroResult low = evaluate_macro(wan(), default_distributions(wan()), {{"VOLTAGE", 1.5}});
  EXPECT_NEAR(low.cycle_seconds, two.cycle_seconds * 1.8 / 1.5, 1e-15);
  EXPECT_NEAR(component(low, "adc").read_pj, component(two, "adc").read_pj * std::pow(1.5 / 1.8, 2), 1e-12);
  EXPECT_NEAR(component(low, "shift_add").read_pj, component(two, "shift_add").read_pj, 1e-12);
  EXPECT_LT(low.energy_per_activation_pj(), two.energy_per_activation_pj());
}

TEST(CimWanMacro, AccuracyToolEvaluatesItsRows) {
  // Rows in published.csv's format with placeholder values (the real ones are held out).
  const auto dir = std::filesystem::temp_directory_path() / ("cim_wan_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "published.csv")
      << "macro,metric,condition,published_value,unit,source_paper,where_in_paper,cimloop_test,components,"
         "cimloop_model_approx,note\n"
      << "wan_nature_2022,tops,INPUT_BITS=4,1,TOPS,Wan 2022,,,,,\n"
      << "wan_nature_2022,tops_per_w,INPUT_BITS=4 OUTPUT_BITS=6,1,TOPS/W,Wan 2022,,,,,\n"
      << "wan_nature_2022,tops_per_mm2,default variables,1,TOPS/mm^2,Wan 2022,,,,,\n"
      << "wan_nature_2022,energy_adc,INPUT_BITS=4,1,pJ,Wan 2022,,,adc+shift_add,,\n"
      << "wan_nature_2022,energy_neuron,VOLTAGE=1.5,1,pJ,Wan 2022,,,integrator+sample+wordline_cap,,\n"
      << "wan_nature_2022,area_adc,default variables,1,um^2,Wan 2022,,,adc,,\n"
      << "wan_nature_2022,energy_per_mac,ONE_PHASE=True,1,fJ/MAC,Wan 2022,,,all,,\n";
  std::ofstream(dir / "exempt.csv") << "macro,metric,condition,reason\n";
  const AccuracySummary s = evaluate_published((dir / "published.csv").string(), kExamples, (dir / "exempt.csv").string());
  std::filesystem::remove_all(dir);
  ASSERT_EQ(s.rows.size(), 7u);
  EXPECT_EQ(s.failed_rows, 0u);
  for (const auto& row : s.rows) {
    EXPECT_TRUE(row.failure.empty()) << row.failure;
    EXPECT_TRUE(row.notes.empty()) << row.fields[2];
    EXPECT_GT(row.model, 0) << row.fields[1];
  }
  // Each row equals the report for its operating point. The rows go through the v0.4 chain
  // (accuracy.yaml), whose action energies carry the ERT's 6 decimals: 0.5e-6 pJ per action
  // and per cycle of leakage, per MVM (test_cim_chain_evaluation.cpp).
  const auto at = [](const std::map<std::string, double>& op) {
    return evaluate_macro(wan(), default_distributions(wan()), op);
  };
  const auto rounding_pj_per_mvm = [](const MacroResult& r, const std::set<std::string>& names) {
    double actions = 0;
    for (const auto& c : r.components)
      if (names.empty() || names.count(c.name)) actions += c.actions_per_activation + 1;
    return 0.5e-6 * actions * r.activations_per_mvm + 1e-12;
  };
  const MacroResult four = at({{"INPUT_BITS", 4}});
  EXPECT_NEAR(s.rows[0].model, four.tops(), 1e-12);
  const MacroResult four_six = at({{"INPUT_BITS", 4}, {"OUTPUT_BITS", 6}});
  const double four_six_pj = four_six.energy_per_activation_pj() * four_six.activations_per_mvm;
  EXPECT_NEAR(s.rows[1].model, four_six.tops_per_w(),
              four_six.tops_per_w() * rounding_pj_per_mvm(four_six, {}) / four_six_pj);
  EXPECT_NEAR(s.rows[3].model, four.energy_per_activation_pj({"adc", "shift_add"}) * four.activations_per_mvm,
              rounding_pj_per_mvm(four, {"adc", "shift_add"}));
  EXPECT_NEAR(s.rows[5].model, at({}).area_um2({"adc"}), 1e-9);
  const MacroResult one_phase = at({{"ONE_PHASE", 1}});
  const double macs_per_mvm = one_phase.macs_per_activation * one_phase.activations_per_mvm;
  EXPECT_NEAR(s.rows[6].model, one_phase.energy_per_mac_pj() * 1e3, rounding_pj_per_mvm(one_phase, {}) / macs_per_mvm * 1e3);
}
