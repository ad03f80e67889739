// CiM circuit estimators against the CiMLoop study's worked values (§2.4, §3).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "cim_fixtures.hpp"
#include "estimators/adc/survey_adc.hpp"
#include "estimators/cim/array_model.hpp"
#include "estimators/cim/c2c_multiplier.hpp"
#include "estimators/cim/memory_cell.hpp"
#include "src/common/error.hpp"

using namespace cimloop::estimators;
using namespace cimloop::estimators::cim;

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
