// CiM circuit estimators against the CiMLoop study's worked values (§2.4, §3).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "cim_fixtures.hpp"
#include "estimators/cim/adc.hpp"
#include "estimators/cim/array_model.hpp"
#include "estimators/cim/c2c_multiplier.hpp"
#include "estimators/cim/capacitor.hpp"
#include "estimators/cim/component_table.hpp"
#include "estimators/cim/ladder_dac.hpp"
#include "estimators/cim/library_components.hpp"
#include "estimators/neurosim/cell_file.hpp"
#include "estimators/cim/technology_scaling.hpp"
#include "src/common/error.hpp"

using namespace cimloop::estimators::cim;
using cimloop::estimators::neurosim::read_memory_cell;

namespace {
double adc_energy(double bits, double nm, double rate) {
  return estimate_adc({bits, nm, rate, 1, 1, 1}).energy_per_conversion_pj;
}
double adc_area(double bits, double nm, double rate) {
  return estimate_adc({bits, nm, rate, 1, 1, 1}).area_per_adc_um2;
}
}  // namespace

TEST(CimAdc, ReferenceTable) {
  // §3.1 table (pJ | um^2 per ADC), 3 significant digits.
  EXPECT_NEAR(adc_energy(4, 7, 1e8), 0.0530, 0.0006);
  EXPECT_NEAR(adc_energy(8, 65, 1e8), 6.49, 0.01);
  EXPECT_NEAR(adc_energy(8, 22, 1e8), 0.847, 0.002);
  EXPECT_NEAR(adc_energy(10, 32, 1e9), 13.95, 0.03);
  EXPECT_NEAR(adc_energy(6, 32, 1e8), 1.065, 0.003);
  EXPECT_NEAR(adc_area(8, 65, 1e8), 11860, 15);
  EXPECT_NEAR(adc_area(10, 7, 1e9), 1051, 2);
  EXPECT_NEAR(adc_area(4, 22, 1e8), 1828, 3);
}

TEST(CimAdc, MacroCalibrations) {
  // Jia: 8b, 65 nm, 256 ADCs sharing 256 / 1.35 us; x0.275 -> 1.786 pJ; area x256 x0.4.
  const double jia_rate = 256 / (25e-9 * 54);
  const AdcEstimate jia = estimate_adc({8, 65, jia_rate, 256, 0.275, 0.4});
  EXPECT_NEAR(jia.energy_per_conversion_pj, 1.786, 0.003);
  EXPECT_NEAR(jia.bank_area_um2 * 1e-6, 0.500, 0.003);
  // Wang: 8b, 22 nm, 214 MS/s per ADC, x3.15 -> 2.67 pJ; 16 ADCs x0.4 -> 16,154 um^2.
  const AdcEstimate wang = estimate_adc({8, 22, 16 * 214e6, 16, 3.15, 0.4});
  EXPECT_NEAR(wang.energy_per_conversion_pj, 2.67, 0.01);
  EXPECT_NEAR(wang.bank_area_um2, 16154, 60);
  // Albireo: 8b, 7 nm, 5 GS/s (above the knee) -> 0.272 pJ; x21.4, 45 per 1215 MACs -> 216 fJ/MAC.
  const double albireo = adc_energy(8, 7, 5e9);
  EXPECT_NEAR(albireo, 0.272, 0.002);
  EXPECT_NEAR(albireo * 21.4 * 45 / 1215 * 1e3, 216, 2);
  // Above the knee: 10b at 1 GHz is x4.2 its 114 MHz knee value.
  EXPECT_NEAR(adc_energy(10, 65, 1e9) / adc_energy(10, 65, 1.0e8), 4.2, 0.05);
  EXPECT_TRUE(estimate_adc({8, 7, 2e10, 1, 1, 1}).warning.size() > 0);
  EXPECT_THROW(estimate_adc({8, 7, 0, 1, 1, 1}), cimloop::InputError);
}

TEST(CimTechnologyScaling, TableAndInterpolation) {
  EXPECT_DOUBLE_EQ(area_scale(65, 65), 1.0);
  EXPECT_NEAR(area_scale(45, 32), 0.46, 1e-12);
  EXPECT_NEAR(area_scale(7, 130), 110, 1e-9);
  EXPECT_NEAR(energy_scale(65, 65), 1.0, 1e-12);
  // q(45) = 1.103 * 0.64 - 0.362 * 0.8 + 0.2767; q(32) likewise.
  EXPECT_NEAR(energy_scale(45, 32), 0.456936 / 0.69302, 1e-6);
  // Interpolated node lies between its neighbours.
  EXPECT_LT(energy_scale(45, 40), 1.0);
  EXPECT_GT(energy_scale(45, 40), energy_scale(45, 32));
  EXPECT_NEAR(voltage_energy_scale(0.85, 1.2), std::pow(1.2 / 0.85, 2), 1e-12);
}

