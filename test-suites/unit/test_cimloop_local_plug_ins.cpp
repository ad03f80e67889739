// CiMLoop's local plug-ins (models/components/accelergy_plug_ins: misc.py and X2X_ladder.py)
// against the Python itself. Every expected value was produced by running the plug-in class
// through Accelergy's EstimatorWrapper (the kit's accelergy library on PYTHONPATH) with the
// same attributes and arguments: primitive_*_supported, then estimate_energy/estimate_area,
// value x 1e12, printed with repr(). The results must agree to the last bit.
#include <cmath>

#include <gtest/gtest.h>

#include "estimators/estimator.hpp"

using namespace cimloop::estimators;

namespace {

enum class Outcome { value, unsupported, failed };

struct Result {
  Outcome outcome = Outcome::value;
  double value = 0;
  std::string why;
};

// The named estimator alone, as Accelergy asks one plug-in: accuracy, then the estimate.
Result run(const std::string& estimator, const std::string& class_name, Attributes attributes,
           const std::string& action = "", Attributes arguments = {}) {
  const PrimitiveEstimator* e = Registry::builtin().find(estimator);
  if (!e) return {Outcome::failed, 0, "no estimator " + estimator};
  Query q;
  q.class_name = class_name;
  q.attributes = std::move(attributes);
  q.action = action;
  q.arguments = std::move(arguments);
  try {
    if (e->accuracy(q) <= 0) return {Outcome::unsupported, 0, "accuracy 0"};
  } catch (const Declined& d) {
    return {Outcome::unsupported, 0, d.what()};
  }
  try {
    return {Outcome::value, e->estimate(q).value, ""};
  } catch (const Declined& d) {
    return {Outcome::failed, 0, d.what()};
  }
}

void expect_value(const Result& r, double expected) {
  ASSERT_EQ(r.outcome, Outcome::value) << r.why;
  EXPECT_EQ(r.value, expected) << "off by " << (r.value - expected) / expected << " relative";
}

const Attributes kCycle = {{"global_cycle_seconds", 1e-9}};

}  // namespace

TEST(CapacitorPlugIn, EnergiesOfEveryAction) {
  const Attributes c = {{"capacitance", 2e-15}, {"technology", 22}, {"voltage", 1.0}};
  expect_value(run("Capacitor", "capacitor", c, "read", kCycle), 0.002);
  expect_value(run("Capacitor", "capacitor", c, "switch", {{"value_probabilities", std::vector<double>{1, 1}}, {"zero_between_values", 0}}), 0.0005);
  expect_value(run("Capacitor", "capacitor", c, "switch", {{"value_probabilities", std::vector<double>{1, 1}}}), 0.001);
  expect_value(run("Capacitor", "capacitor", {{"capacitance", 1e-15}, {"technology", 22}, {"voltage", 0.7}}, "switch",
                   {{"value_probabilities", std::vector<double>{0, 0, 0, 3, 2, 1, 0}}, {"zero_between_values", 0},
                    {"supply_voltage", 0.8}}),
               3.6296296296296295e-05);
  const Attributes c9 = {{"capacitance", 2e-15}, {"technology", 22}, {"voltage", 0.9}};
  expect_value(run("Capacitor", "capacitor", c9, "charge",
                   {{"value_probabilities", std::vector<double>{1, 2, 3, 4}}, {"charge_probability", 0.3}}),
               0.00324);
  expect_value(run("Capacitor", "capacitor", c9, "raise_voltage_to", {{"target_voltage", 0.5}}), 0.0009000000000000001);
  expect_value(run("Capacitor", "capacitor", c9, "raise_voltage_to", {{"target_voltage", 0.5}, {"supply_voltage", 1.2}}), 0.0012);
  expect_value(run("Capacitor", "capacitor", c9, "raise_voltage_to_from_non_supply",
                   {{"target_voltage", 0.5}, {"non_supply_voltage", 0.1}}),
               0.0009000000000000001);
  // Sinangil's binary-weighting capacitors: energy_scale is the plug-in's own.
  const Attributes sinangil = {{"capacitance", 1.6e-14}, {"cap_f_per_m2", 0.0017}, {"voltage", 0.8},
                               {"technology", 7}, {"energy_scale", 0.39861111111111097}};
  expect_value(run("Capacitor", "capacitor", sinangil, "read", {{"global_cycle_seconds", 5.5e-9}}), 0.004081777777777778);
  // Defaults: 0.7 V.
  const Attributes plain = {{"capacitance", 3e-15}, {"technology", 45}};
  expect_value(run("Capacitor", "capacitor", plain, "read"), 0.0014699999999999997);
  expect_value(run("Capacitor", "capacitor", plain, "write"), 0);
  expect_value(run("Capacitor", "capacitor", plain, "leak", kCycle), 0);
  expect_value(run("Capacitor", "capacitor", plain, "idle"), 0);
}

