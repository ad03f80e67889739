#include "estimators/neurosim/digital.hpp"

#include <cmath>
#include <cstdlib>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr const char* kFile = "neurosim/digital.yaml";

// A block of one size (mux decoder by inputs, comparator by bits).
struct Sized {
  double energy_pj = 0;
  double area_inverters = 0;
  double leakage_w = 0;
};
using SizeTable = std::map<int, Sized>;

struct NodeData {
  double dff_energy = 0, dff_leakage = 0;
  double adder_base = 0, adder_per_bit = 0, adder_leakage_per_bit = 0;
  std::optional<double> mux_energy_per_bit;  // with the decoders and comparators, or none
  SizeTable decoders;
  SizeTable comparators;
};

struct GateAreas {
  double inv = 0, nand2 = 0, nor2 = 0;
};

struct Data {
  std::map<int, NodeData> nodes;
  GateAreas planar, finfet;
  std::set<int> nor2_folded;
};

GateAreas gate_areas(const YAML::Node& n) {
  return {n["inv"].as<double>(), n["nand2"].as<double>(), n["nor2"].as<double>()};
}

SizeTable size_table(const YAML::Node& n, double leakage) {
  SizeTable t;
  for (const auto& kv : n) {
    const YAML::Node v = kv.second;
    t[kv.first.as<int>()] = {v["energy_pj"].as<double>(), v["area_inverters"].as<double>(),
                             v["leakage_w"] ? v["leakage_w"].as<double>() : leakage};
  }
  return t;
}

NodeData node_data(const YAML::Node& n) {
  NodeData d;
  d.dff_energy = n["dff"]["energy_pj"].as<double>();
  d.dff_leakage = n["dff"]["leakage_w"].as<double>();
  d.adder_base = n["adder"]["energy_base_pj"].as<double>();
  d.adder_per_bit = n["adder"]["energy_per_bit_pj"].as<double>();
  d.adder_leakage_per_bit = n["adder"]["leakage_per_bit_w"].as<double>();
  if (const YAML::Node mux = n["mux"]) {
    d.mux_energy_per_bit = mux["energy_per_bit_pj"].as<double>();
    d.decoders = size_table(mux["decoders"], 0);
    YAML::Node comparator = YAML::Clone(n["comparator"]);
    const double leakage = comparator["leakage_w"].as<double>();
    comparator.remove("leakage_w");
    d.comparators = size_table(comparator, leakage);
  }
  return d;
}

const Data& data() {
  static const Data d = [] {
    const YAML::Node root = load_data_file(kFile);
    Data out;
    try {
      out.planar = gate_areas(root["gate_area_f2"]["planar"]);
      out.finfet = gate_areas(root["gate_area_f2"]["finfet"]);
      for (const auto& n : root["gate_area_f2"]["nor2_folded_nodes"]) out.nor2_folded.insert(n.as<int>());
      for (int node : kNodes) out.nodes[node] = node_data(node_entry(root["nodes"], node, kFile));
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": " + e.what());
    }
    return out;
  }();
  return d;
}

// Linear in `axis(size)` between the two tabulated sizes around `size` (or the two nearest).
Sized interpolate(const SizeTable& table, int size, double (*axis)(double), std::string& warning,
                  const char* what) {
  if (auto it = table.find(size); it != table.end()) return it->second;
  auto hi = table.upper_bound(size);
  if (hi == table.end()) --hi;
  if (hi == table.begin()) ++hi;
  const auto lo = std::prev(hi);
  const double w = (axis(size) - axis(lo->first)) / (axis(hi->first) - axis(lo->first));
  auto mix = [&](double Sized::*f) { return lo->second.*f + w * (hi->second.*f - lo->second.*f); };
  warning += std::string(what) + " of size " + std::to_string(size) + " interpolated between NeuroSim's sizes; ";
  return {mix(&Sized::energy_pj), mix(&Sized::area_inverters), mix(&Sized::leakage_w)};
}

double linear(double x) { return x; }
double log2_axis(double x) { return std::log2(x); }

// The node whose mux/comparator data stands in for `node`, and the energy and leakage
// factors from it (the ratio of the DFFs of the two nodes).
struct Proxy {
  const NodeData* data;
  double energy_factor = 1;
  double leakage_factor = 1;
};

