// The CiM primitive classes through the registry, by CiMLoop's class, attribute and action
// names: the ADC plug-in's classes and the Library's published parts beyond the Aladdin node.
#include <gtest/gtest.h>

#include "estimators/adc/survey_adc.hpp"
#include "estimators/estimator.hpp"
#include "estimators/technology/technology.hpp"

using namespace cimloop::estimators;

namespace {

Query adc_query(const std::string& class_name, const std::string& action) {
  Query q;
  q.class_name = class_name;
  q.attributes = {{"resolution", 8}, {"technology", "65nm"}, {"throughput", 1e8}, {"n_adcs", 1}};
  q.action = action;
  return q;
}

}  // namespace

TEST(AdcPlugIn, ClassesActionsAndName) {
  const double per_conversion = estimate_adc({8, 65, 1e8, 1, 1, 1}).energy_per_conversion_pj;
  for (const char* cls : {"adc", "array_adc", "sar_adc", "pim_adc", "cim_adc", "ADC"}) {
    const Selection s = Registry::builtin().select(adc_query(cls, "convert"));
    EXPECT_EQ(s.estimator, "ADC Plug-In") << cls;
    EXPECT_EQ(s.accuracy, 75) << cls;  // outranks NeuroSim's ADC (70)
    EXPECT_EQ(s.estimate.value, per_conversion) << cls;
  }
  for (const char* action : {"read", "drive", "sample", "activate"})
    EXPECT_EQ(Registry::builtin().select(adc_query("array_adc", action)).estimate.value, per_conversion) << action;
  EXPECT_EQ(Registry::builtin().select(adc_query("array_adc", "leak")).estimate.value, 0);
  EXPECT_NEAR(Registry::builtin().select(adc_query("array_adc", "")).estimate.value, 11860, 15);
  EXPECT_THROW(Registry::builtin().select(adc_query("array_adc", "write")), Declined);
  Query no_rate = adc_query("array_adc", "read");
  no_rate.attributes.erase("throughput");
  EXPECT_THROW(Registry::builtin().select(no_rate), Declined);
  // CiMLoop's adc compound forces `plug_in: adc_estimator_plug_in` when it names one.
  SelectionOptions forced;
  forced.forced_estimator = "ADC Plug-In";
  EXPECT_EQ(Registry::builtin().select(adc_query("array_adc", "read"), forced).estimator, "ADC Plug-In");
}

// Sinangil's 4-bit counter at 7 nm (CiMLoop's reference run): the Library scales Aladdin's
// 45 nm counter by width, node and, in the reference plug-in, the energy_scale attribute.
TEST(LibraryPlugIn, PublishedPartsAtOtherNodes) {
  Query q;
  q.class_name = "aladdin_counter";
  q.attributes = {{"technology", 7}, {"width", 4}, {"datawidth", 1}, {"energy_scale", 3.416666666666666},
                  {"global_cycle_seconds", 5.5e-9}};
  q.action = "read";
  const Selection s = Registry::builtin().select(q);
  EXPECT_EQ(s.estimator, "Library");
  const double width_and_node = 4.0 / 32 * *energy_scaling(45, 7);
  EXPECT_NEAR(s.estimate.value, 0.25074 * width_and_node * 3.416666666666666, 1e-15);
  EXPECT_NEAR(s.estimate.value, 0.010099, 5e-7);  // the reference ERT
  q.action = "leak";
  EXPECT_NEAR(Registry::builtin().select(q).estimate.value * 64, 0.004555, 5e-7);  // x n_instances
  q.action = "write";
  EXPECT_EQ(Registry::builtin().select(q).estimate.value, 0);
  q.action.clear();
  EXPECT_NEAR(Registry::builtin().select(q).estimate.value * 64, 233.876, 5e-4);
  // Attribute names meet columns in any case: Jia's VOLTAGE scales jia_datapath's 1.2 V row.
  Query jia;
  jia.class_name = "jia_datapath";
  jia.attributes = {{"technology", 65}, {"VOLTAGE", 0.85}, {"global_cycle_seconds", 1.35e-6}};
  jia.action = "read";
  EXPECT_NEAR(Registry::builtin().select(jia).estimate.value, 6.020833, 5e-7);
}

// Every non-NeuroSim class of the held-out macros goes to the plug-in CiMLoop's image uses
// for it (the photonic tables: test_cim_photonic_tables.cpp; capacitors:
// test_cimloop_local_plug_ins.cpp).
TEST(HeldOutMacros, ClassesResolveToTheirPlugIns) {
  auto energy = [](const std::string& cls, Attributes a, const std::string& action = "read") {
    Query q;
    q.class_name = cls;
    q.attributes = std::move(a);
    q.action = action;
    q.arguments = {{"global_cycle_seconds", q.attributes.at("global_cycle_seconds")}, {"action_latency_cycles", 1}};
    return Registry::builtin().select(q);
  };
  // wan_nature_2022 (130 nm, 1.8 V): parts characterised per step scale with n_steps.
  const Attributes wan = {{"technology", 130}, {"voltage", 1.8}, {"n_steps", 12}, {"global_cycle_seconds", 1.45e-6}};
  const Selection adc = energy("wan_variable_precision_adc", wan);
  EXPECT_EQ(adc.estimator, "Library");
  EXPECT_DOUBLE_EQ(adc.estimate.value, 0.3 * 12);
  EXPECT_DOUBLE_EQ(energy("wan_shift_add", wan).estimate.value, 0.1 * 12);
  EXPECT_EQ(energy("wan_analog_sample", wan).estimator, "Library");
  // isaac_isca_2016 (32 nm): ISAAC's eDRAM, RAELLA's quantiser, Aladdin's adder and multiplier.
  const Attributes edram = {{"technology", 32}, {"width", 256}, {"depth", 2048}, {"global_cycle_seconds", 1e-9}};
  EXPECT_EQ(energy("isaac_edram", edram).estimator, "Library");
  EXPECT_DOUBLE_EQ(energy("isaac_edram", edram).estimate.value, 20.45);
  const Selection quant = energy("raella_quant_multiplier", {{"technology", 32}, {"global_cycle_seconds", 1e-9}});
  EXPECT_EQ(quant.estimator, "Library");
  EXPECT_DOUBLE_EQ(quant.estimate.value, 0.25 * *energy_scaling(45, 32));
  EXPECT_EQ(energy("aladdin_multiplier", {{"technology", 32}, {"width", 16}, {"global_cycle_seconds", 1e-9}}).estimator,
            "Library");
  // Its buffers are smartbuffer_sram: CACTI's SRAM.
  EXPECT_EQ(energy("SRAM", {{"technology", 32}, {"width", 64}, {"depth", 16384}, {"global_cycle_seconds", 1e-9}}).estimator,
            "CactiSRAM");
  // albireo_isca_2021's ADC: the ADC plug-in at 5 GS/s per ADC.
  const Selection albireo = energy("array_adc", {{"technology", 7}, {"resolution", 8}, {"throughput", 5e9}, {"n_adcs", 1},
                                                  {"global_cycle_seconds", 2e-10}});
  EXPECT_EQ(albireo.estimator, "ADC Plug-In");
  EXPECT_NEAR(albireo.estimate.value, 0.272, 0.002);  // cimloop-spec §3.1
}