TEST(CimCapacitor, EnergiesAndArea) {
  const Capacitor c({2e-15, 1.0, 22, {}, false});
  EXPECT_NEAR(c.read_energy(), 2e-3, 1e-12);
  EXPECT_NEAR(c.raise_energy(0.5), 1e-3, 1e-12);
  // Two equiprobable levels {0, V}: only 0 -> V rises, probability 1/4.
  EXPECT_NEAR(c.switch_energy({1, 1}, false), 0.25 * 2e-3, 1e-12);
  EXPECT_NEAR(c.switch_energy({1, 1}, true), 0.5 * 2e-3, 1e-12);
  EXPECT_NEAR(c.charge_energy({1, 1}, 0.5), 0.25 * 2e-3, 1e-12);
  EXPECT_NEAR(c.area(), 2 / 2.3 + 1, 1e-9);
  // Sinangil binary-weighting caps: 16 fF at 1.7 fF/um^2, 7 nm border.
  const Capacitor s({16e-15, 0.8, 7, 1.7e-3, false});
  EXPECT_NEAR(s.area(), 16 / 1.7 + std::pow(7 / 22.0, 2), 1e-9);
  EXPECT_EQ(Capacitor({2e-15, 1, 65, {}, true}).area(), 0);
}

TEST(CimLadderDac, OutputNodeFollowsTheCode) {
  // All bits on: the supply sees (V - V_node) on every branch; a 1-bit ladder is a divider.
  EXPECT_NEAR(ladder_supply_current(1, 1, 1.0), 0.5, 1e-12);
  EXPECT_NEAR(ladder_supply_current(0, 8, 1.0), 0.0, 1e-12);
  // MSB alone drives the unloaded output to V/2 (the ladder behind it looks like 2R).
  EXPECT_NEAR(ladder_supply_current(128, 8, 1.0), 0.5, 1e-12);
  // LSB alone: its node sees 2R to the bit and 1R (2R || 2R) to ground, so sits at V/3.
  EXPECT_NEAR(ladder_supply_current(1, 8, 1.0), 2.0 / 3, 1e-4);
}

TEST(CimLadderDac, ResampleAndEstimates) {
  const auto up = resample_pmf({0.5, 0.25, 0.25}, 5);
  EXPECT_NEAR(up[0], 0.5, 1e-12);
  double s = 0;
  for (double q : up) s += q;
  EXPECT_NEAR(s, 1, 1e-12);
  const auto down = resample_pmf({0.4, 0.2, 0.2, 0.2}, 2);
  EXPECT_NEAR(down[0], 0.4, 1e-12);
  EXPECT_NEAR(down[1], 0.6, 1e-12);
  LadderDacParameters r2r;
  r2r.resolution = 8;
  r2r.voltage = 1;
  r2r.technology_nm = 32;
  r2r.value_pmf = std::vector<double>(256, 0.0);
  r2r.value_pmf.back() = 1;  // always full scale
  const auto e = estimate_ladder_dac(r2r);
  EXPECT_NEAR(e.controller_energy_pj, 0.08192 * 8, 1e-9);  // 0.08 pJ/bit at 32 nm, 1 V
  EXPECT_NEAR(e.ladder_energy_pj,
              ladder_supply_current(255, 8, 1) / (2 * 5e3) * 1e-9 * 1e12, 1e-12);
  // Wang ladder area: 0.7e-14 m^2/ohm x 8 x 5 kOhm at 22 nm = 280 um^2.
  r2r.technology_nm = 22;
  EXPECT_NEAR(estimate_ladder_dac(r2r).area_um2, 280, 1e-9);
  r2r.type = LadderType::c2c;
  EXPECT_GT(estimate_ladder_dac(r2r).ladder_energy_pj, 0);
}

TEST(CimC2cMultiplier, SwitchingFollowsOperands) {
  C2cMultiplierParameters p;
  p.resolution = 8;
  p.voltage = 1;
  p.unit_capacitance_f = 2e-15;
  p.a_pmf = std::vector<double>(15, 1.0);
  p.b_bit_probabilities = std::vector<double>(8, 0.5);
  const auto e = estimate_c2c_multiplier(p);
  // B: 8 x (2 + 4) fF charged to a_rms = sqrt(1015 / 15) / 14 V with p(1-p) = 1/4.
  const double a_rms = std::sqrt(1015.0 / 15) / 14;
  EXPECT_NEAR(e.switch_b_energy_pj, 8 * 6e-15 * a_rms * 0.25 * 1e12, 1e-12);
  // A: E[max(V1 - V0, 0)] = (n^2 - 1) / (6 n) / 14 V for n = 15 uniform levels.
  const double rise = (225.0 - 1) / (6 * 15) / 14;
  EXPECT_NEAR(e.switch_a_energy_pj, 8 * 6e-15 * rise * (1.67 / 8) * 1e12, 1e-12);
  p.b_bit_probabilities = std::vector<double>(8, 1.0);
  EXPECT_EQ(estimate_c2c_multiplier(p).switch_b_energy_pj, 0);
}

