#include "estimators/neurosim/technology.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <map>

#include "estimators/estimator.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

NodeBlend blend(int nm) {
  const auto hi = std::lower_bound(kNodes.begin(), kNodes.end(), nm);
  if (*hi == nm) return {nm, nm, 0};
  const int lo = *(hi - 1);
  return {lo, *hi, static_cast<double>(nm - lo) / (*hi - lo)};
}

bool is_finfet(int node) { return node <= 14; }

double feature_size_um(int node) { return node * 1e-3; }

YAML::Node node_entry(const YAML::Node& table, int node, const std::string& file) {
  const YAML::Node entry = table[node];
  if (!entry) throw InputError(file + ": no entry for the " + std::to_string(node) + " nm node");
  return entry;
}

namespace {

constexpr const char* kFile = "neurosim/technology.yaml";

struct Technology {
  std::map<int, NodeDevices> nodes;
  double wire_ohm_per_f = 0;
};

Transistor transistor(const YAML::Node& n) { return {n["a"].as<double>(), n["vt"].as<double>()}; }

NodeDevices devices(int node, const YAML::Node& n) {
  NodeDevices d;
  d.node = node;
  d.vdd = n["vdd"].as<double>();
  if (n["fin_pitch_f"]) d.fin_pitch_f = n["fin_pitch_f"].as<double>();
  d.sram_leakage_lstp = n["sram_cell_leakage"]["lstp"].as<double>();
  d.sram_leakage_hp = n["sram_cell_leakage"]["hp"].as<double>();
  d.lstp = transistor(n["transistor"]["lstp"]);
  d.hp = transistor(n["transistor"]["hp"]);
  for (int i = 0; i < 3; ++i) d.sram_write_capacitive[i] = n["sram_write_capacitive"][i].as<double>();
  return d;
}

const Technology& technology() {
  static const Technology t = [] {
    const YAML::Node root = load_data_file(kFile);
    Technology out;
    try {
      out.wire_ohm_per_f = root["rram_wire_ohm_per_f"].as<double>();
      for (int node : kNodes) out.nodes[node] = devices(node, node_entry(root["nodes"], node, kFile));
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": " + e.what());
    }
    return out;
  }();
  return t;
}

}  // namespace

double Transistor::on_resistance(double width, double supply) const {
  const double overdrive = supply - vt;
  return a * supply / (width * overdrive * overdrive);
}

double NodeDevices::effective_width(double width_f) const {
  return fin_pitch_f > 0 ? std::ceil(width_f / fin_pitch_f) : width_f;
}

const NodeDevices& node_devices(int node) { return technology().nodes.at(node); }

double rram_wire_ohm_per_f() { return technology().wire_ohm_per_f; }

double printed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", value);
  return std::strtod(text, nullptr);
}

}  // namespace cimloop::estimators::neurosim
