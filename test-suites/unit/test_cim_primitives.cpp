// The CiM primitives by CiMLoop class, attribute and action names (registry entry point).
#include <gtest/gtest.h>

#include "estimators/cim/adc.hpp"
#include "estimators/cim/cim_primitives.hpp"
#include "estimators/cim/library_components.hpp"
#include "estimators/estimator.hpp"

using namespace cimloop::estimators::cim;

TEST(CimPrimitives, AdcAliasesAndActions) {
  PrimitiveInputs a;
  a.numbers = {{"resolution", 8}, {"technology", 65}, {"throughput", 1e8}, {"n_adcs", 1}};
  for (const char* cls : {"adc", "array_adc", "sar_adc", "ADC"})
    EXPECT_NEAR(cim_primitive_energy(cls, "convert", a, {}), 6.49, 0.01) << cls;
  EXPECT_EQ(cim_primitive_energy("adc", "leak", a, {}), 0);
  EXPECT_NEAR(cim_primitive_area("adc", a), 11860, 15);
  EXPECT_THROW(cim_primitive_energy("adc", "fly", a, {}), PrimitiveDeclined);
  a.numbers.erase("throughput");
  EXPECT_THROW(cim_primitive_energy("adc", "read", a, {}), PrimitiveDeclined);
  EXPECT_THROW(cim_primitive_energy("no_such_class", "read", a, {}), PrimitiveDeclined);
  EXPECT_FALSE(is_cim_primitive_class("memory_cell"));  // the Neurosim Plug-In estimator's
  EXPECT_TRUE(is_cim_primitive_class("albireo_tia"));
  EXPECT_FALSE(is_cim_primitive_class("SRAM"));
}

TEST(CimPrimitives, CapacitorLadderGatesAndTables) {
  PrimitiveInputs cap;
  cap.numbers = {{"capacitance", 2e-15}, {"voltage", 1}, {"technology", 22}};
  PrimitiveInputs target;
  target.numbers = {{"target_voltage", 0.5}};
  EXPECT_NEAR(cim_primitive_energy("capacitor", "raise_voltage_to", cap, target), 1e-3, 1e-12);
  EXPECT_NEAR(cim_primitive_energy("capacitor", "read", cap, {}), 2e-3, 1e-12);
  // `switch` between independent values of a PMF given as an action argument (C-2C ladder):
  // levels 0 and V at 1/2 each rise with probability 1/4; from zero they rise by V/2 on average.
  PrimitiveInputs values;
  values.texts = {{"value_probabilities", "[1, 1]"}};
  EXPECT_NEAR(cim_primitive_energy("capacitor", "switch", cap, values), 0.5e-3, 1e-12);
  values.numbers = {{"zero_between_values", 1}};
  EXPECT_NEAR(cim_primitive_energy("capacitor", "switch", cap, values), 1e-3, 1e-12);
  EXPECT_THROW(cim_primitive_energy("capacitor", "switch", cap, {}), PrimitiveDeclined);
  PrimitiveInputs dac;
  dac.numbers = {{"resolution", 4}, {"voltage", 0.5}, {"technology", 22}, {"unit_resistance", 5000}};
  dac.texts = {{"hist", "[1, 1, 1, 1]"}};
  PrimitiveInputs cycle;
  cycle.numbers = {{"global_cycle_seconds", 5e-9}};
  EXPECT_GT(cim_primitive_energy("dac_r2r_ladder", "convert", dac, cycle), 0);
  EXPECT_NEAR(cim_primitive_area("dac_r2r_ladder", dac), 0.7e-14 * 4 * 5000 * 1e12, 1e-9);
  PrimitiveInputs tia;
  tia.numbers = {{"technology", 7}};
  tia.texts = {{"scaling", "aggressive"}};
  EXPECT_DOUBLE_EQ(cim_primitive_energy("albireo_tia", "convert", tia, {}), 0.0375);
  EXPECT_DOUBLE_EQ(cim_primitive_area("albireo_tia", tia), 2769);
}

TEST(CimPrimitives, SelectedThroughTheRegistry) {
  using namespace cimloop::estimators;
  Query q;
  q.class_name = "array_adc";
  q.attributes = {{"resolution", 8}, {"technology", "65nm"}, {"throughput", 1e8}, {"n_adcs", 1}};
  q.action = "convert";
  const Selection s = Registry::builtin().select(q);
  EXPECT_EQ(s.estimator, "CiM");  // the ADC plug-in's 75 outranks NeuroSim's ADC (70)
  EXPECT_EQ(s.accuracy, 75);
  EXPECT_NEAR(s.estimate.value, 6.49, 0.01);
  q.action.clear();
  EXPECT_NEAR(Registry::builtin().select(q).estimate.value, 11860, 15);
  q.class_name = "dac_albireo";
  q.attributes = {{"technology", "7nm"}, {"scaling", "moderate"}, {"resolution", 8}};
  q.action = "convert";
  EXPECT_DOUBLE_EQ(Registry::builtin().select(q).estimate.value, 2.6);
}

// Library parts: the Accelergy Library estimator wins where its tables scale (45 nm); at
// nodes they cannot reach (7 nm) the CiM estimator scales the same published entry with the
// CiM technology rules, as the macro evaluator does.
TEST(CimPrimitives, LibraryPartsBeyondTheLibraryTechnologyTables) {
  using namespace cimloop::estimators;
  Query q;
  q.class_name = "aladdin_counter";
  q.attributes = {{"technology", 45}, {"width", 32}, {"global_cycle_seconds", 1e-9}};
  q.action = "read";
  EXPECT_EQ(Registry::builtin().select(q).estimator, "Library");
  q.attributes = {{"technology", 7}, {"width", 4}, {"global_cycle_seconds", 5.5e-9}};
  const Selection s = Registry::builtin().select(q);
  EXPECT_EQ(s.estimator, "CiM");
  LibraryQuery expected;
  expected.technology_nm = 7;
  expected.width = 4;
  expected.cycle_seconds = 5.5e-9;
  const LibraryEstimate e = scale_library_entry(library_entry("aladdin_counter"), expected);
  EXPECT_DOUBLE_EQ(s.estimate.value, e.read_energy_pj);
  q.action = "leak";
  EXPECT_DOUBLE_EQ(Registry::builtin().select(q).estimate.value, e.leak_energy_pj);
  q.action = "write";
  EXPECT_EQ(Registry::builtin().select(q).estimate.value, 0);
}
