// The structure of the RRAM energy model (estimators/neurosim/rram_energy, adc) and of its
// per-node constant tables; the comparison with the plug-in's answers is the golden NeuroSim
// suite.
#include <gtest/gtest.h>

#include <string>

#include "cim_fixtures.hpp"
#include "estimators/neurosim/adc.hpp"
#include "estimators/neurosim/node_constants.hpp"
#include "estimators/neurosim/rram_energy.hpp"
#include "estimators/neurosim/rram_periphery.hpp"
#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

using namespace cimloop::estimators::neurosim;

namespace {

std::string cell_path(const std::string& name) { return cimloop::test::cimloop_fixture("memory_cells/" + name).string(); }

// An array of the given cell file at 1 V.
ArrayRequest rram(const std::string& cell_file, int rows, int cols, int active) {
  ArrayRequest a;
  a.rows = rows;
  a.cols = cols;
  a.cols_active_at_once = active;
  a.cell = read_memory_cell(cell_path(cell_file));
  a.voltage = 1.0;
  return a;
}

const char* kOneTOneR = "rram_example.cell.yaml";
const char* kCrossbar = "rram_isaac_isca_2016.cell.yaml";

}  // namespace

// Row read of one row: independent of rows without a column mux; with one, the row switch is
// charged (1 - 1/mux) / rows more per read, the same whatever the input.
TEST(NeurosimRramEnergy, RowReadIsPerRowAndMuxAddsSwitchCharges) {
  CIMLOOP_REQUIRE_FIXTURE(cell_path(kOneTOneR));
  const DriverValues r32 = rram_row_driver_energies(rram(kOneTOneR, 32, 128, 128), 65);
  const DriverValues r512 = rram_row_driver_energies(rram(kOneTOneR, 512, 128, 128), 65);
  EXPECT_DOUBLE_EQ(r32.read_hi.on_pj, r512.read_hi.on_pj);
  EXPECT_DOUBLE_EQ(r32.read_hi.off_pj, r512.read_hi.off_pj);
  EXPECT_GT(r32.read_hi.on_pj, r32.read_hi.off_pj);
  // A mux of 4: the same extra charge on and off, 4x smaller with 4x the rows.
  const DriverValues m32 = rram_row_driver_energies(rram(kOneTOneR, 32, 128, 32), 65);
  const DriverValues m128 = rram_row_driver_energies(rram(kOneTOneR, 128, 128, 32), 65);
  const double extra = m32.read_hi.off_pj - r32.read_hi.off_pj;
  EXPECT_GT(extra, 0);
  EXPECT_NEAR(m32.read_hi.on_pj - r32.read_hi.on_pj, extra, 1e-12);
  EXPECT_NEAR(m128.read_hi.off_pj - r32.read_hi.off_pj, extra / 4, 1e-12);
}

// The row line of a 1T1R array grows with its columns: the read per pulse is affine in cols;
// a crossbar row switch grows with them too (it feeds every cell of its row).
TEST(NeurosimRramEnergy, RowReadGrowsWithTheRowLine) {
  CIMLOOP_REQUIRE_FIXTURE(cell_path(kOneTOneR));
  auto on = [](const char* cell, int cols) {
    return rram_row_driver_energies(rram(cell, 32, cols, cols), 65).read_hi.on_pj;
  };
  EXPECT_NEAR(on(kOneTOneR, 256) - on(kOneTOneR, 128), 2 * (on(kOneTOneR, 128) - on(kOneTOneR, 64)), 1e-12);
  EXPECT_GT(on(kCrossbar, 128), on(kCrossbar, 64));
}

// The crossbar switch size is continuous, proportional to the cells it feeds, smaller at a
// higher supply; the area rounds it up to whole fingers.
TEST(NeurosimRramEnergy, CrossbarSwitchSizeIsProportionalToItsCells) {
  CIMLOOP_REQUIRE_FIXTURE(cell_path(kCrossbar));
  const ArrayRequest a = rram(kCrossbar, 128, 128, 128);
  const double w64 = crossbar_switch_fingers(a, 32, 1.0, 64), w128 = crossbar_switch_fingers(a, 32, 1.0, 128);
  EXPECT_NEAR(w128, 2 * w64, 1e-12);
  EXPECT_LT(crossbar_switch_fingers(a, 32, 1.2, 128), w128);
  EXPECT_GT(crossbar_switch_fingers(a, 32, 1.0, 128, 0.05), w128);  // a higher threshold: wider
}

