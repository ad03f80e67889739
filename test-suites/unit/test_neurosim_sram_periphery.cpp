// The structure of the SRAM column-driver model (estimators/neurosim/sram_periphery): no
// column periphery without a mux, pass gates sized to rows x access width, decoder by bits,
// the pass gates' energy per V^2 by supply.
#include <gtest/gtest.h>

#include "estimators/neurosim/sram_periphery.hpp"

using namespace cimloop::estimators::neurosim;

namespace {

ArrayRequest sram(int rows, int cols, int active, double access_width_f) {
  ArrayRequest a;
  a.rows = rows;
  a.cols = cols;
  a.cols_active_at_once = active;
  a.cell.type = CellType::sram;
  a.cell.access_cmos_width_f = access_width_f;
  a.voltage = 0.85;
  return a;
}

TEST(NeurosimSramPeriphery, NoMuxNoColumnPeriphery) {
  const DriverValues v = sram_col_drivers(sram(768, 768, 768, 4), 65);
  EXPECT_EQ(v.area_um2, 0);
  EXPECT_EQ(v.read_hi.on_pj, 0);
  ArrayRequest seq = sram(768, 768, 256, 4);
  seq.sequential = true;
  EXPECT_EQ(sram_col_drivers(seq, 65).area_um2, 0);
}

// Planar pass gates: area and read energy grow by the same amount for every added row, and
// the area depends on rows x access width only.
TEST(NeurosimSramPeriphery, PassGatesScaleWithRowsTimesAccessWidth) {
  const double a256 = sram_col_drivers(sram(256, 768, 256, 4), 65).area_um2;
  const double a512 = sram_col_drivers(sram(512, 768, 256, 4), 65).area_um2;
  const double a768 = sram_col_drivers(sram(768, 768, 256, 4), 65).area_um2;
  EXPECT_NEAR(a768 - a512, a512 - a256, 1e-9 * a768);
  EXPECT_NEAR(sram_col_drivers(sram(1024, 768, 256, 1), 65).area_um2, a256, 1e-9 * a256);
  // The CiMLoop jia_jssc_2020 macro's answer (768 x 768, 3-input mux, 4 F access, 65 nm).
  EXPECT_NEAR(a768, 162365.27424, 1e-6 * a768);
}

// The decoder depends on the address bits: 3 and 4 inputs share one.
TEST(NeurosimSramPeriphery, DecoderByAddressBits) {
  EXPECT_EQ(sram_col_drivers(sram(768, 768, 256, 4), 65).area_um2,
            sram_col_drivers(sram(768, 768, 192, 4), 65).area_um2);
  EXPECT_LT(sram_col_drivers(sram(768, 768, 192, 4), 65).area_um2,
            sram_col_drivers(sram(768, 768, 128, 4), 65).area_um2);
}

// The pass gates' read energy per V^2 falls with the supply at nodes with a measured slope
// (1 at 1 V), stays pure V^2 elsewhere and for HP cells.
TEST(NeurosimSramPeriphery, PassGateEnergyPerV2FallsWithSupply) {
  const ArrayRequest a = sram(512, 128, 16, 1);
  EXPECT_DOUBLE_EQ(sram_pass_gate_voltage_factor(a, 22, 1.0), 1.0);
  EXPECT_GT(sram_pass_gate_voltage_factor(a, 22, 0.7), sram_pass_gate_voltage_factor(a, 22, 0.9));
  EXPECT_LT(sram_pass_gate_voltage_factor(a, 22, 1.2), 1.0);
  EXPECT_DOUBLE_EQ(sram_pass_gate_voltage_factor(a, 45, 0.7), 1.0);
  ArrayRequest hp = a;
  hp.cell.roadmap = Roadmap::high_performance;
  EXPECT_DOUBLE_EQ(sram_pass_gate_voltage_factor(hp, 22, 0.7), 1.0);
  // The read per V^2 follows it (the decoder switches 0.5 times per column read here).
  ArrayRequest low = a, high = a;
  low.voltage = 0.7;
  high.voltage = 1.1;
  const double per_v2_low = sram_col_drivers(low, 22).read_hi.on_pj / (0.7 * 0.7);
  const double per_v2_high = sram_col_drivers(high, 22).read_hi.on_pj / (1.1 * 1.1);
  EXPECT_GT(per_v2_low, per_v2_high * 1.005);
}

}  // namespace
