#include "compat/timeloop/network_reader.hpp"

#include <map>

namespace cimloop::compat {
namespace {

using arch::NetworkClass;
using arch::NetworkSpec;

// Attributes shared by every class: word bits and latencies.
void read_common(NetworkSpec& network, const YAML::Node& attrs, const ValueReader& reader, std::int64_t word_bits) {
  network.word_bits = reader.integer(attrs, {"network_word_bits", "word_bits", "datawidth"}).value_or(word_bits);
  network.fill_latency = reader.number(attrs, {"fill_latency"}).value_or(0);
  network.drain_latency = reader.number(attrs, {"drain_latency"}).value_or(0);
}

void read_legacy_energies(NetworkSpec& network, const YAML::Node& attrs, const ValueReader& reader) {
  network.legacy_subtype = reader.text(attrs, {"network_type"}).value_or("");
  network.router_energy = reader.number(attrs, {"router_energy"});
  network.wire_energy = reader.number(attrs, {"wire_energy"});
  network.tile_width = reader.number(attrs, {"tile_width"});
  network.energy_per_hop = reader.number(attrs, {"energy_per_hop"});
  network.ingress_energy = reader.number(attrs, {"energy-per-ingress"});
}

// The inferred network of storage level `level` reads the Legacy keys of that level's own
// attributes; its word bits default to the level's.
NetworkSpec inferred_network(const arch::ArchSpec& spec, int level, const YAML::Node& attrs, const ValueReader& reader) {
  const arch::BufferSpec& outer = spec.storage[level];
  NetworkSpec network;
  network.name = outer.name + " <==> " + (level == 0 ? spec.arithmetic.name : spec.storage[level - 1].name);
  network.word_bits = reader.integer(attrs, {"network_word_bits"}).value_or(outer.word_bits);
  network.fill_latency = reader.number(attrs, {"fill_latency"}).value_or(0);
  network.drain_latency = reader.number(attrs, {"drain_latency"}).value_or(0);
  read_legacy_energies(network, attrs, reader);
  return network;
}

// The network named for one direction by the outer level (`outer_key`) or the inner one
// (`inner_key`); both may name it, but not two different networks. "" when neither does.
struct NamedNetwork {
  std::string name;
  YAML::Node where;
  std::string key;
};

NamedNetwork named_network(const YAML::Node& outer_attrs, const char* outer_key, const YAML::Node& inner_attrs,
                           const char* inner_key, const ValueReader& reader) {
  const std::optional<std::string> outer = reader.text(outer_attrs, {outer_key});
  const std::optional<std::string> inner = reader.text(inner_attrs, {inner_key});
  if (outer && inner && *outer != *inner) {
    fail_at(reader.sources(), reader.find(inner_attrs, {inner_key}), inner_key,
            "names network " + *inner + " but the outer level's " + outer_key + " names " + *outer);
  }
  if (outer) return {*outer, reader.find(outer_attrs, {outer_key}), outer_key};
  if (inner) return {*inner, reader.find(inner_attrs, {inner_key}), inner_key};
  return {};
}

class NetworkConnector {
 public:
  NetworkConnector(arch::ArchSpec& spec, const ValueReader& reader) : spec_(spec), reader_(reader) {}

  // The index of the network carrying `direction` from storage level `level` to its inner
  // neighbour: the named one, or the level's inferred Legacy network.
  int connect(int level, const NamedNetwork& named, unsigned direction, const YAML::Node& level_attrs) {
    int index = named.name.empty() ? inferred(level, level_attrs) : declared(named);
    NetworkSpec& network = spec_.networks[index];
    if (network.source_level >= 0 && network.source_level != level) {
      fail_at(reader_.sources(), named.where, named.key,
              "network " + network.name + " already connects " + spec_.storage[network.source_level].name +
                  " to its inner level; a network connects one pair of adjacent levels");
    }
    network.source_level = level;
    network.connection |= direction;
    return index;
  }

 private:
  int declared(const NamedNetwork& named) {
    for (std::size_t i = 0; i < spec_.networks.size(); ++i)
      if (spec_.networks[i].user_defined && spec_.networks[i].name == named.name) return static_cast<int>(i);
    fail_at(reader_.sources(), named.where, named.key, "network " + named.name + " not found.");
  }

  int inferred(int level, const YAML::Node& level_attrs) {
    auto [it, inserted] = inferred_.emplace(level, static_cast<int>(spec_.networks.size()));
    if (inserted) spec_.networks.push_back(inferred_network(spec_, level, level_attrs, reader_));
    return it->second;
  }

  arch::ArchSpec& spec_;
  const ValueReader& reader_;
  std::map<int, int> inferred_;  // storage level -> network index
};

}  // namespace

bool is_network_class(const std::string& cls) {
  for (const char* key : {"XY_NoC", "Legacy", "ReductionTree", "SimpleMulticast"})
    if (cls.find(key) != std::string::npos) return true;
  return false;
}

NetworkSpec parse_declared_network(const YAML::Node& entry, const std::string& name, const std::string& cls,
                                   const ValueReader& reader) {
  const YAML::Node attributes = child(entry, "attributes");
  const YAML::Node attrs = attributes.IsMap() ? attributes : entry;
  NetworkSpec network;
  network.name = name;
  network.user_defined = true;
  read_common(network, attrs, reader, 16);
  if (cls.find("SimpleMulticast") != std::string::npos || cls.find("ReductionTree") != std::string::npos) {
    const bool multicast = cls.find("SimpleMulticast") != std::string::npos;
    network.network_class = multicast ? NetworkClass::SimpleMulticast : NetworkClass::ReductionTree;
    // Our defaults where the attribute is absent: a multicast prices "transfer" by the number of
    // destinations, a reduction tree "reduce" by the number of operands it adds.
    network.action_name = reader.text(attrs, {"action_name"}).value_or(multicast ? "transfer" : "reduce");
    network.multicast_factor_argument =
        reader.text(attrs, {"multicast_factor_argument"}).value_or(multicast ? "num_destinations" : "num_operands");
    network.per_data_space_actions = reader.boolean(attrs, {"per_datatype_ERT"}).value_or(false);
  } else {
    read_legacy_energies(network, attrs, reader);
  }
  return network;
}

void connect_networks(arch::ArchSpec& spec, std::vector<NetworkSpec> declared,
                      const std::vector<YAML::Node>& storage_attrs, const YAML::Node& arithmetic_attrs,
                      const ValueReader& reader) {
  spec.networks = std::move(declared);
  NetworkConnector connector(spec, reader);
  for (int i = 0; i < spec.num_storage_levels(); ++i) {
    const YAML::Node outer = i < static_cast<int>(storage_attrs.size()) ? storage_attrs[i] : YAML::Node();
    const bool arithmetic = i == 0;
    const YAML::Node inner = arithmetic ? arithmetic_attrs : storage_attrs[i - 1];
    const NamedNetwork read =
        named_network(outer, "network_read", inner, arithmetic ? "network_operand" : "network_fill", reader);
    const NamedNetwork update =
        named_network(outer, "network_update", inner, arithmetic ? "network_result" : "network_drain", reader);
    spec.storage[i].read_network = connector.connect(i, read, arch::kReadFill, outer);
    spec.storage[i].update_network = connector.connect(i, update, arch::kUpdateDrain, outer);
  }
}

}  // namespace cimloop::compat
