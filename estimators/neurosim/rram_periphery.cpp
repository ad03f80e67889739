#include "estimators/neurosim/rram_periphery.hpp"

#include <cmath>
#include <map>
#include <vector>

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
  double column_switch_width_f = 0;
  std::map<int, double> finfet_switch_height_f;
  double one_t_one_r_row_switch_fingers = 0;
  double row_series_ohm = 0;
  std::map<int, double> row_switch_ohm;
  double column_mux_inverters_per_finger = 0;
  double access_ohm_per_a = 0;
  std::vector<double> column_decoder_inverters;  // by address bits, from 1
};

const Layout& layout() {
  static const Layout l = [] {
    Layout out;
    try {
      const YAML::Node root = load_data_file(kFile);
      out.gate_height_f = root["gate_height_f"].as<double>();
      out.row_gates_fixed_pitches = root["row_gates_fixed_pitches"].as<double>();
      out.column_dff_pitches = root["column_dff_pitches"].as<double>();
      out.column_switch_width_f = root["column_switch_width_f"].as<double>();
      for (int node : kNodes)
        if (is_finfet(node))
          out.finfet_switch_height_f[node] = node_entry(root["finfet_switch_height_f"], node, kFile).as<double>();
      out.one_t_one_r_row_switch_fingers = root["one_t_one_r_row_switch_fingers"].as<double>();
      out.row_series_ohm = root["row_series_ohm"].as<double>();
      for (int node : kNodes) out.row_switch_ohm[node] = node_entry(root["row_switch_ohm"], node, kFile).as<double>();
      out.column_mux_inverters_per_finger = root["column_mux_inverters_per_finger"].as<double>();
      out.access_ohm_per_a = root["access_ohm_per_a"].as<double>();
      out.column_decoder_inverters = root["column_decoder_inverters"].as<std::vector<double>>();
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": " + e.what());
    }
    return out;
  }();
  return l;
}

const Transistor& cell_transistor(const ArrayRequest& a, const NodeDevices& d) {
  return a.cell.roadmap == Roadmap::high_performance ? d.hp : d.lstp;
}

// How a transistor's on-resistance grows at `supply`: V / (V - vt)^2 (square-law current),
// vt raised by `vt_offset` for a device of another threshold.
double on_resistance_factor(const ArrayRequest& a, int node, double supply, double vt_offset = 0) {
  double vt = cell_transistor(a, node_devices(node)).vt;
  if (a.threshold_voltage > 0) vt = a.threshold_voltage;
  vt += vt_offset;
  if (supply <= vt)
    throw Declined("NeuroSim plug-in: supply " + Value(supply).text() + " V is not above the threshold " +
                   Value(vt).text() + " V");
  return supply / ((supply - vt) * (supply - vt));
}

// Resistance of one cell's path that a line switch is sized against.
double cell_path_ohm(const ArrayRequest& a) { return a.cell.resistance_on_ohm + layout().row_series_ohm; }

// Fingers of a crossbar row switch, whole ones.
double crossbar_row_switch_fingers(const ArrayRequest& a, int node, double supply) {
  return std::max(1.0, std::ceil(crossbar_switch_fingers(a, node, supply, a.cols)));
}

// Height of the column switch and mux pass gates (F): the gate height at planar nodes, lower
// at FinFET nodes (their own per node).
double switch_height_f(int node) {
  return is_finfet(node) ? layout().finfet_switch_height_f.at(node) : layout().gate_height_f;
}

// Area of a column mux pass gate (F^2): at least one gate pitch wide.
double column_mux_gate_f2(const ArrayRequest& a, int node, double supply) {
  const double pitches = std::max(1.0, layout().column_mux_inverters_per_finger * column_mux_fingers(a, node, supply));
  return pitches * gate_pitch_f(node) * switch_height_f(node);
}

// Inverter areas of the decoder of a column mux of `mux` inputs.
double column_decoder_inverters(int mux) {
  if (mux < 2) return 0;
  const std::vector<double>& t = layout().column_decoder_inverters;
  const size_t bits = static_cast<size_t>(std::ceil(std::log2(mux)));
  if (bits <= t.size()) return t[bits - 1];
  return t.back() * std::pow(2.0, static_cast<double>(bits - t.size()));  // twice the outputs per bit
}

}  // namespace

double gate_height_f() { return layout().gate_height_f; }

double gate_pitch_f(int node) { return inverter_area_f2(node) / layout().gate_height_f; }

double crossbar_switch_fingers(const ArrayRequest& a, int node, double supply, double cells, double vt_offset) {
  const double finger_ohm = layout().row_switch_ohm.at(node) * on_resistance_factor(a, node, supply, vt_offset);
  return finger_ohm * cells / cell_path_ohm(a);
}

double gate_stacks(int count, double pitch_f, double gate_f) {
  const double per_stack = std::floor(count * pitch_f / gate_f);
  return per_stack < 1 ? 0 : std::ceil(count / per_stack);
}

double column_mux_fingers(const ArrayRequest& a, int node, double supply) {
  const Layout& l = layout();
  const NodeDevices& d = node_devices(node);
  const double factor = on_resistance_factor(a, node, supply);
  double column_ohm = cell_path_ohm(a);
  if (a.cell.has_access_transistor)
    column_ohm += a.cell.access_resistance_ohm +
                  l.access_ohm_per_a * cell_transistor(a, d).a * factor / d.effective_width(a.cell.access_cmos_width_f);
  return l.row_switch_ohm.at(node) * factor * a.rows / column_ohm;
}

double rram_row_driver_area_um2(const ArrayRequest& a, int node, double supply) {
  const Layout& l = layout();
  const double fingers = a.cell.has_access_transistor ? l.one_t_one_r_row_switch_fingers
                                                      : crossbar_row_switch_fingers(a, node, supply);
  const double row_gates_f = (l.row_gates_fixed_pitches + fingers) * gate_pitch_f(node);
  const double f = feature_size_um(node);
  return a.rows * a.cell.width_f() * gate_stacks(a.rows, a.cell.width_f(), l.gate_height_f) * row_gates_f * f * f;
}

double rram_column_driver_area_um2(const ArrayRequest& a, int node, double supply) {
  const Layout& l = layout();
  const double pitch = a.cell.height_f();
  const double dff_rows = gate_stacks(a.cols, pitch, l.column_dff_pitches * gate_pitch_f(node));
  if (dff_rows == 0)
    throw Declined("NeuroSim plug-in: NeuroSim returned a negative area (" + std::to_string(a.cols) +
                   " columns are too narrow to lay out a column's flip-flop; use more columns or a larger cell)");
  const double switch_rows = std::ceil(l.column_switch_width_f / pitch);
  double area_f2 = a.cols * pitch * (l.gate_height_f * dff_rows + switch_height_f(node) * switch_rows);
  const int mux = (a.cols + a.cols_active_at_once - 1) / a.cols_active_at_once;
  if (mux > 1)
    area_f2 += a.cols * column_mux_gate_f2(a, node, supply) + column_decoder_inverters(mux) * inverter_area_f2(node);
  const double f = feature_size_um(node);
  return area_f2 * f * f;
}

}  // namespace cimloop::estimators::neurosim
