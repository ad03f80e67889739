#include "estimators/neurosim/rram_periphery.hpp"

#include <cmath>
#include <map>

#include "estimators/neurosim/digital.hpp"
#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr const char* kFile = "neurosim/rram_periphery.yaml";

struct Layout {
  double gate_height_f = 0;
  double row_gates_fixed_pitches = 0;
  double column_dff_pitches = 0;
  double column_switch_pitches = 0;
  double one_t_one_r_row_switch_fingers = 0;
  double row_series_ohm = 0;
  std::map<int, double> row_switch_ohm;
};

const Layout& layout() {
  static const Layout l = [] {
    Layout out;
    try {
      const YAML::Node root = load_data_file(kFile);
      out.gate_height_f = root["gate_height_f"].as<double>();
      out.row_gates_fixed_pitches = root["row_gates_fixed_pitches"].as<double>();
      out.column_dff_pitches = root["column_dff_pitches"].as<double>();
      out.column_switch_pitches = root["column_switch_pitches"].as<double>();
      out.one_t_one_r_row_switch_fingers = root["one_t_one_r_row_switch_fingers"].as<double>();
      out.row_series_ohm = root["row_series_ohm"].as<double>();
      for (int node : kNodes) out.row_switch_ohm[node] = node_entry(root["row_switch_ohm"], node, kFile).as<double>();
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": " + e.what());
    }
    return out;
  }();
  return l;
}

// Width of one gate pitch (an inverter's width) in F.
double gate_pitch_f(int node) { return inverter_area_f2(node) / layout().gate_height_f; }

// Stacks needed to place `count` gates, each `gate_f` long, along a line of `count` cells of
// `pitch_f`: as many per stack as fit in the line. 0 when not even one fits.
double stacks(int count, double pitch_f, double gate_f) {
  const double per_stack = std::floor(count * pitch_f / gate_f);
  return per_stack < 1 ? 0 : std::ceil(count / per_stack);
}

// Fingers of a crossbar row switch: its on-resistance may not exceed the row's share of the
// resistance of the cells it feeds (all cols cells in parallel).
double crossbar_row_switch_fingers(const ArrayRequest& a, int node, double supply) {
  const NodeDevices& d = node_devices(node);
  double vt = (a.cell.roadmap == Roadmap::high_performance ? d.hp : d.lstp).vt;
  if (a.threshold_voltage > 0) vt = a.threshold_voltage;
  if (supply <= vt)
    throw Declined("NeuroSim plug-in: supply " + Value(supply).text() + " V is not above the threshold " +
                   Value(vt).text() + " V");
  const double finger_ohm = layout().row_switch_ohm.at(node) * supply / ((supply - vt) * (supply - vt));
  const double target_ohm = (a.cell.resistance_on_ohm + layout().row_series_ohm) / a.cols;
  return std::max(1.0, std::ceil(finger_ohm / target_ohm));
}

}  // namespace

double rram_row_driver_area_um2(const ArrayRequest& a, int node, double supply) {
  const Layout& l = layout();
  const double fingers = a.cell.has_access_transistor ? l.one_t_one_r_row_switch_fingers
                                                      : crossbar_row_switch_fingers(a, node, supply);
  const double row_gates_f = (l.row_gates_fixed_pitches + fingers) * gate_pitch_f(node);
  const double f = feature_size_um(node);
  return a.rows * a.cell.width_f() * stacks(a.rows, a.cell.width_f(), l.gate_height_f) * row_gates_f * f * f;
}

double rram_column_driver_area_um2(const ArrayRequest& a, int node) {
  const Layout& l = layout();
  const double pitch = a.cell.height_f();
  const double dff_rows = stacks(a.cols, pitch, l.column_dff_pitches * gate_pitch_f(node));
  if (dff_rows == 0)
    throw Declined("NeuroSim plug-in: NeuroSim returned a negative area (" + std::to_string(a.cols) +
                   " columns are too narrow to lay out a column's flip-flop; use more columns or a larger cell)");
  const double switch_rows = std::ceil(l.column_switch_pitches * gate_pitch_f(node) / pitch);
  const double f = feature_size_um(node);
  return a.cols * pitch * l.gate_height_f * (dff_rows + switch_rows) * f * f;
}

}  // namespace cimloop::estimators::neurosim
