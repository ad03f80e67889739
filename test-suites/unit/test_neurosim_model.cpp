// The exactly analytic pieces of the "Neurosim Plug-In" model (estimators/neurosim) and the
// plug-in wrapper's behaviour: attribute conversion and checks, technology blending, leakage
// scaling. The full comparison with the plug-in's answers is the golden NeuroSim suite.
#include <gtest/gtest.h>

#include <cmath>

#include "cim_fixtures.hpp"
#include "estimators/estimator.hpp"

using namespace cimloop::estimators;

namespace {

const PrimitiveEstimator& neurosim() { return *Registry::builtin().find("Neurosim Plug-In"); }

Query query(const std::string& cls, Attributes a, const std::string& action = "") {
  Query q;
  q.class_name = cls;
  q.attributes = std::move(a);
  q.attributes.emplace("global_cycle_seconds", 1e-9);
  q.attributes.emplace("cycle_seconds", 1e-9);
  q.action = action;
  return q;
}

double value(const Query& q) { return neurosim().estimate(q).value; }

Attributes rram_array(double technology) {
  return {{"technology", technology},
          {"rows", 128},
          {"cols", 64},
          {"cols_active_at_once", 64},
          {"cell_config", cimloop::test::cimloop_fixture("memory_cells/rram_isaac_isca_2016.cell.yaml").string()},
          {"average_input_value", 0.5},
          {"average_cell_value", 0.25},
          {"read_pulse_width", 2e-9},
          {"temporal_dac_bits", 3}};
}

}  // namespace

// RRAM read: a pulse of ReadVoltage through the cell in series with the wire of its bitline
// (rows x height) and wordline (cols x width), 0.5302632 ohm per F at every node;
// interpolated low->high conductance by the average cell value, times the average input and
// the 2^bits - 1 pulses of a full-scale input.
TEST(NeurosimModel, RramCellReadIsAPulseThroughCellAndWires) {
  const Attributes a = rram_array(45);
  CIMLOOP_REQUIRE_FIXTURE(a.at("cell_config").string());
  const double wire = 0.5302632 * (128 * 4 + 64 * 4);  // isaac cell: 16 F^2, square, no access device
  const double hi = 2e-9 * 0.2 * 0.2 / (1333 + wire) * 1e12, lo = 2e-9 * 0.2 * 0.2 / (20000 + wire) * 1e12;
  EXPECT_NEAR(value(query("memory_cell", a, "read")), (lo + (hi - lo) * 0.25) * 0.5 * 7, 1e-12);
  // Writes use the set pulse and go from high to low conductance, plus an overhead (lines and
  // drivers charged at the set voltage) that is the same for both: it cancels in the difference.
  const double shi = 40e-9 * 4 / (1333 + wire) * 1e12, slo = 40e-9 * 4 / (20000 + wire) * 1e12;
  auto write = [&](double cell) {
    Attributes w = a;
    w["average_cell_value"] = cell;
    return value(query("memory_cell", w, "write"));
  };
  EXPECT_NEAR(write(0) - write(1), shi - slo, 1e-9);
  const double overhead = write(0.25) - (shi + (slo - shi) * 0.25);
  EXPECT_GT(overhead, 0);
  EXPECT_LT(overhead, 1e-3 * shi);
  EXPECT_EQ(value(query("memory_cell", a, "leak")), 0);
  EXPECT_NEAR(value(query("memory_cell", a)), 16 * 0.045 * 0.045, 1e-12);  // CellArea F^2
}

// Peripheral blocks: shift_add = adder + a DFF per bit of adder and shift register; an adder
// tree is levels of adders one bit wider per level; areas in inverter units (DFF 12, adder
// bit 13.5); between nodes the plug-in blends linearly (28 nm = 0.4 x 22 + 0.6 x 32 nm).
// Each block's value is NeuroSim's 7-digit printout, so sums agree to 1e-6.
TEST(NeurosimModel, DigitalBlocksComposeAndBlendBetweenNodes) {
  auto e = [](const std::string& cls, Attributes a) { return value(query(cls, std::move(a), "read")); };
  auto near = [](double a, double b) { EXPECT_NEAR(a, b, 1e-6 * std::fabs(b)); };
  const double adder8 = e("intadder", {{"technology", 32}, {"n_bits", 8}});
  const double dff = e("flip_flop", {{"technology", 32}, {"n_bits", 1}});
  near(e("shift_add", {{"technology", 32}, {"n_bits", 8}, {"shift_register_n_bits", 16}}), adder8 + 24 * dff);
  const double tree = e("intadder_tree", {{"technology", 32}, {"n_bits", 8}, {"n_adder_tree_inputs", 4}});
  near(tree, 2 * e("intadder", {{"technology", 32}, {"n_bits", 9}}) + e("intadder", {{"technology", 32}, {"n_bits", 10}}));
  const double inverter_um2 = 212.8 * 0.032 * 0.032;
  near(value(query("flip_flop", {{"technology", 32}, {"n_bits", 3}})), 36 * inverter_um2);
  near(value(query("not_gate", {{"technology", 32}})), inverter_um2);
  EXPECT_EQ(value(query("not_gate", {{"technology", 32}}, "read")), 0);
  EXPECT_NEAR(e("flip_flop", {{"technology", 28}, {"n_bits", 2}}),
              0.4 * e("flip_flop", {{"technology", 22}, {"n_bits", 2}}) + 0.6 * e("flip_flop", {{"technology", 32}, {"n_bits", 2}}), 1e-12);
  EXPECT_EQ(e("flip_flop", {{"technology", "28.7nm"}, {"n_bits", 2}}), e("flip_flop", {{"technology", 28}, {"n_bits", 2}}));
}

