#include "estimators/neurosim/array_periphery.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <vector>

#include "estimators/neurosim/adc.hpp"
#include "estimators/neurosim/memory_cell.hpp"
#include "estimators/neurosim/rram_energy.hpp"
#include "estimators/neurosim/rram_periphery.hpp"
#include "estimators/neurosim/sram_periphery.hpp"
#include "estimators/neurosim/sram_row_drivers.hpp"
#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr const char* kFile = "neurosim/periphery.yaml";
constexpr const char* kDigitalFile = "neurosim/digital.yaml";

// What the surrogate features are computed from.
struct Inputs {
  const ArrayRequest* a = nullptr;
  int node = 0;
  double supply = 0;
  double feature_um = 0;
  Transistor device;  // the cell roadmap's transistor, threshold overridden by the query
  int mux = 1;        // column mux inputs, ceil(cols / cols_active_at_once)
  RowSwitch row_switch;  // SRAM arrays outside sequential mode
};

using Feature = std::function<double(const Inputs&)>;

double v2(const Inputs& in) { return in.supply * in.supply; }
double f2(const Inputs& in) { return in.feature_um * in.feature_um; }
double active_columns(const Inputs& in) { return std::min(in.a->cols_active_at_once, in.a->cols); }
// A driver sized to its on-resistance switches a capacitance that grows as (V - vt)^2 / V.
double drive(const Inputs& in) { return in.supply * std::pow(std::max(in.supply - in.device.vt, 0.05), 2); }

const std::map<std::string, Feature>& features() {
  static const std::map<std::string, Feature> table = {
      {"v2", v2},
      {"drv", drive},
      {"v2_cols_wire", [](const Inputs& in) { return v2(in) * in.a->cols * in.a->cell.width_f() * in.feature_um; }},
      {"v2_per_col", [](const Inputs& in) { return v2(in) / in.a->cols; }},
      {"v2_per_row", [](const Inputs& in) { return v2(in) / in.a->rows; }},
      {"v2_cols_gate",
       [](const Inputs& in) {
         return v2(in) * in.a->cols * in.a->cell.capacitance_multiplier * in.a->cell.access_cmos_width_f * in.feature_um;
       }},
      {"v2_cols_adj", [](const Inputs& in) { return v2(in) * in.a->cols * in.a->cell.capacitance_adjust_f * 1e15; }},
      {"v2_cols", [](const Inputs& in) { return v2(in) * in.a->cols; }},
      {"v2_rows", [](const Inputs& in) { return v2(in) * in.a->rows; }},
      {"v2_rows_cols", [](const Inputs& in) { return v2(in) * in.a->rows * in.a->cols * 1e-3; }},
      {"v2_cols_per_mux", [](const Inputs& in) { return v2(in) * in.a->cols / in.mux; }},
      {"one", f2},
      {"rows", [](const Inputs& in) { return f2(in) * in.a->rows; }},
      {"cols", [](const Inputs& in) { return f2(in) * in.a->cols; }},
      {"rows_cols", [](const Inputs& in) { return f2(in) * in.a->rows * in.a->cols * 1e-2; }},
      {"rows_per_col", [](const Inputs& in) { return f2(in) * in.a->rows / in.a->cols * 1e2; }},
      {"v2_switch", [](const Inputs& in) { return v2(in) * in.row_switch.width_fingers; }},
      {"v2_fingers", [](const Inputs& in) { return v2(in) * in.row_switch.fingers; }},
      {"v2_fins", [](const Inputs& in) { return v2(in) * in.row_switch.fins; }},
      {"v2_rows_active", [](const Inputs& in) { return v2(in) * in.a->rows * active_columns(in) * 1e-3; }},
      {"v2_rows_switch_mux",
       [](const Inputs& in) {
         return v2(in) * in.a->rows * in.row_switch.width_fingers * active_columns(in) / in.a->cols * 1e-3;
       }},
      {"v2_rows_fingers_mux",
       [](const Inputs& in) {
         return v2(in) * in.a->rows * in.row_switch.fingers * active_columns(in) / in.a->cols * 1e-3;
       }},
  };
  return table;
}

// One surrogate: coefficients per cell group and node for its features (and the features
// that scale with the input activity).
struct Model {
  std::vector<Feature> base, activity;
  std::map<std::string, std::map<int, std::vector<double>>> coefficients;
};

struct Periphery {
  std::map<int, double> hp_leakage_ratio;
  double sram_row_leakage_per_column = 0;
  std::vector<double> decoder_leakage;  // in DFF leakages, by address bits
  std::map<int, double> dff_leakage_w;  // at the node's vdd
  std::map<int, double> dff_energy_pj;  // at the node's vdd
  std::map<std::string, Model> models;
};

