// The structure of the SRAM row-driver layout (estimators/neurosim/sram_row_drivers): a
// wordline switch per row whose transmission gate gets fewer fingers as the row's load (its
// columns) grows and as the supply rises, rows stacked along the array height, column gates
// under the columns.
#include <gtest/gtest.h>

#include <iterator>

#include "estimators/neurosim/sram_row_drivers.hpp"

using namespace cimloop::estimators::neurosim;

namespace {

ArrayRequest sram(double cell_area_f2, double access_width_f, int rows, int cols, double voltage) {
  ArrayRequest a;
  a.rows = rows;
  a.cols = cols;
  a.cols_active_at_once = cols;
  a.cell.type = CellType::sram;
  a.cell.area_f2 = cell_area_f2;
  a.cell.access_cmos_width_f = access_width_f;
  a.voltage = voltage;
  return a;
}

// The jia_jssc_2020 cell (426 F^2, 4 F access) at 65 nm, 0.85 V.
TEST(NeurosimSramRowDrivers, SwitchFingersFallWithColumns) {
  EXPECT_EQ(sram_row_switch(sram(426, 4, 768, 768, 0.85), 65, 0.85).fingers, 1);
  EXPECT_EQ(sram_row_switch(sram(426, 4, 768, 128, 0.85), 65, 0.85).fingers, 3);
  EXPECT_EQ(sram_row_switch(sram(426, 4, 768, 8, 0.85), 65, 0.85).fingers, 38);
  // The unrounded width is inversely proportional to the columns.
  const double w8 = sram_row_switch(sram(426, 4, 768, 8, 0.85), 65, 0.85).width_fingers;
  const double w16 = sram_row_switch(sram(426, 4, 768, 16, 0.85), 65, 0.85).width_fingers;
  EXPECT_NEAR(w8, 2 * w16, 1e-12 * w8);
}

TEST(NeurosimSramRowDrivers, SwitchFingersFallWithSupply) {
  const ArrayRequest a = sram(1080, 1, 64, 64, 0.8);  // sinangil_jssc_2021 at 7 nm (FinFET)
  EXPECT_EQ(sram_row_switch(a, 7, 0.65).fingers, 6);
  EXPECT_EQ(sram_row_switch(a, 7, 0.8).fingers, 3);
  EXPECT_EQ(sram_row_switch(a, 7, 1.0).fingers, 1);
}

// The read energy counts fins, not fingers: CiMLoop's 7 nm sinangil sweep steps by one fin
// where the layout keeps its fingers (0.95 -> 0.96 V) and by two where the layout loses one
// (0.80 -> 0.85 V); the counts above the 1.0 V one are the steps in the answers.
TEST(NeurosimSramRowDrivers, SwitchFinsFollowTheSupplySweep) {
  const ArrayRequest a = sram(1080, 1, 64, 64, 0.8);
  const double volts[] = {0.64, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 0.96, 1.0};
  const int above_1v[] = {31, 29, 19, 13, 8, 6, 4, 2, 1, 0};
  const int at_1v = sram_row_switch(a, 7, 1.0).fins;
  EXPECT_GT(at_1v, 0);
  for (size_t i = 0; i < std::size(volts); ++i)
    EXPECT_EQ(sram_row_switch(a, 7, volts[i]).fins - at_1v, above_1v[i]) << volts[i] << " V";
  EXPECT_EQ(sram_row_switch(a, 7, 0.95).fingers, sram_row_switch(a, 7, 0.96).fingers);
  EXPECT_EQ(sram_row_switch(sram(426, 4, 768, 768, 0.85), 65, 0.85).fins, 0);  // planar node
}

// Each added finger adds one gate pitch per row along the array height; rows add their
// height, columns their strips, independently.
TEST(NeurosimSramRowDrivers, AreaFromLayout) {
  // CiMLoop's answers: jia 768 x 768 at 65 nm, sinangil 64 x 64 at 7 nm, 0.8 and 1.0 V.
  EXPECT_NEAR(sram_row_driver_area_um2(sram(426, 4, 768, 768, 0.85), 65, 0.85), 19877.261, 1e-6 * 19877.261);
  EXPECT_NEAR(sram_row_driver_area_um2(sram(1080, 1, 64, 64, 0.8), 7, 0.8), 26.135886, 1e-6 * 26.135886);
  EXPECT_NEAR(sram_row_driver_area_um2(sram(1080, 1, 64, 64, 1.0), 7, 1.0), 23.951026, 1e-6 * 23.951026);
  // Two fingers apart: twice the one-pitch step of 64 rows of 32.86 F at 7 nm (10.6 F pitch).
  const double step = 64 * 32.863353 * 10.6 * 0.007 * 0.007;
  EXPECT_NEAR(sram_row_driver_area_um2(sram(1080, 1, 64, 64, 0.8), 7, 0.8) -
                  sram_row_driver_area_um2(sram(1080, 1, 64, 64, 1.0), 7, 1.0),
              2 * step, 1e-5 * step);
}

}  // namespace