// Leakage: NeuroSim's power times the global cycle for peripheral blocks; write-type actions
// of peripheral blocks cost nothing; voltage is not theirs to take.
TEST(NeurosimModel, PeripheralLeakScalesWithTheCycleAndIgnoresVoltage) {
  Attributes a = {{"technology", 65}, {"n_bits", 4}};
  const double leak = value(query("intadder", a, "leak"));
  Query slow = query("intadder", a, "leak");
  slow.attributes["global_cycle_seconds"] = 1e-8;
  EXPECT_NEAR(value(slow), 10 * leak, 1e-18);
  EXPECT_EQ(value(query("intadder", a, "update")), 0);
  Attributes with_voltage = a;
  with_voltage["voltage"] = 0.5;
  EXPECT_EQ(value(query("intadder", with_voltage, "add")), value(query("intadder", a, "add")));
}

TEST(NeurosimModel, DeclinesWhatThePlugInRejects) {
  EXPECT_EQ(neurosim().accuracy(query("intadder", {{"technology", 32}}, "add")), 70);
  EXPECT_THROW(neurosim().accuracy(query("intadder", {{"technology", 32}}, "fly")), Declined);
  EXPECT_THROW(neurosim().accuracy(query("SRAM", {{"technology", 32}}, "read")), Declined);
  EXPECT_THROW(value(query("intadder", {{"technology", 5}, {"n_bits", 4}}, "add")), Declined);
  EXPECT_THROW(value(query("intadder", {{"technology", 131}, {"n_bits", 4}}, "add")), Declined);
  EXPECT_THROW(value(query("intadder", {{"technology", 32}}, "add")), Declined);  // n_bits missing
  Query no_cycle = query("intadder", {{"technology", 32}, {"n_bits", 4}}, "add");
  no_cycle.attributes.erase("cycle_seconds");
  EXPECT_THROW(value(no_cycle), Declined);
  Attributes small = rram_array(32);
  CIMLOOP_REQUIRE_FIXTURE(small.at("cell_config").string());
  small["rows"] = 4;
  EXPECT_THROW(value(query("memory_cell", small, "read")), Declined);
  Attributes sample = rram_array(32);
  sample["cell_config"] = "nvsim_RRAM";
  try {
    value(query("memory_cell", sample, "read"));
    ADD_FAILURE() << "sample cell accepted";
  } catch (const Declined& e) {
    EXPECT_NE(std::string(e.what()).find("sample cell"), std::string::npos);
  }
}

// Row-driver leakage: one DFF (the intadder/flip_flop data's DFF) per row, in proportion to
// the supply, scaled by the cycle time twice as the plug-in does; a voltage DAC of b bits
// multiplies it by 2^(b-1) with 1T1R cells.
TEST(NeurosimModel, RowDriverLeakageIsOneDffPerRow) {
  Attributes a = rram_array(65);
  a["cell_config"] = cimloop::test::cimloop_fixture("memory_cells/rram_example.cell.yaml").string();
  CIMLOOP_REQUIRE_FIXTURE(a.at("cell_config").string());
  a["voltage"] = 1.0;
  const double dff_leak_w = value(query("flip_flop", {{"technology", 65}, {"n_bits", 1}}, "leak")) / 1e-9 / 1e12;
  Query q = query("array_row_drivers", a, "leak");
  q.attributes["global_cycle_seconds"] = 1e-7;
  EXPECT_NEAR(value(q), 128 * dff_leak_w * 1.0 / 1.1 * 1e-7 * 1e-7 * 1e12, 1e-6 * value(q));
  q.attributes["voltage_dac_bits"] = 3;
  EXPECT_NEAR(value(q), 4 * 128 * dff_leak_w / 1.1 * 1e-14 * 1e12, 1e-6 * value(q));
}

// RRAM driver layout: a row's gates (DFF + control inverter = 13 inverter widths of 7.6 F at
// planar nodes, plus the row switch's fingers: 3 with 1T1R cells) are 28 F tall and stacked
// along the array height (rows x cell width), as many per stack as fit. With 32 rows of the
// 6.32 F rram_example cell 7 fit per stack (5 stacks); 8 rows fit only one per stack.
TEST(NeurosimModel, RramRowDriversAreStackedGates) {
  Attributes a = rram_array(65);
  a["cell_config"] = cimloop::test::cimloop_fixture("memory_cells/rram_example.cell.yaml").string();
  CIMLOOP_REQUIRE_FIXTURE(a.at("cell_config").string());
  const double f2 = 0.065 * 0.065, width = std::sqrt(40.0), gates_f = 16 * 7.6;
  a["rows"] = 32;
  EXPECT_NEAR(value(query("array_row_drivers", a)), 32 * width * 5 * gates_f * f2, 1e-9);
  a["rows"] = 8;
  EXPECT_NEAR(value(query("array_row_drivers", a)), 8 * width * 8 * gates_f * f2, 1e-9);
  a["voltage_dac_bits"] = 2;  // a second voltage level: a copy of the drivers
  EXPECT_NEAR(value(query("array_row_drivers", a)), 2 * 8 * width * 8 * gates_f * f2, 1e-9);
}