TEST(CapacitorPlugIn, Areas) {
  expect_value(run("Capacitor", "capacitor", {{"capacitance", 2e-15}, {"technology", 22}, {"voltage", 1.0}}),
               1.8695652173913044);
  expect_value(run("Capacitor", "capacitor",
                   {{"capacitance", 1.6e-14}, {"cap_f_per_m2", 0.0017}, {"voltage", 0.8}, {"technology", 7}}),
               9.513004375303844);
  expect_value(run("Capacitor", "capacitor", {{"capacitance", 2e-15}, {"technology", 65}, {"stacked", 1}}), 0);
  expect_value(run("Capacitor", "capacitor", {{"capacitance", 3e-15}, {"technology", 45}}), 9.641124685591091);
  // cap_f_per_m2 0 takes the default (Python's `or`); the border is given.
  expect_value(run("Capacitor", "capacitor",
                   {{"capacitance", 3e-15}, {"technology", 45}, {"border_area_m2", 2e-12}, {"cap_f_per_m2", 0}}),
               7.457240388070428);
  expect_value(run("Capacitor", "capacitor", {{"capacitance", 3e-15}, {"technology", 0}, {"cap_f_per_m2", 1e-3}}),
               2.9999999999999996);
}

TEST(CapacitorPlugIn, RefusesWhatThePythonRefuses) {
  const Attributes plain = {{"capacitance", 3e-15}, {"technology", 45}};
  // A required parameter missing: the query is not supported.
  EXPECT_EQ(run("Capacitor", "capacitor", {{"capacitance", 3e-15}}, "read").outcome, Outcome::unsupported);
  EXPECT_EQ(run("Capacitor", "capacitor", plain, "leak").outcome, Outcome::unsupported);
  EXPECT_EQ(run("Capacitor", "capacitor", plain, "raise_voltage_to_from_non_supply", {{"target_voltage", 0.5}}).outcome,
            Outcome::unsupported);
  EXPECT_EQ(run("Capacitor", "capacitor", plain, "compute").outcome, Outcome::unsupported);
  EXPECT_EQ(run("Capacitor", "Capacitor", plain).outcome, Outcome::unsupported);  // class names are exact
  // Python's exceptions fail the estimate.
  EXPECT_EQ(run("Capacitor", "capacitor", {{"capacitance", 3e-15}, {"technology", 0}}).outcome, Outcome::failed);
  EXPECT_EQ(run("Capacitor", "capacitor", plain, "switch", {{"value_probabilities", std::vector<double>{5}}}).outcome,
            Outcome::failed);
}