Proxy mux_proxy(int node, std::string& warning) {
  const NodeData& own = data().nodes.at(node);
  if (own.mux_energy_per_bit) return {&own};
  int best = 0;
  for (const auto& [n, d] : data().nodes)
    if (d.mux_energy_per_bit && (best == 0 || std::abs(n - node) < std::abs(best - node))) best = n;
  const NodeData& other = data().nodes.at(best);
  warning += "mux/comparator at " + std::to_string(node) + " nm estimated from " + std::to_string(best) +
             " nm scaled by the DFF; ";
  return {&other, own.dff_energy / other.dff_energy, own.dff_leakage / other.dff_leakage};
}

double inverter_area_um2(int node) {
  const double f = feature_size_um(node);
  return inverter_area_f2(node) * f * f;
}

BlockValues gate(Component c, int node) {
  const GateAreas& a = is_finfet(node) ? data().finfet : data().planar;
  double f2 = a.inv;
  if (c == Component::nand_gate) f2 = a.nand2;
  if (c == Component::nor_gate) f2 = data().nor2_folded.count(node) ? 2 * a.nand2 : a.nor2;
  const double f = feature_size_um(node);
  return {0, 0, f2 * f * f};
}

BlockValues adder(const NodeData& d, int bits, int node) {
  return {d.adder_base + d.adder_per_bit * bits, d.adder_leakage_per_bit * bits, 13.5 * bits * inverter_area_um2(node)};
}

BlockValues dffs(const NodeData& d, int count, int node) {
  return {d.dff_energy * count, d.dff_leakage * count, 12.0 * count * inverter_area_um2(node)};
}

BlockValues sum(BlockValues a, const BlockValues& b, double times = 1) {
  a.energy_pj += times * b.energy_pj;
  a.leakage_w += times * b.leakage_w;
  a.area_um2 += times * b.area_um2;
  return a;
}

// Levels of two-input adders, each level one bit wider; an odd operand out passes up.
BlockValues adder_tree(const NodeData& d, int bits, int inputs, int node) {
  BlockValues total;
  for (int level = 1, operands = inputs; operands > 1; ++level, operands = (operands + 1) / 2)
    total = sum(total, adder(d, bits + level, node), operands / 2);
  return total;
}

BlockValues sized(const Sized& s, const Proxy& p, int node, double count = 1) {
  return {count * s.energy_pj * p.energy_factor, count * s.leakage_w * p.leakage_factor,
          count * s.area_inverters * inverter_area_um2(node)};
}

BlockValues mux(const DigitalRequest& r, int node, std::string& warning) {
  if (r.n_mux_inputs < 2) throw Declined("NeuroSim plug-in: a mux needs at least 2 inputs");
  const Proxy p = mux_proxy(node, warning);
  BlockValues v = sized(interpolate(p.data->decoders, r.n_mux_inputs, log2_axis, warning, "mux decoder"), p, node);
  v.energy_pj += r.n_bits * *p.data->mux_energy_per_bit * p.energy_factor;
  v.area_um2 += static_cast<double>(r.n_bits) * r.n_mux_inputs * inverter_area_um2(node);
  return v;
}

BlockValues max_pool(const DigitalRequest& r, int node, std::string& warning) {
  const Proxy p = mux_proxy(node, warning);
  const Sized one = interpolate(p.data->comparators, r.n_bits, linear, warning, "comparator");
  return sized(one, p, node, r.pool_window - 1);
}

}  // namespace

double inverter_area_f2(int node) { return (is_finfet(node) ? data().finfet : data().planar).inv; }

BlockValues digital_block(Component c, const DigitalRequest& r, int node, std::string& warning) {
  const NodeData& d = data().nodes.at(node);
  switch (c) {
    case Component::flip_flop: return dffs(d, r.n_bits, node);
    case Component::intadder: return adder(d, r.n_bits, node);
    case Component::shift_add: return sum(adder(d, r.n_bits, node), dffs(d, r.n_bits + r.shift_register_n_bits, node));
    case Component::intadder_tree: return adder_tree(d, r.n_bits, r.n_adder_tree_inputs, node);
    case Component::mux: return mux(r, node, warning);
    case Component::max_pool: return max_pool(r, node, warning);
    case Component::not_gate:
    case Component::nand_gate:
    case Component::nor_gate: return gate(c, node);
    default: break;
  }
  throw Declined("NeuroSim plug-in: not a digital block");
}

}  // namespace cimloop::estimators::neurosim