// Column reads only go through a column mux; its decoder's share falls with the columns read
// at once (same mux, same rows).
TEST(NeurosimRramEnergy, ColumnReadNeedsAMux) {
  CIMLOOP_REQUIRE_FIXTURE(cell_path(kOneTOneR));
  EXPECT_EQ(rram_col_driver_read_pj(rram(kOneTOneR, 32, 32, 32), 65), 0);
  const double narrow = rram_col_driver_read_pj(rram(kOneTOneR, 32, 32, 16), 65);
  const double wide = rram_col_driver_read_pj(rram(kOneTOneR, 32, 64, 32), 65);
  EXPECT_GT(wide, 0);
  EXPECT_GT(narrow, wide);
}

// ADC leakage: per active column and in proportion to the supply, whatever the array (rows,
// cell); none without an ADC.
TEST(NeurosimRramEnergy, AdcLeakageIsPerActiveColumn) {
  CIMLOOP_REQUIRE_FIXTURE(cell_path(kOneTOneR));
  ArrayRequest a = rram(kOneTOneR, 32, 64, 32);
  EXPECT_EQ(adc_leakage_w(a, 65), 0);
  EXPECT_EQ(adc_energy_pj(a, 65), 0);
  a.adc_resolution = 5;
  const double base = adc_leakage_w(a, 65);
  EXPECT_GT(base, 0);
  ArrayRequest other = rram(kCrossbar, 768, 64, 64);
  other.adc_resolution = 5;
  EXPECT_NEAR(adc_leakage_w(other, 65), 2 * base, 1e-12 * base);
  other.voltage = 0.8;
  EXPECT_NEAR(adc_leakage_w(other, 65), 1.6 * base, 1e-12 * base);
  // A conversion costs about twice as much per added bit (2^bits - 1 comparators).
  const double e5 = adc_energy_pj(a, 65);
  a.adc_resolution = 6;
  EXPECT_NEAR(adc_energy_pj(a, 65) / e5, 2.0, 0.1);
}

// ADC area: one block per comparator (2^bits - 1 per active column) plus its output gate
// folded into the column pitch; the same in F^2 at every planar node.
TEST(NeurosimRramEnergy, AdcAreaIsPerComparatorAndFoldsIntoThePitch) {
  CIMLOOP_REQUIRE_FIXTURE(cell_path(kOneTOneR));
  auto area_f2 = [](ArrayRequest a, int bits, int node) {
    a.adc_resolution = bits;
    const double f = node * 1e-3;
    return adc_area_um2(a, node) / (f * f);
  };
  // A wide pitch (cell width x mux of 8): up to 4 bits the output gate fits in one strip, the
  // area is proportional to the comparators and to the ADCs.
  const ArrayRequest wide = rram(kOneTOneR, 32, 256, 32);
  EXPECT_EQ(area_f2(wide, 0, 65), 0);
  EXPECT_NEAR(area_f2(wide, 3, 65), 7 * area_f2(wide, 1, 65), 1e-6 * area_f2(wide, 3, 65));
  EXPECT_NEAR(area_f2(rram(kOneTOneR, 32, 512, 64), 3, 65), 2 * area_f2(wide, 3, 65), 1e-6 * area_f2(wide, 3, 65));
  EXPECT_NEAR(area_f2(wide, 4, 22), area_f2(wide, 4, 130), 1e-9 * area_f2(wide, 4, 130));
  // The cell's own pitch (no mux) is narrower than the output gate: more strips per comparator.
  const ArrayRequest narrow = rram(kOneTOneR, 32, 32, 32);
  EXPECT_GT(area_f2(narrow, 3, 65) / area_f2(narrow, 1, 65), 7);
  // Gate widths grow with the resolution; beyond the table each bit doubles it.
  for (int b = 2; b <= 10; ++b) EXPECT_GT(adc_output_gate_pitches(b), adc_output_gate_pitches(b - 1));
  EXPECT_DOUBLE_EQ(adc_output_gate_pitches(10), 4 * adc_output_gate_pitches(8));
}

// A constant table names its terms; a file whose terms or node entries do not match the code
// is rejected with the file and model named.
TEST(NeurosimRramEnergy, NodeConstantsCheckTheirTerms) {
  YAML::Node table;
  table["terms"] = std::vector<std::string>{"a", "b"};
  for (int node : kNodes) table["nodes"][node] = std::vector<double>{1.0 * node, 2.0};
  EXPECT_EQ(NodeConstants(table, "f.yaml", "m", {"a", "b"}).at(65), (std::vector<double>{65, 2}));
  try {
    NodeConstants(table, "f.yaml", "m", {"a", "c"});
    ADD_FAILURE() << "mismatched terms accepted";
  } catch (const cimloop::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("f.yaml: m: terms must be [a, c]"), std::string::npos) << e.what();
  }
  table["nodes"][45] = std::vector<double>{1.0};
  EXPECT_THROW(NodeConstants(table, "f.yaml", "m", {"a", "b"}), cimloop::InputError);
  table["nodes"].remove(45);
  EXPECT_THROW(NodeConstants(table, "f.yaml", "m", {"a", "b"}), cimloop::InputError);
}