// The capacitors of the held-out macros, with the attributes CiMLoop's processing gives them:
// wan_nature_2022's wordline_cap (stacked, energy_scale 7) and colonnade_jssc_2021's input-port
// wire_cap (a subcomponent: its read also receives cycle_seconds, technology, n_instances).
TEST(CapacitorPlugIn, HeldOutMacros) {
  const Attributes wordline = {{"capacitance", 5.856e-13}, {"voltage", 1.8}, {"energy_scale", 7},
                               {"stacked", 1}, {"technology", 130}};
  expect_value(run("Capacitor", "capacitor", wordline, "read",
                   {{"global_cycle_seconds", 1.4485714285714284e-06}, {"action_latency_cycles", 1}}),
               13.281408000000003);
  expect_value(run("Capacitor", "capacitor", wordline), 0);
  const Attributes wire = {{"capacitance", 1e-15}, {"voltage", 0.8}, {"technology", 65}};
  expect_value(run("Capacitor", "capacitor", wire, "read",
                   {{"global_cycle_seconds", 1e-9}, {"action_latency_cycles", 1}, {"cycle_seconds", 1e-9},
                    {"technology", 65}, {"n_instances", 128}}),
               0.0006400000000000002);
  expect_value(run("Capacitor", "capacitor", wire), 12.524703557312252);
}

TEST(WirePlugIn, ACapacitorPerLengthWithoutArea) {
  expect_value(run("Wire", "wire", {{"length", 1e-5}, {"voltage", 0.8}, {"technology", 22}}, "read"), 0.0012800000000000003);
  expect_value(run("Wire", "wire", {{"length", 1e-5}, {"voltage", 0.8}, {"capacitance_per_m", 3e-10}}, "switch",
                   {{"value_probabilities", std::vector<double>{1, 2, 1}}, {"zero_between_values", 0}}),
               0.0003600000000000001);
  expect_value(run("Wire", "wire", {{"length", 1e-5}, {"voltage", 0.8}, {"technology", 22}}), 0);
  expect_value(run("Wire", "wire", {{"length", 1e-5}}, "read"), 0.00098);
  // Its voltage goes where the capacitor takes the technology: 0 V divides by zero.
  EXPECT_EQ(run("Wire", "wire", {{"length", 1e-5}, {"voltage", 0}}, "read").outcome, Outcome::failed);
  EXPECT_EQ(run("Wire", "wire", {{"voltage", 0.8}}, "read").outcome, Outcome::unsupported);
}

TEST(PassGatePlugIn, AreaOnly) {
  expect_value(run("PassGate", "pass_gate", {{"technology", 22}}), 0.09680000000000001);
  expect_value(run("PassGate", "pass_gate", {{"technology", 7}, {"transistor_area_f2", 150}}), 0.014700000000000003);
  expect_value(run("PassGate", "pass_gate", {{"technology", 22}}, "leak", kCycle), 0);
  expect_value(run("PassGate", "pass_gate", {{"technology", 22}}, "idle"), 0);
  EXPECT_EQ(run("PassGate", "pass_gate", {{"technology", 22}}, "read").outcome, Outcome::unsupported);
}

TEST(R2rLadderPlugIn, ConvertAndArea) {
  // Wang's DAC (wang_vlsi_2022 default run).
  const Attributes wang = {{"resolution", 8}, {"voltage", 0.5}, {"unit_resistance", 5000}, {"technology", 22},
                           {"hist", std::vector<double>{2, 2, 2, 2, 2, 2, 2}}};
  expect_value(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder", wang, "convert",
                   {{"action_latency_cycles", 1}, {"cycle_seconds", 4.660762089428718e-09},
                    {"global_cycle_seconds", 4.660762089428718e-09}}),
               0.2096029431249384);
  expect_value(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder", wang), 280);
  // A histogram wider than the codes (summed into them) and one narrower (interpolated).
  const Attributes wide = {{"resolution", 4}, {"voltage", 0.9}, {"unit_resistance", 3000}, {"technology", 32},
                           {"hist", std::vector<double>{5, 1, 0, 2, 7, 1, 3, 0, 0, 2, 1, 1, 4, 0, 0, 1,
                                                        2, 3, 1, 0, 0, 1, 5, 2, 0, 1, 1, 1, 2, 0, 3}},
                           {"area_scale", 2}};
  expect_value(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder", wide, "convert",
                   {{"action_latency_cycles", 2}, {"cycle_seconds", 1e-8}}),
               2.219061092553192);
  expect_value(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder", wide), 355.43801652892563);
  expect_value(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder",
                   {{"resolution", 6}, {"voltage", 1.1}, {"unit_resistance", 8000}, {"technology", 65},
                    {"hist", std::vector<double>{0.2, 0.5, 0.3}}},
                   "convert", {{"action_latency_cycles", 1}, {"cycle_seconds", 2e-9}, {"load_cap", 1e-12}}),
               2.5331665774601064);
  expect_value(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder",
                   {{"resolution", 1}, {"voltage", 1.0}, {"unit_resistance", 1000}, {"technology", 22},
                    {"hist", std::vector<double>{1, 1}}},
                   "convert", {{"action_latency_cycles", 1}, {"cycle_seconds", 1e-9}}),
               0.22622000000000003);
}

