// Built-in primitive estimators against the values of the reference logs (spec §3, §7).
#include <cmath>

#include <gtest/gtest.h>

#include "estimators/estimator.hpp"
#include "estimators/technology/technology.hpp"

using namespace cimloop::estimators;

namespace {

Query query(const std::string& class_name, Attributes attributes, const std::string& action = "") {
  Query q;
  q.class_name = class_name;
  q.attributes = std::move(attributes);
  q.attributes.emplace("global_cycle_seconds", 1e-9);
  q.attributes.emplace("cycle_seconds", 1e-9);  // Accelergy v0.4 sets it from global_cycle_seconds
  q.action = action;
  if (!action.empty()) q.arguments = {{"global_cycle_seconds", 1e-9}, {"action_latency_cycles", 1}};
  return q;
}

Selection pick(const Query& q) { return Registry::builtin().select(q); }

void expect_relative(double actual, double expected, double tolerance = 1e-9) {
  EXPECT_NEAR(actual, expected, tolerance * std::fabs(expected)) << "expected " << expected;
}

TEST(TechnologyScaling, StillmakerFactors) {
  expect_relative(*energy_scaling(45, 32), 0.659340278779833, 1e-12);
  expect_relative(*area_scaling(45, 32), 0.46, 1e-12);
  // 7 nm (Sinangil's counter in CiMLoop's reference run: 0.25074 pJ x 4/32 x this x 3.41667).
  expect_relative(*energy_scaling(45, 7), 0.065358 / 0.69302, 1e-12);
  expect_relative(*area_scaling(45, 7), 0.059, 1e-12);
  // Between listed nodes the plug-in's index is reversed (spec §2.4): 40 nm sits at 3.615,
  // not 3.385, so 45 -> 22 is 0.586 but 45 -> 28 is 0.367 and 40 -> 45 is 1.265.
  expect_relative(*energy_scaling(45, 22), 0.586, 1e-3);
  expect_relative(*energy_scaling(45, 28), 0.367, 1e-3);
  expect_relative(*energy_scaling(40, 45), 1.265, 1e-3);
  // Bilinear area: from 40 (index 3 + 8/13) to 22 (index 4 + 2/12).
  const double row45 = 0.46 + (0.21 - 0.46) / 6, row32 = 1 + (0.46 - 1) / 6;
  expect_relative(*area_scaling(40, 22), row45 + (row32 - row45) * 8 / 13, 1e-12);
  EXPECT_FALSE(energy_scaling(45, 5).has_value());  // outside 7..130 nm: declined
  EXPECT_FALSE(area_scaling(180, 45).has_value());
}

TEST(LibraryEstimator, AladdinRowsScaledTo32nm) {
  Selection s = pick(query("aladdin_register", {{"technology", "32nm"}}, "read"));
  EXPECT_EQ(s.estimator, "Library");
  expect_relative(s.estimate.value, 0.009 * 0.659340278779833);
  expect_relative(pick(query("aladdin_comparator", {{"technology", "32nm"}, {"n_bits", 6}})).estimate.value, 71 * 0.46);
  // width 16 scales linearly; width_a/width_b have no column on the adder and are ignored.
  expect_relative(pick(query("aladdin_adder", {{"technology", "32nm"}, {"width", 16}}, "read")).estimate.value,
                  0.21 * 0.5 * 0.659340278779833);
  expect_relative(pick(query("aladdin_adder", {{"technology", "32nm"}, {"width_a", 8}}, "leak")).estimate.value,
                  0.0024 * 0.659340278779833);
}

TEST(AladdinTable, AdderWinsTieAt45nmAndDeclinesAt32nm) {
  Selection s45 = pick(query("intadder", {{"technology", "45nm"}, {"width", 13}, {"n_bits", 13}}, "add"));
  EXPECT_EQ(s45.estimator, "Aladdin_table");
  expect_relative(s45.estimate.value, 0.21 * 13 / 32);
  Selection area = pick(query("intadder", {{"technology", "45nm"}, {"width", 13}, {"n_bits", 13}}));
  expect_relative(area.estimate.value, 179.0 * 13 / 32);  // 5 ns row
  Selection s32 = pick(query("intadder", {{"technology", "32nm"}, {"width", 14}, {"n_bits", 14}}, "add"));
  EXPECT_EQ(s32.estimator, "Neurosim Plug-In");
  expect_relative(s32.estimate.value, 0.02842901);
}

TEST(NeurosimIntadder, ReproducesEveryLoggedValue) {
  struct Logged {
    const char* tech;
    int bits;
    double add, leak, area;
  } logged[] = {{"32nm", 4, 0.008220707, 8.92591e-07, 11.76699},   {"32nm", 8, 0.01630403, 1.785182e-06, 23.53398},
                {"32nm", 14, 0.02842901, 3.124068e-06, 41.18446},  {"45nm", 4, 0.01635491, 1.480718e-06, 23.26968},
                {"45nm", 8, 0.03243378, 2.961436e-06, 46.53936},   {"45nm", 14, 0.05655208, 5.182512e-06, 81.44388}};
  const PrimitiveEstimator* neurosim = Registry::builtin().find("Neurosim Plug-In");
  ASSERT_NE(neurosim, nullptr);
  for (const Logged& l : logged) {
    Attributes a = {{"technology", l.tech}, {"n_bits", l.bits}};
    EXPECT_DOUBLE_EQ(neurosim->estimate(query("intadder", a, "add")).value, l.add);
    EXPECT_DOUBLE_EQ(neurosim->estimate(query("intadder", a, "leak")).value, l.leak);
    EXPECT_DOUBLE_EQ(neurosim->estimate(query("intadder", a)).value, l.area);
  }
}

TEST(CactiSram, PostScalingMatchesLoggedValues) {
  struct Logged {
    int width, depth;
    double read_j, write_j, leak_j, area_m2;
  } logged[] = {{4, 128, 3.2794745e-13, 6.80949875e-13, 2.7429875e-18, 2.3675e-10},
                {16, 192, 6.2773685e-13, 1.530178e-12, 1.525495e-17, 1.330315e-09},
                {8, 1, 1.2444036716e-14, 2.0478140964e-14, 4.5543359375e-20, 4.1225e-12}};
  for (const Logged& l : logged) {
    Attributes a = {{"technology", "45nm"}, {"width", l.width}, {"depth", l.depth}, {"n_rw_ports", 1}};
    Selection read = pick(query("SRAM", a, "read"));
    EXPECT_EQ(read.estimator, "CactiSRAM");
    EXPECT_TRUE(read.estimate.warning.empty());
    expect_relative(read.estimate.value, l.read_j * 1e12, 1e-6);
    expect_relative(pick(query("SRAM", a, "write")).estimate.value, l.write_j * 1e12, 1e-6);
    expect_relative(pick(query("SRAM", a, "leak")).estimate.value, l.leak_j * 1e12, 1e-6);
    expect_relative(pick(query("SRAM", a)).estimate.value, l.area_m2 * 1e12, 1e-6);
  }
}

TEST(CactiSram, OutsideTheTableUsesTheFallbackWithAWarning) {
  Selection s = pick(query("SRAM", {{"technology", "45nm"}, {"width", 128}, {"depth", 1024}}, "read"));
  EXPECT_EQ(s.estimator, "CactiSRAM");
  EXPECT_NE(s.estimate.warning.find("fallback"), std::string::npos);
  EXPECT_GT(s.estimate.value, 0);
}

TEST(Fallbacks, OtherNodesAreScaledFrom45nmWithAWarning) {
  // Stillmaker quadratics at 0.8 V: 65nm (3.755, -4.398, 1.975) over 45nm; 1.2407 to 5 digits.
  const double to_65nm = (3.755 * 0.64 - 4.398 * 0.8 + 1.975) / (1.103 * 0.64 - 0.362 * 0.8 + 0.2767);
  EXPECT_EQ(std::round(to_65nm * 1e4) / 1e4, 1.2407);
  expect_relative(*energy_scaling(45, 65), to_65nm, 1e-12);
  expect_relative(*area_scaling(45, 65), 1.5, 1e-12);
  // intadder goes to NeuroSim (70) at every node from 7 to 130 nm; Aladdin's own fallback:
  SelectionOptions aladdin;
  aladdin.forced_estimator = "Aladdin_table";
  Selection adder = Registry::builtin().select(query("intadder", {{"technology", "65nm"}, {"width", 8}, {"n_bits", 8}}, "add"), aladdin);
  EXPECT_EQ(adder.estimator, "Aladdin_table");
  EXPECT_EQ(adder.accuracy, 10);
  EXPECT_FALSE(adder.estimate.warning.empty());
  expect_relative(adder.estimate.value, 0.21 * 8 / 32 * to_65nm);
  Selection sram = pick(query("SRAM", {{"technology", "65nm"}, {"width", 64}, {"depth", 12800}}));
  EXPECT_NE(sram.estimate.warning.find("45nm CACTI result"), std::string::npos);
  expect_relative(sram.estimate.value, 348624 * 1.5, 1e-6);
  // 64 x 16384 at 65nm is a CACTI result (recovered from CiMLoop's example_traditional run).
  Selection glb = pick(query("SRAM", {{"technology", "65nm"}, {"width", 64}, {"depth", 16384}}));
  EXPECT_TRUE(glb.estimate.warning.empty());
  expect_relative(glb.estimate.value, 896440, 1e-9);
  // No scaling data below 7 nm: declined, never guessed.
  EXPECT_THROW(Registry::builtin().select(query("intadder", {{"technology", "5nm"}, {"width", 8}, {"n_bits", 8}}, "add"), aladdin),
               Declined);
  EXPECT_EQ(pick(query("intadder", {{"technology", "65nm"}, {"width", 8}, {"n_bits", 8}}, "add")).estimator, "Neurosim Plug-In");
}

TEST(CactiDram, EnergyPerBitTimesWidth) {
  expect_relative(pick(query("DRAM", {{"type", "LPDDR4"}, {"width", 64}}, "read")).estimate.value, 512);
  expect_relative(pick(query("DRAM", {{"type", "HBM2"}, {"width", 64}}, "write")).estimate.value, 3.9 * 64);
  EXPECT_EQ(pick(query("DRAM", {{"width", 64}}, "leak")).estimate.value, 0);
}

TEST(DummyTable, TechnologyMinusOne) {
  Selection s = pick(query("dummy_storage", {{"technology", -1}}));
  EXPECT_EQ(s.estimator, "dummy_table");
  EXPECT_EQ(s.estimate.value, 1);
}

TEST(Registry, ForcedEstimatorAndMinimumAccuracy) {
  Query q = query("intadder", {{"technology", "45nm"}, {"width", 8}, {"n_bits", 8}}, "add");
  EXPECT_EQ(Registry::builtin().select(q, {"Neurosim Plug-In", 0}).estimator, "Neurosim Plug-In");
  EXPECT_THROW(Registry::builtin().select(q, {"", 95}), Declined);
}

}  // namespace
