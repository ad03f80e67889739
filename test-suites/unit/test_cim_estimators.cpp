// The ADC plug-in's regression against the CiMLoop study's worked values (§3.1), and the cell
// files CiMLoop's macros use.
#include <gtest/gtest.h>

#include <cmath>

#include "cim_fixtures.hpp"
#include "estimators/adc/survey_adc.hpp"
#include "estimators/neurosim/cell_file.hpp"
#include "src/common/error.hpp"

using namespace cimloop::estimators;
using namespace cimloop::estimators::neurosim;

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

TEST(CimCellFile, ReadsCimloopCells) {
  const auto dir = cimloop::test::cimloop_fixture("memory_cells");
  CIMLOOP_REQUIRE_FIXTURE(dir);
  const MemoryCell rram = read_memory_cell((dir / "rram_example.cell.yaml").string());
  EXPECT_EQ(rram.type, CellType::rram);
  EXPECT_DOUBLE_EQ(rram.area_f2, 40);
  EXPECT_DOUBLE_EQ(rram.resistance_on_ohm, 25e4);
  EXPECT_TRUE(rram.has_access_transistor);
  const MemoryCell wang = read_memory_cell((dir / "sram_wang_vlsi_2022.cell.yaml").string());
  EXPECT_DOUBLE_EQ(wang.capacitance_adjust_f, 3e-15);
}
