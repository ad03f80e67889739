#pragma once
// The networks of a Timeloop architecture: components of a network class (XY_NoC/Legacy,
// SimpleMulticast, ReductionTree) that storage levels name in network_read/fill/drain/update
// (the arithmetic in network_operand/result), and the Legacy network "<outer> <==> <inner>"
// Timeloop infers from the outer level's attributes wherever no declared network is named.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/timeloop/yaml_values.hpp"
#include "src/architecture/arch_spec.hpp"

namespace cimloop::compat {

// True when a component class names a network class (checked after buffer and compute).
bool is_network_class(const std::string& cls);

// A declared network component: a tree-form `local` entry or an entry of the legacy form's
// `network` list. Its attributes are under `attributes`, or in the entry itself.
arch::NetworkSpec parse_declared_network(const YAML::Node& entry, const std::string& name, const std::string& cls,
                                         const ValueReader& reader);

// Adds the declared and inferred networks to `spec.networks` and connects every storage level
// to its inner neighbour. `storage_attrs` follows spec.storage; `arithmetic_attrs` holds
// network_operand/result. Throws InputError for unknown or conflicting network names.
void connect_networks(arch::ArchSpec& spec, std::vector<arch::NetworkSpec> declared,
                      const std::vector<YAML::Node>& storage_attrs, const YAML::Node& arithmetic_attrs,
                      const ValueReader& reader);

}  // namespace cimloop::compat
