#include "estimators/technology/technology.hpp"

#include <cmath>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace cimloop::estimators {
namespace {

struct Scaling {
  std::vector<double> nodes;               // descending nm
  std::vector<double> energy;              // P(V) per node
  std::vector<std::vector<double>> area;   // [from][to]
};

const Scaling& scaling() {
  static const Scaling table = [] {
    Scaling s;
    YAML::Node root = load_data_file("technology_scaling.yaml");
    const double v = root["voltage"].as<double>();
    for (const YAML::Node& node : root["nodes"]) {
      s.nodes.push_back(node.as<double>());
      const YAML::Node q = root["energy_quadratic"][node.Scalar()];
      s.energy.push_back(q[0].as<double>() * std::pow(v, 2) + q[1].as<double>() * v + q[2].as<double>());
      s.area.push_back(root["area_factor"][node.Scalar()].as<std::vector<double>>());
    }
    return s;
  }();
  return table;
}

// The node's (fractional) index in the descending node list, as the library plug-in computes
// it; nullopt outside the list.
std::optional<double> node_index(double nm) {
  const std::vector<double>& nodes = scaling().nodes;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nm == nodes[i]) return static_cast<double>(i);
  }
  for (size_t larger = 0; larger + 1 < nodes.size(); ++larger) {
    const double l = nodes[larger], s = nodes[larger + 1];
    if (nm < l && nm > s) return static_cast<double>(larger) + (nm - s) / (l - s);
  }
  return std::nullopt;
}

double interpolate(const std::vector<double>& values, double index) {
  const size_t low = static_cast<size_t>(std::floor(index));
  const double t = index - static_cast<double>(low);
  if (t == 0) return values[low];
  return values[low] + (values[low + 1] - values[low]) * t;
}

}  // namespace

std::optional<double> technology_nm(const Value* technology) {
  if (!technology) return std::nullopt;
  return technology->numeric();
}

std::optional<double> energy_scaling(double from, double to) {
  if (from == to) return 1.0;
  std::optional<double> a = node_index(from), b = node_index(to);
  if (!a || !b) return std::nullopt;
  return interpolate(scaling().energy, *b) / interpolate(scaling().energy, *a);
}

std::optional<double> area_scaling(double from, double to) {
  if (from == to) return 1.0;
  std::optional<double> a = node_index(from), b = node_index(to);
  if (!a || !b) return std::nullopt;
  const std::vector<std::vector<double>>& area = scaling().area;
  const size_t row = static_cast<size_t>(std::floor(*a));
  const double t = *a - static_cast<double>(row);
  const double upper = interpolate(area[row], *b);
  return t == 0 ? upper : upper + (interpolate(area[row + 1], *b) - upper) * t;
}

}  // namespace cimloop::estimators
