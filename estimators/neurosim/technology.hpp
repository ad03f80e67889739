#pragma once
// The technology nodes NeuroSim has device data for, and the plug-in's linear blend of the
// two nodes around any other node in [7, 130] nm.
#include <array>
#include <string>

#include <yaml-cpp/yaml.h>

namespace cimloop::estimators::neurosim {

inline constexpr std::array<int, 9> kNodes = {7, 10, 14, 22, 32, 45, 65, 90, 130};

// technology = lo + weight_hi x (hi - lo); lo == hi (weight 0) on a node.
struct NodeBlend {
  int lo = 0;
  int hi = 0;
  double weight_hi = 0;
};

// Requires kNodes.front() <= nm <= kNodes.back().
NodeBlend blend(int technology_nm);

// FinFET nodes (14 nm and below) lay gates out on a taller cell.
bool is_finfet(int node);
double feature_size_um(int node);

// The entry of `table` (a map keyed by node in nm) for `node`; throws InputError naming
// `file` when the data file lacks it.
YAML::Node node_entry(const YAML::Node& table, int node, const std::string& file);

// A transistor's on-resistance: a V / (width (V - vt)^2), width in F (fins at FinFET nodes).
struct Transistor {
  double a = 0;
  double vt = 0;
  double on_resistance(double width, double supply) const;
};

// Device constants of one node (data/neurosim/technology.yaml).
struct NodeDevices {
  int node = 0;
  double vdd = 0;
  double fin_pitch_f = 0;  // FinFET nodes only
  double sram_leakage_lstp = 0, sram_leakage_hp = 0;  // W per F of width per V
  Transistor lstp, hp;
  double sram_write_capacitive[3] = {0, 0, 0};
  // Width a device of `width_f` F has in the on-resistance: fins at FinFET nodes.
  double effective_width(double width_f) const;
};

const NodeDevices& node_devices(int node);
// Wire resistance in series with a cell per F of bitline and wordline length (ohm / F).
double rram_wire_ohm_per_f();

// NeuroSim prints its results with 7 significant digits and the plug-in reads the printout.
double printed(double value);

}  // namespace cimloop::estimators::neurosim
