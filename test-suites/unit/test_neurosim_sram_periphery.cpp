// The structure of the SRAM column-driver model (estimators/neurosim/sram_periphery): no
// column periphery without a mux, pass gates sized to rows x access width, decoder by bits.
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

}  // namespace
