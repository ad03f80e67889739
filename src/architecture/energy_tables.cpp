#include "src/architecture/energy_tables.hpp"

#include <algorithm>
#include <initializer_list>

namespace cimloop::arch {
namespace {

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

void apply_to_network(NetworkSpec& network, const std::map<std::string, std::vector<ActionEntry>>& actions) {
  for (const auto& [action, entries] : actions) {
    auto& energies = network.action_energies[action];
    for (const ActionEntry& entry : entries) {
      auto argument = entry.arguments.find(network.multicast_factor_argument);
      const std::int64_t factor = argument == entry.arguments.end() ? NetworkSpec::kNoFactor
                                                                     : static_cast<std::int64_t>(argument->second);
      auto [it, inserted] = energies.emplace(factor, entry.energy);
      if (!inserted) it->second = std::max(it->second, entry.energy);
    }
  }
}

void apply_to_networks(ArchSpec& spec, const EnergyTable& table) {
  const double* wire_energy = nullptr;
  for (const char* wire : {"wire", "Wire"}) {
    if (const auto* actions = find_component(table, wire); actions && !wire_energy) {
      wire_energy = find_action(*actions, {"transfer_random"});
    }
  }
  for (NetworkSpec& network : spec.networks) {
    if (network.network_class == NetworkClass::Legacy) {
      if (!network.user_defined && wire_energy) network.wire_energy = *wire_energy;
      continue;
    }
    auto it = table.entries.find(network.name);
    if (it != table.entries.end()) apply_to_network(network, it->second);
  }
}

}  // namespace

const double* find_action(const std::map<std::string, double>& actions, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = actions.find(name);
    if (it != actions.end()) return &it->second;
  }
  return nullptr;
}

void apply_energy_table(ArchSpec& spec, const EnergyTable& table) {
  apply_to_networks(spec, table);
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
