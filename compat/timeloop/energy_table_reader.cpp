#include "compat/timeloop/energy_table_reader.hpp"

#include <algorithm>
#include <limits>

#include "compat/timeloop/architecture_reader.hpp"
#include "compat/timeloop/yaml_values.hpp"

namespace cimloop::compat {
namespace {

using arch::AreaTable;
using arch::EnergyTable;

YAML::Node unwrap(const YAML::Node& node, const char* key) {
  return node.IsMap() && node[key].IsDefined() ? node[key] : node;
}

// Energies and areas: 0 is what Accelergy gives a part that costs nothing; a negative, NaN or
// infinite value has no meaning.
double cost(const YAML::Node& value, const std::string& key, const ValueReader& reader) {
  return reader.to_number_at_least(value, key, 0);
}

void record_action(std::map<std::string, double>& actions, const std::string& name, double energy) {
  auto [it, inserted] = actions.emplace(name, energy);
  if (!inserted) it->second = std::max(it->second, energy);
}

// One action value of the 0.2 map form: a number, {energy: x} or a list of those.
void record_map_form_action(std::map<std::string, double>& actions, const std::string& name,
                            const YAML::Node& value, const ValueReader& reader) {
  if (value.IsSequence()) {
    for (const YAML::Node& item : value) record_map_form_action(actions, name, item, reader);
  } else if (value.IsMap()) {
    record_action(actions, name, cost(child(value, "energy"), "energy", reader));
  } else {
    record_action(actions, name, cost(value, name, reader));
  }
}

// The arguments of an ERT entry that are numbers (others cannot be a multicast factor).
std::map<std::string, double> numeric_arguments(const YAML::Node& action) {
  std::map<std::string, double> arguments;
  const YAML::Node node = child(action, "arguments");
  if (!node.IsMap()) return arguments;
  for (const auto& argument : node) {
    double value = 0;
    if (argument.second.IsScalar() && YAML::convert<double>::decode(argument.second, value)) {
      arguments[argument.first.Scalar()] = value;
    }
  }
  return arguments;
}

}  // namespace

EnergyTable parse_ert(const YAML::Node& ert_node, const SourceMap& sources) {
  ValueReader reader(sources);
  const YAML::Node ert = unwrap(ert_node, "ERT");
  const std::string version = reader.text(ert, {"version"}).value_or("");
  if (version != "0.2" && version != "0.3" && version != "0.4") {
    fail_at(sources, ert, "ERT", "Invalid Accelergy ERT version: '" + version + "' (expected 0.2, 0.3 or 0.4)");
  }
  EnergyTable table;
  const YAML::Node tables = child(ert, "tables");
  if (tables.IsMap()) {
    for (const auto& component : tables) {
      const std::string name = component_base_name(component.first.Scalar());
      auto& actions = table.components[name];
      for (const auto& action : component.second) {
        record_map_form_action(actions, action.first.Scalar(), action.second, reader);
        table.entries[name][action.first.Scalar()].push_back({{}, actions[action.first.Scalar()]});
      }
    }
  } else if (tables.IsSequence()) {
    for (const YAML::Node& component : tables) {
      const std::string component_name = component_base_name(reader.text(component, {"name"}).value_or(""));
      auto& actions = table.components[component_name];
      for (const YAML::Node& action : child(component, "actions")) {
        auto name = reader.text(action, {"name"});
        if (!name) fail_at(sources, action, "actions", "action without a name");
        const double energy = cost(child(action, "energy"), "energy", reader);
        record_action(actions, *name, energy);
        table.entries[component_name][*name].push_back({numeric_arguments(action), energy});
      }
    }
  } else {
    fail_at(sources, ert, "tables", "key not found");
  }
  return table;
}

AreaTable parse_art(const YAML::Node& art_node, const SourceMap& sources) {
  ValueReader reader(sources);
  const YAML::Node art = unwrap(art_node, "ART");
  const std::string version = reader.text(art, {"version"}).value_or("");
  if (version != "0.3" && version != "0.4") {
    fail_at(sources, art, "ART", "Invalid Accelergy ART version: '" + version + "' (expected 0.3 or 0.4)");
  }
  AreaTable table;
  const YAML::Node tables = child(art, "tables");
  if (!tables.IsSequence()) fail_at(sources, art, "tables", "key not found");
  for (const YAML::Node& component : tables) {
    const std::string name = component_base_name(reader.text(component, {"name"}).value_or(""));
    // Timeloop stores areas as float, so an area beyond a float's range would read as infinite.
    const YAML::Node area_node = child(component, "area");
    const double area = cost(area_node, "area", reader);
    if (area > std::numeric_limits<float>::max())
      fail_at(sources, area_node, "area", "area " + area_node.Scalar() + " is beyond the range Timeloop stores areas in");
    table.components[name] = static_cast<double>(static_cast<float>(area));
  }
  return table;
}

}  // namespace cimloop::compat
