#include "estimators/technology.hpp"

#include <map>

#include <yaml-cpp/yaml.h>

namespace cimloop::estimators {
namespace {

struct Node {
  double energy;  // quadratic at the reference voltage
  double relative_area;
};

const std::map<double, Node>& nodes() {
  static const std::map<double, Node> table = [] {
    std::map<double, Node> t;
    YAML::Node root = load_data_file("technology_scaling.yaml");
    double v = root["voltage"].as<double>();
    for (const auto& kv : root["nodes"]) {
      const YAML::Node q = kv.second["energy_quadratic"];
      double energy = q ? q[0].as<double>() * v * v + q[1].as<double>() * v + q[2].as<double>()
                        : kv.second["energy_at_voltage"].as<double>();
      t[kv.first.as<double>()] = {energy, kv.second["relative_area"].as<double>()};
    }
    return t;
  }();
  return table;
}

std::optional<double> ratio(double from, double to, double Node::*field) {
  if (from == to) return 1.0;
  auto a = nodes().find(from), b = nodes().find(to);
  if (a == nodes().end() || b == nodes().end()) return std::nullopt;
  return b->second.*field / a->second.*field;
}

}  // namespace

std::optional<double> technology_nm(const Value* technology) {
  if (!technology) return std::nullopt;
  return technology->numeric();
}

std::optional<double> energy_scaling(double from, double to) { return ratio(from, to, &Node::energy); }
std::optional<double> area_scaling(double from, double to) { return ratio(from, to, &Node::relative_area); }

}  // namespace cimloop::estimators