TEST(R2rLadderPlugIn, RefusesWhatThePythonRefuses) {
  const Attributes no_hist = {{"resolution", 8}, {"voltage", 0.5}, {"unit_resistance", 5000}, {"technology", 22}};
  // A top-level DAC's convert gets no cycle_seconds argument: not supported.
  EXPECT_EQ(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder", no_hist, "convert",
                {{"action_latency_cycles", 1}, {"global_cycle_seconds", 1e-9}})
                .outcome,
            Outcome::unsupported);
  EXPECT_EQ(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder", no_hist, "convert",
                {{"action_latency_cycles", 1}, {"cycle_seconds", 1e-9}})
                .outcome,
            Outcome::failed);  // no histogram
  expect_value(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder", no_hist, "leak", kCycle), 0);
  EXPECT_EQ(run("DigitalAnalogConverter_R2R", "dac_r2r_ladder", {{"resolution", 8}, {"voltage", 0.5}, {"technology", 22}})
                .outcome,
            Outcome::unsupported);
}

TEST(C2cLadderPlugIn, EveryEstimateFailsAsInPython) {
  // Its constructor passes the capacitance twice to Capacitor(): a TypeError on every query.
  const Attributes c2c = {{"resolution", 8}, {"voltage", 0.5}, {"unit_capacitance", 1e-12}, {"technology", 22},
                          {"hist", std::vector<double>{1, 1, 1}}};
  const Result energy = run("DigitalAnalogConverter_C2C", "dac_c2c_ladder", c2c, "convert");
  EXPECT_EQ(energy.outcome, Outcome::failed);
  EXPECT_NE(energy.why.find("multiple values for argument 'capacitance'"), std::string::npos) << energy.why;
  EXPECT_EQ(run("DigitalAnalogConverter_C2C", "dac_c2c_ladder", c2c).outcome, Outcome::failed);
  // The abstract base has accuracy 0.
  EXPECT_EQ(run("DigitalAnalogConverterX2XLadder", "dac_x2x_ladder",
                {{"resolution", 8}, {"voltage", 0.5}, {"unit_x", 1e-4}, {"technology", 22},
                 {"hist", std::vector<double>{1, 1, 1}}},
                "convert")
                .outcome,
            Outcome::unsupported);
}

TEST(LocalPlugIns, AccelergyPicksThemByClassAndReportsTheirNames) {
  Query q;
  q.class_name = "capacitor";
  q.attributes = {{"capacitance", 1e-15}, {"technology", 22}};
  EXPECT_EQ(Registry::builtin().select(q).estimator, "Capacitor");
  q.class_name = "pass_gate";
  EXPECT_EQ(Registry::builtin().select(q).estimator, "PassGate");
  q.class_name = "wire";
  q.attributes = {{"length", 1e-6}};
  EXPECT_EQ(Registry::builtin().select(q).estimator, "Wire");
  q.class_name = "dac_r2r_ladder";
  q.attributes = {{"resolution", 4}, {"voltage", 1}, {"unit_resistance", 1e3}, {"technology", 22}};
  EXPECT_EQ(Registry::builtin().select(q).estimator, "DigitalAnalogConverter_R2R");
  q.class_name = "dac_c2c_ladder";
  q.attributes = {{"resolution", 4}, {"voltage", 1}, {"unit_capacitance", 1e-15}, {"technology", 22}};
  EXPECT_THROW(Registry::builtin().select(q), Declined);  // nothing else prices it: Accelergy stops too
}