// A crossbar row switch feeds every cell on its row: its fingers grow with the columns (and
// fall with a higher supply), so the row-driver area per row grows with cols.
TEST(NeurosimModel, CrossbarRowSwitchGrowsWithTheCurrentOfItsRow) {
  Attributes a = rram_array(32);
  CIMLOOP_REQUIRE_FIXTURE(a.at("cell_config").string());
  a["voltage"] = 1.0;
  auto area = [&](int cols, double voltage) {
    a["cols"] = cols;
    a["voltage"] = voltage;
    return value(query("array_row_drivers", a));
  };
  EXPECT_LT(area(64, 1.0), area(128, 1.0));
  EXPECT_LT(area(128, 1.0), area(128, 0.8));
  // Each step is a whole number of gate widths (7.6 F) on each of the 8 stacks of 4 F rows.
  const double per_width = 128 * 4 * 8 * 7.6 * 0.032 * 0.032;
  const double steps = (area(128, 1.0) - area(64, 1.0)) / per_width;
  EXPECT_NEAR(steps, std::round(steps), 1e-9);
}

// Column drivers without a mux: each column's DFF (12 x 7.6 F) is stacked along the array
// width (cols x cell height) in 28 F tall strips, under the strips of the column switch
// (15.2 F folded into the column pitch); a column mux adds a pass gate per column and its
// decoder. Too few columns to fit one DFF: declined, as the plug-in's negative area.
TEST(NeurosimModel, RramColumnDriversStackTheirFlipFlops) {
  Attributes a = rram_array(65);
  a["cell_config"] = cimloop::test::cimloop_fixture("memory_cells/rram_example.cell.yaml").string();
  CIMLOOP_REQUIRE_FIXTURE(a.at("cell_config").string());
  const double pitch = std::sqrt(40.0), f2 = 0.065 * 0.065;
  a["cols"] = 32;
  a["cols_active_at_once"] = 32;
  // 2 DFFs fit along 32 x 6.32 F: 16 strips, plus ceil(15.2 / 6.32) = 3 for the switch.
  const double no_mux = 32 * pitch * 28 * (16 + 3) * f2;
  EXPECT_NEAR(value(query("array_col_drivers", a)), no_mux, 1e-9);
  // A mux of 8 inputs: a minimum pass gate (one inverter) per column and a 3-bit decoder.
  a["cols_active_at_once"] = 4;
  EXPECT_NEAR(value(query("array_col_drivers", a)), no_mux + (32 + 77.684211) * 212.8 * f2, 1e-6);
  a["cols"] = 8;
  a["cols_active_at_once"] = 8;
  EXPECT_THROW(value(query("array_col_drivers", a)), Declined);
}

// At FinFET nodes the DFFs keep their 28 F strips (FinFET gate pitch 296.8 / 28 = 10.6 F),
// but the column switch (still 15.2 F folded into the pitch) and the mux pass gates are
// lower: 61.7 nm at 7 nm, 211.4 nm at 14 nm.
TEST(NeurosimModel, FinfetColumnSwitchesAreLowerThanAGate) {
  Attributes a = rram_array(7);
  a["cell_config"] = cimloop::test::cimloop_fixture("memory_cells/rram_example.cell.yaml").string();
  CIMLOOP_REQUIRE_FIXTURE(a.at("cell_config").string());
  const double pitch = std::sqrt(40.0);
  a["cols"] = 32;
  a["cols_active_at_once"] = 32;
  // One 127.2 F DFF per stack along 32 x 6.32 F: 32 strips; 3 switch strips.
  auto expected = [&](double f, double switch_f) { return 32 * pitch * (28 * 32 + switch_f * 3) * f * f; };
  EXPECT_NEAR(value(query("array_col_drivers", a)), expected(0.007, 61.7 / 7), 1e-9);
  a["technology"] = 14;
  EXPECT_NEAR(value(query("array_col_drivers", a)), expected(0.014, 211.4 / 14), 1e-9);
  // A mux of 4 (64 columns): the minimum pass gate is one FinFET pitch wide, as low as the switch.
  a["technology"] = 7;
  a["cols"] = 64;
  a["cols_active_at_once"] = 64;
  const double no_mux = value(query("array_col_drivers", a));
  a["cols_active_at_once"] = 16;
  EXPECT_NEAR(value(query("array_col_drivers", a)) - no_mux, (64 * 10.6 * 61.7 / 7 + 28 * 296.8) * 49e-6, 1e-9);
}