std::vector<Feature> feature_list(const YAML::Node& names, const std::string& model) {
  std::vector<Feature> out;
  for (const auto& n : names) {
    auto it = features().find(n.as<std::string>());
    if (it == features().end())
      throw InputError(std::string(kFile) + ": model '" + model + "': unknown feature '" + n.as<std::string>() + "'");
    out.push_back(it->second);
  }
  return out;
}

Model model(const std::string& name, const YAML::Node& n) {
  Model m;
  m.base = feature_list(n["features"], name);
  if (n["activity_features"]) m.activity = feature_list(n["activity_features"], name);
  for (const auto& group : n["coefficients"])
    for (const auto& node : group.second)
      m.coefficients[group.first.as<std::string>()][node.first.as<int>()] = node.second.as<std::vector<double>>();
  return m;
}

const Periphery& periphery() {
  static const Periphery p = [] {
    Periphery out;
    try {
      const YAML::Node root = load_data_file(kFile);
      const YAML::Node leak = root["leakage"];
      for (const auto& kv : leak["hp_leakage_ratio"]) out.hp_leakage_ratio[kv.first.as<int>()] = kv.second.as<double>();
      out.sram_row_leakage_per_column = leak["sram_row_leakage_per_column_dff"].as<double>();
      out.decoder_leakage = leak["decoder_leakage_dff"].as<std::vector<double>>();
      for (const auto& kv : root["models"]) out.models[kv.first.as<std::string>()] = model(kv.first.as<std::string>(), kv.second);
      const YAML::Node digital = load_data_file(kDigitalFile);
      for (int node : kNodes) {
        const YAML::Node dff = node_entry(digital["nodes"], node, kDigitalFile)["dff"];
        out.dff_leakage_w[node] = dff["leakage_w"].as<double>();
        out.dff_energy_pj[node] = dff["energy_pj"].as<double>();
      }
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": " + e.what());
    }
    return out;
  }();
  return p;
}

std::string cell_group(const ArrayRequest& a) {
  std::string g = a.cell.type == CellType::sram ? "sram" : (a.cell.has_access_transistor ? "1t1r" : "xbar");
  if (a.cell.roadmap == Roadmap::high_performance) g += "-hp";
  return a.sequential ? "seq-" + g : g;
}

Inputs inputs(const ArrayRequest& a, int node) {
  Inputs in;
  in.a = &a;
  in.node = node;
  in.supply = supply_voltage(a, node);
  in.feature_um = feature_size_um(node);
  const NodeDevices& d = node_devices(node);
  in.device = a.cell.roadmap == Roadmap::high_performance ? d.hp : d.lstp;
  if (a.threshold_voltage > 0) in.device.vt = a.threshold_voltage;
  in.mux = std::max(1, (a.cols + a.cols_active_at_once - 1) / a.cols_active_at_once);
  if (a.cell.type == CellType::sram && !a.sequential) in.row_switch = sram_row_switch(a, node, in.supply);
  return in;
}

double node_scale(const std::string& name, int from, int to) {
  auto area = [](int n) { return (is_finfet(n) ? 296.8 : 212.8) * feature_size_um(n) * feature_size_um(n); };
  if (name.find("area") != std::string::npos) return area(to) / area(from);
  if (name.find("leak") != std::string::npos) return periphery().dff_leakage_w.at(to) / periphery().dff_leakage_w.at(from);
  return periphery().dff_energy_pj.at(to) / periphery().dff_energy_pj.at(from);
}

// The coefficients of `m` for the query's cell group: the group's own at `node` or at its
// nearest node (then `fitted_node` names it), else the group without the sequential / HP
// qualifiers.
const std::vector<double>& coefficients(const Model& m, const std::string& name, const ArrayRequest& a, int node,
                                        int& fitted_node) {
  std::string group = cell_group(a);
  for (;;) {
    if (auto g = m.coefficients.find(group); g != m.coefficients.end()) {
      const auto& nodes = g->second;
      auto best = nodes.begin();
      for (auto it = nodes.begin(); it != nodes.end(); ++it)
        if (std::abs(it->first - node) < std::abs(best->first - node)) best = it;
      fitted_node = best->first;
      return best->second;
    }
    if (group.rfind("seq-", 0) == 0) group = group.substr(4);
    else if (group.size() > 3 && group.compare(group.size() - 3, 3, "-hp") == 0) group.resize(group.size() - 3);
    else throw Declined("NeuroSim plug-in: no periphery data for " + name + " with " + cell_group(a) + " cells");
  }
}

