#include "estimators/neurosim/sram_row_drivers.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "estimators/neurosim/digital.hpp"
#include "estimators/neurosim/rram_periphery.hpp"
#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr const char* kFile = "neurosim/sram_row_drivers.yaml";

struct RowLayout {
  double row_fixed_pitches = 0;
  double column_gates = 0;
  double access_load_f = 0;
  double finfet_offset_fingers = 0;
  double finger_width_f = 0;
  double pmos_ratio = 0;
  std::map<int, double> switch_lstp, switch_hp, switch_lp;
};

std::map<int, double> per_node(const YAML::Node& table) {
  std::map<int, double> out;
  for (int node : kNodes) out[node] = node_entry(table, node, kFile).as<double>();
  return out;
}

const RowLayout& layout() {
  static const RowLayout l = [] {
    RowLayout out;
    try {
      const YAML::Node root = load_data_file(kFile);
      out.row_fixed_pitches = root["row_fixed_pitches"].as<double>();
      out.column_gates = root["column_gates"].as<double>();
      out.access_load_f = root["access_load_f"].as<double>();
      out.finfet_offset_fingers = root["finfet_offset_fingers"].as<double>();
      out.finger_width_f = root["switch_finger_width_f"].as<double>();
      out.pmos_ratio = root["switch_pmos_ratio"].as<double>();
      out.switch_lstp = per_node(root["switch_k"]["lstp"]);
      out.switch_hp = per_node(root["switch_k"]["hp"]);
      out.switch_lp = per_node(root["switch_k"]["lp"]);
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": " + e.what());
    }
    return out;
  }();
  return l;
}

double switch_k(const ArrayRequest& a, int node) {
  switch (a.cell.roadmap) {
    case Roadmap::high_performance: return layout().switch_hp.at(node);
    case Roadmap::low_power: return layout().switch_lp.at(node);
    default: return layout().switch_lstp.at(node);
  }
}

// V / (V - vt)^2: how the switch's on-resistance grows at `supply`.
double resistance_factor(const ArrayRequest& a, int node, double supply) {
  const NodeDevices& d = node_devices(node);
  double vt = (a.cell.roadmap == Roadmap::high_performance ? d.hp : d.lstp).vt;
  if (a.threshold_voltage > 0) vt = a.threshold_voltage;
  if (supply <= vt)
    throw Declined("NeuroSim plug-in: supply " + Value(supply).text() + " V is not above the threshold " +
                   Value(vt).text() + " V");
  return supply / ((supply - vt) * (supply - vt));
}

// Stacks of the rows' gate sets (standard-cell height each, the RRAM periphery's): one per
// row when not even one fits along the rows.
double row_gate_stacks(int count, double pitch_f) {
  const double stacks = gate_stacks(count, pitch_f, gate_height_f());
  return stacks > 0 ? stacks : count;
}

}  // namespace

RowSwitch sram_row_switch(const ArrayRequest& a, int node, double supply) {
  const RowLayout& l = layout();
  const double load_per_column = a.cell.width_f() + l.access_load_f * a.cell.access_cmos_width_f;
  RowSwitch s;
  s.width_fingers = switch_k(a, node) * resistance_factor(a, node, supply) / (a.cols * load_per_column);
  const double x = s.width_fingers - (is_finfet(node) ? l.finfet_offset_fingers : 0);
  s.fingers = 1 + static_cast<int>(std::max(0.0, std::floor(x)));
  if (is_finfet(node)) {
    const double nmos_fins = s.width_fingers * l.finger_width_f / node_devices(node).fin_pitch_f;
    s.fins = static_cast<int>(std::ceil(nmos_fins) + std::ceil(l.pmos_ratio * nmos_fins));
  }
  return s;
}

double sram_row_driver_area_um2(const ArrayRequest& a, int node, double supply) {
  const RowLayout& l = layout();
  const double pitch = gate_pitch_f(node);
  const double height = a.rows * a.cell.width_f();
  const double row_f2 = height * row_gate_stacks(a.rows, a.cell.width_f()) * pitch *
                        (l.row_fixed_pitches + sram_row_switch(a, node, supply).fingers);
  const double strips = l.column_gates * std::ceil(pitch / a.cell.height_f());
  const double column_f2 = a.cols * a.cell.height_f() * gate_height_f() * strips;
  const double f = feature_size_um(node);
  return (row_f2 + column_f2) * f * f;
}

}  // namespace cimloop::estimators::neurosim
