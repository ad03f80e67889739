#include "src/architecture/energy_tables.hpp"

#include <algorithm>
#include <initializer_list>

#include "compat/timeloop/yaml_values.hpp"
#include "src/architecture/parse_arch.hpp"

namespace cimloop::arch {
namespace {

using compat::fail_at;

YAML::Node unwrap(const YAML::Node& node, const char* key) {
  return node.IsMap() && node[key].IsDefined() ? node[key] : node;
}

void record_action(std::map<std::string, double>& actions, const std::string& name, double energy) {
  auto [it, inserted] = actions.emplace(name, energy);
  if (!inserted) it->second = std::max(it->second, energy);
}

// One action value of the 0.2 map form: a number, {energy: x} or a list of those.
void record_map_form_action(std::map<std::string, double>& actions, const std::string& name,
                            const YAML::Node& value, const compat::ValueReader& reader) {
  if (value.IsSequence()) {
    for (const YAML::Node& item : value) record_map_form_action(actions, name, item, reader);
  } else if (value.IsMap()) {
    record_action(actions, name, reader.to_number(compat::child(value, "energy"), "energy"));
  } else {
    record_action(actions, name, reader.to_number(value, name));
  }
}

const std::map<std::string, double>* find_component(const EnergyTable& table, const std::string& name) {
  auto it = table.components.find(name);
  return it == table.components.end() ? nullptr : &it->second;
}

void apply_to_buffer(BufferSpec& buffer, const std::map<std::string, double>& actions) {
  if (buffer.vector_access_energy_override) return;
  if (const double* e = find_action(actions, {"random_read", "read"})) buffer.read_energy = *e;
  if (const double* e = find_action(actions, {"random_fill", "random_write", "fill", "write"})) buffer.fill_energy = *e;
  if (const double* e = find_action(actions, {"random_update", "random_write", "update", "write"})) {
    buffer.update_energy = *e;
  }
  if (const double* e = find_action(actions, {"leak"})) buffer.leak_energy = *e;
  double max_energy = 0;
  for (const auto& [name, energy] : actions) max_energy = std::max(max_energy, energy);
  buffer.vector_access_energy = max_energy / static_cast<double>(buffer.cluster_size);
  buffer.energy_source = EnergySource::ERT;
}

}  // namespace

const double* find_action(const std::map<std::string, double>& actions, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = actions.find(name);
    if (it != actions.end()) return &it->second;
  }
  return nullptr;
}

EnergyTable parse_ert(const YAML::Node& ert_node, const compat::SourceMap& sources) {
  compat::ValueReader reader(sources);
  const YAML::Node ert = unwrap(ert_node, "ERT");
  const std::string version = reader.text(ert, {"version"}).value_or("");
  if (version != "0.2" && version != "0.3" && version != "0.4") {
    fail_at(sources, ert, "ERT", "Invalid Accelergy ERT version: '" + version + "' (expected 0.2, 0.3 or 0.4)");
  }
  EnergyTable table;
  const YAML::Node tables = compat::child(ert, "tables");
  if (tables.IsMap()) {
    for (const auto& component : tables) {
      auto& actions = table.components[component_base_name(component.first.Scalar())];
      for (const auto& action : component.second) {
        record_map_form_action(actions, action.first.Scalar(), action.second, reader);
      }
    }
  } else if (tables.IsSequence()) {
    for (const YAML::Node& component : tables) {
      auto& actions = table.components[component_base_name(reader.text(component, {"name"}).value_or(""))];
      for (const YAML::Node& action : compat::child(component, "actions")) {
        auto name = reader.text(action, {"name"});
        if (!name) fail_at(sources, action, "actions", "action without a name");
        record_action(actions, *name, reader.to_number(compat::child(action, "energy"), "energy"));
      }
    }
  } else {
    fail_at(sources, ert, "tables", "key not found");
  }
  return table;
}

AreaTable parse_art(const YAML::Node& art_node, const compat::SourceMap& sources) {
  compat::ValueReader reader(sources);
  const YAML::Node art = unwrap(art_node, "ART");
  const std::string version = reader.text(art, {"version"}).value_or("");
  if (version != "0.3" && version != "0.4") {
    fail_at(sources, art, "ART", "Invalid Accelergy ART version: '" + version + "' (expected 0.3 or 0.4)");
  }
  AreaTable table;
  const YAML::Node tables = compat::child(art, "tables");
  if (!tables.IsSequence()) fail_at(sources, art, "tables", "key not found");
  for (const YAML::Node& component : tables) {
    const std::string name = component_base_name(reader.text(component, {"name"}).value_or(""));
    // Timeloop stores areas as float.
    table.components[name] = static_cast<double>(static_cast<float>(reader.to_number(compat::child(component, "area"), "area")));
  }
  return table;
}

void apply_energy_table(ArchSpec& spec, const EnergyTable& table) {
  for (BufferSpec& buffer : spec.storage) {
    if (const auto* actions = find_component(table, buffer.name)) apply_to_buffer(buffer, *actions);
  }
  ArithmeticSpec& arithmetic = spec.arithmetic;
  const auto* actions = find_component(table, arithmetic.name);
  if (actions && !arithmetic.energy_override) {
    if (const double* e = find_action(*actions, {"mac_random", "mult_random", "mac", "mult", "compute"})) {
      arithmetic.energy_per_op = *e;
    }
  }
}

void apply_area_table(ArchSpec& spec, const AreaTable& table) {
  for (BufferSpec& buffer : spec.storage) {
    auto it = table.components.find(buffer.name);
    if (it != table.components.end()) buffer.area = it->second;
    if (buffer.cluster_area) buffer.area = *buffer.cluster_area / static_cast<double>(buffer.cluster_size);
  }
  auto it = table.components.find(spec.arithmetic.name);
  if (it != table.components.end()) spec.arithmetic.area = it->second;
}

}  // namespace cimloop::arch