// sum_k c_k f_k (+ activity sum_k a_k g_k), the features evaluated at the node whose
// coefficients are used and the result scaled to `in.node` by the DFF (energies) or the
// inverter area (areas).
double evaluate(const std::string& name, const Inputs& in, double activity = 0) {
  const Model& m = periphery().models.at(name);
  int fitted = in.node;
  const std::vector<double>& c = coefficients(m, name, *in.a, in.node, fitted);
  const Inputs at = fitted == in.node ? in : inputs(*in.a, fitted);
  double sum = 0;
  size_t k = 0;
  for (const Feature& f : m.base) sum += c.at(k++) * f(at);
  for (const Feature& f : m.activity) sum += activity * c.at(k++) * f(at);
  return fitted == in.node ? sum : sum * node_scale(name, fitted, in.node);
}


// Leakage in DFF leakages (data/neurosim/digital.yaml) at the query's supply and roadmap.
double dff_leakages_w(const Inputs& in, double count) {
  double w = periphery().dff_leakage_w.at(in.node) * in.supply / node_devices(in.node).vdd * count;
  if (in.a->cell.roadmap == Roadmap::high_performance) w *= periphery().hp_leakage_ratio.at(in.node);
  return w;
}

double decoder_leakage_dff(int mux) {
  if (mux < 2) return 0;
  const std::vector<double>& t = periphery().decoder_leakage;
  const size_t bits = static_cast<size_t>(std::ceil(std::log2(mux)));
  if (bits < t.size()) return t[bits];
  return t.back() * std::pow(2.0, static_cast<double>(bits - (t.size() - 1)));  // one more gate per output
}

double non_negative(double x) { return std::max(x, 0.0); }

}  // namespace

DriverValues row_drivers(const ArrayRequest& a, int node) {
  const Inputs in = inputs(a, node);
  const bool rram = a.cell.type == CellType::rram && !a.sequential;
  DriverValues v;
  if (rram) {
    v = rram_row_driver_energies(a, node);
  } else {
    const bool sram_switch = a.cell.type == CellType::sram && !a.sequential;
    const std::string read = sram_switch ? "sram_row_read" : "row_read";
    // The SRAM switch model is fitted on the read as a whole (off and on are not separable in
    // its answers): off and on are not clamped one by one.
    const double off = sram_switch ? evaluate(read, in, 0) : non_negative(evaluate(read, in, 0));
    const double on = sram_switch ? evaluate(read, in, 1) : non_negative(evaluate(read, in, 1));
    v.read_hi = v.read_lo = {on, off};
    v.write_hi.on_pj = v.write_lo.on_pj = non_negative(evaluate(sram_switch ? "sram_row_write" : "row_write", in));
  }
  // A voltage DAC of b bits adds 2^(b-1) - 1 copies of the drivers (1T1R RRAM arrays only).
  const bool one_t_one_r = a.cell.type == CellType::rram && a.cell.has_access_transistor;
  const double copies = one_t_one_r ? std::pow(2.0, a.voltage_dac_bits - 1) : 1.0;
  const double per_column = a.cell.type == CellType::sram ? periphery().sram_row_leakage_per_column : 0;
  v.leakage_w = dff_leakages_w(in, a.rows + per_column * a.cols) * copies;
  if (a.sequential) v.area_um2 = evaluate("row_area", in);
  else if (a.cell.type == CellType::sram) v.area_um2 = sram_row_driver_area_um2(a, node, in.supply);
  else v.area_um2 = rram_row_driver_area_um2(a, node, in.supply);
  v.area_um2 *= copies;
  return v;
}

DriverValues col_drivers(const ArrayRequest& a, int node) {
  const Inputs in = inputs(a, node);
  if (a.cell.type == CellType::sram) {
    DriverValues v = sram_col_drivers(a, node);
    if (v.area_um2 > 0) v.leakage_w = dff_leakages_w(in, decoder_leakage_dff(in.mux));
    return v;
  }
  DriverValues v;
  const double read = rram_col_driver_read_pj(a, node);
  v.read_lo = v.read_hi = {read, read};  // the columns are read whatever the input
  v.write_hi.on_pj = v.write_lo.on_pj = non_negative(evaluate("col_write", in));
  v.leakage_w = dff_leakages_w(in, a.cols + decoder_leakage_dff(in.mux));
  v.area_um2 = rram_column_driver_area_um2(a, node, in.supply);
  return v;
}

AdcValues array_adc(const ArrayRequest& a, int node) {
  AdcValues v;
  if (a.adc_resolution <= 0) return v;
  v.energy_pj = adc_energy_pj(a, node);
  v.area_um2 = adc_area_um2(a, node);
  v.leakage_w = adc_leakage_w(a, node);
  return v;
}

}  // namespace cimloop::estimators::neurosim
