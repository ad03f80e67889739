#include "estimators/neurosim/sram_periphery.hpp"

#include <cmath>
#include <map>
#include <vector>

#include "estimators/neurosim/memory_cell.hpp"
#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr const char* kFile = "neurosim/sram_periphery.yaml";
constexpr const char* kDigitalFile = "neurosim/digital.yaml";

// One node's pass-gate and decoder constants for one device roadmap.
struct Devices {
  double area_per_width_f2 = 0;  // k
  double energy_per_width = 0;   // e, pJ / V^2
  double decoder_per_output = 0; // d, pJ / V^2
};

// Constants of one layout family (planar or FinFET).
struct Family {
  double overhead_f2 = 0;
  double min_gate_f2 = 0;
  double inverter_f2 = 0;
  std::vector<double> decoder_lstp, decoder_hp;  // inverter areas by address bits
};

struct SramPeriphery {
  Family planar, finfet;
  int fold_fins = 0;
  double fins_saved_per_finger = 0;
  std::map<int, Devices> lstp, hp;
  double write_lstp = 0, write_hp = 0;  // pJ / V^2 at 65 nm
  std::map<int, double> kappa_lstp;      // pass-gate energy slope in ln V
};

Devices devices(const YAML::Node& n) {
  const auto v = n.as<std::vector<double>>();
  if (v.size() != 3) throw InputError(std::string(kFile) + ": a roadmap entry needs [k, e, d]");
  return {v[0], v[1], v[2]};
}

Family family(const YAML::Node& layout, const YAML::Node& decoders, const YAML::Node& gates, const char* name) {
  Family f;
  f.overhead_f2 = layout["overhead_f2"][name].as<double>();
  f.min_gate_f2 = layout["min_gate_f2"][name].as<double>();
  f.inverter_f2 = gates[name]["inv"].as<double>();
  f.decoder_lstp = decoders[name]["lstp"].as<std::vector<double>>();
  f.decoder_hp = decoders[name]["hp"].as<std::vector<double>>();
  return f;
}

const SramPeriphery& data() {
  static const SramPeriphery p = [] {
    SramPeriphery out;
    try {
      const YAML::Node root = load_data_file(kFile);
      const YAML::Node gates = load_data_file(kDigitalFile)["gate_area_f2"];
      const YAML::Node layout = root["layout"];
      out.planar = family(layout, root["decoder_area_inverters"], gates, "planar");
      out.finfet = family(layout, root["decoder_area_inverters"], gates, "finfet");
      out.fold_fins = layout["fold_fins"].as<int>();
      out.fins_saved_per_finger = layout["fins_saved_per_finger"].as<double>();
      for (int node : kNodes) {
        const YAML::Node n = node_entry(root["nodes"], node, kFile);
        out.lstp[node] = devices(n["lstp"]);
        out.hp[node] = devices(n["hp"]);
      }
      out.write_lstp = root["write_per_v2_65nm"]["lstp"].as<double>();
      out.write_hp = root["write_per_v2_65nm"]["hp"].as<double>();
      for (const auto& kv : root["pass_gate_kappa_lstp"]) out.kappa_lstp[kv.first.as<int>()] = kv.second.as<double>();
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": " + e.what());
    }
    return out;
  }();
  return p;
}

bool high_performance(const ArrayRequest& a) { return a.cell.roadmap == Roadmap::high_performance; }

const Devices& node_constants(const ArrayRequest& a, int node) {
  return (high_performance(a) ? data().hp : data().lstp).at(node);
}

// Width of one column's pass gate in F (fins at FinFET nodes): the access width of every row,
// folded at FinFET nodes into fingers that share diffusion.
double pass_gate_width(const ArrayRequest& a, int node) {
  const double width = a.rows * node_devices(node).effective_width(a.cell.access_cmos_width_f);
  if (!is_finfet(node) || width <= 0) return width;
  const double fingers = std::ceil(width / data().fold_fins);
  return fingers > 1 ? width - data().fins_saved_per_finger * fingers : width;
}

// Decoder area in inverter areas; beyond the table each further bit doubles the outputs.
double decoder_inverters(const std::vector<double>& table, int bits) {
  if (bits < static_cast<int>(table.size())) return table[static_cast<size_t>(bits)];
  return table.back() * std::pow(2.0, bits - static_cast<int>(table.size()) + 1);
}

}  // namespace

double sram_pass_gate_voltage_factor(const ArrayRequest& a, int node, double supply) {
  if (high_performance(a)) return 1;
  const auto it = data().kappa_lstp.find(node);
  return it == data().kappa_lstp.end() ? 1 : 1 + it->second * std::log(supply);
}

DriverValues sram_col_drivers(const ArrayRequest& a, int node) {
  DriverValues v;
  const int mux = (a.cols + a.cols_active_at_once - 1) / a.cols_active_at_once;
  if (mux <= 1 || a.sequential) return v;
  const int bits = static_cast<int>(std::ceil(std::log2(mux)));
  const Family& fam = is_finfet(node) ? data().finfet : data().planar;
  const Devices& dev = node_constants(a, node);
  const double f2 = feature_size_um(node) * feature_size_um(node);
  const double width = pass_gate_width(a, node);

  // A cell without an access device (width 0) gets no pass gate, only the column's overhead.
  const double gate = width > 0 ? std::max(dev.area_per_width_f2 * width, fam.min_gate_f2) : 0;
  const double gate_f2 = gate + fam.overhead_f2;
  const auto& table = high_performance(a) ? fam.decoder_hp : fam.decoder_lstp;
  v.area_um2 = (a.cols * gate_f2 + decoder_inverters(table, bits) * fam.inverter_f2) * f2;

  // One column read switches its pass gate; the decoder switches once per mux position.
  const double supply = supply_voltage(a, node);
  const double v2 = supply * supply;
  const double decoder_switches = std::pow(2.0, bits) * mux / a.cols;
  const double pass_gates = dev.energy_per_width * width * sram_pass_gate_voltage_factor(a, node, supply);
  const double read = v2 * (pass_gates + dev.decoder_per_output * decoder_switches);
  v.read_hi = v.read_lo = {read, read};
  const double write_65 = high_performance(a) ? data().write_hp : data().write_lstp;
  const double write = v2 * write_65 * dev.energy_per_width / node_constants(a, 65).energy_per_width;
  v.write_hi.on_pj = v.write_lo.on_pj = write;
  return v;
}

}  // namespace cimloop::estimators::neurosim