TEST(CimLibrary, JiaDatapathScaling) {
  // jia_datapath at 0.85 V and a 1.35 us cycle: 12 x (0.85/1.2)^2 read, 2.4 x 1350/540 leak.
  const auto d = scale_library_entry(library_entry("jia_datapath"), {65, 0.85, {}, {}, 1350e-9, {}});
  EXPECT_NEAR(d.read_energy_pj, 12 * std::pow(0.85 / 1.2, 2), 1e-9);
  EXPECT_NEAR(d.leak_energy_pj, 6.0, 1e-9);
  EXPECT_NEAR(d.area_um2, 10535, 1e-9);
  const auto c = scale_library_entry(library_entry("aladdin_counter"), {45, {}, 4, {}, 1e-9, {}});
  EXPECT_NEAR(c.read_energy_pj, 0.25074 / 8, 1e-12);
  EXPECT_THROW(library_entry("nope"), cimloop::InputError);
}

TEST(CimArrayModel, DataDependenceAndCells) {
  const auto dir = cimloop::test::cimloop_fixture("memory_cells");
  CIMLOOP_REQUIRE_FIXTURE(dir);
  const MemoryCell rram = read_memory_cell((dir / "rram_example.cell.yaml").string());
  EXPECT_EQ(rram.type, CellType::rram);
  EXPECT_DOUBLE_EQ(rram.area_f2, 40);
  EXPECT_DOUBLE_EQ(rram.resistance_on_ohm, 25e4);
  EXPECT_TRUE(rram.has_access_transistor);
  const MemoryCell wang = read_memory_cell((dir / "sram_wang_vlsi_2022.cell.yaml").string());
  EXPECT_DOUBLE_EQ(wang.capacitance_adjust_f, 3e-15);

  ArrayParameters p;
  p.cell = rram;
  p.rows = p.cols = 32;
  p.technology_nm = 65;
  p.temporal_dac_bits = 8;
  p.temporal_spiking = true;
  p.average_input_value = 0;
  const ArrayEstimate idle = estimate_array(p);
  p.average_input_value = 0.5;
  const ArrayEstimate busy = estimate_array(p);
  EXPECT_GT(busy.row_read, idle.row_read);
  EXPECT_EQ(idle.cell_read, 0);
  // RRAM read: pulse x V^2 x G, linear in x (pulse count) and in w between G_lo and G_hi.
  p.average_cell_value = 1;
  const double per_pulse = 2e-9 * 0.01 / (25e4 + 1000) * 1e12;
  EXPECT_NEAR(estimate_array(p).cell_read, 0.5 * 255 * per_pulse * (1e-9 / 2e-9), 1e-12);
  p.average_input_value = 2;
  EXPECT_THROW(estimate_array(p), cimloop::InputError);
}

TEST(CimComponentTable, PhotonicRowsAndScaling) {
  const ComponentTables& tables = builtin_component_tables();
  ASSERT_TRUE(tables.has_class("albireo_tia"));
  TableQuery q;
  q.class_name = "albireo_tia";
  q.action = "convert";
  q.text_attributes["scaling"] = "moderate";
  q.numeric_attributes["technology"] = 7;
  EXPECT_DOUBLE_EQ(tables.estimate(q).energy_pj, 0.3);
  EXPECT_DOUBLE_EQ(tables.estimate(q).area_um2, 2769);
  // Laser leak: 1.94 mW (conservative) over a 0.2 ns cycle.
  q.class_name = "albireo_laser";
  q.action = "leak";
  q.text_attributes["scaling"] = "conservative";
  q.cycle_seconds = 0.2e-9;
  EXPECT_NEAR(tables.estimate(q).energy_pj, 1.94e9 * 0.2e-9, 1e-12);
  // DAC at 6 bits: 2^-2 of the 8-bit row; at 22 nm: Stillmaker energy factor.
  q.class_name = "dac_albireo";
  q.action = "convert";
  q.numeric_attributes["resolution"] = 6;
  EXPECT_NEAR(tables.estimate(q).energy_pj, 5.2 / 4, 1e-12);
  q.numeric_attributes["technology"] = 22;
  EXPECT_NEAR(tables.estimate(q).energy_pj, 5.2 / 4 * energy_scale(7, 22), 1e-12);
  q.action = "no_such_action";
  EXPECT_THROW(tables.estimate(q), cimloop::InputError);
}
