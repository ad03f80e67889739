#include "src/model/network_energy.hpp"

#include <cmath>
#include <iterator>
#include <string>
#include <vector>

namespace cimloop::model {
namespace {

using arch::NetworkClass;
using arch::NetworkSpec;

bool carries(const NetworkSpec& network, bool read_write) {
  return (network.connection & (read_write ? arch::kUpdateDrain : arch::kReadFill)) != 0;
}

// Area (um^2) of everything below storage level `level` per instance of its inner neighbour.
double inner_tile_area(const arch::ArchSpec& arch, int level) {
  const double inner_instances = static_cast<double>(
      level == 0 ? arch.arithmetic.instances : arch.storage[level - 1].instances);
  double area = arch.arithmetic.area * static_cast<double>(arch.arithmetic.instances);
  for (int j = 0; j < level; ++j) area += arch.storage[j].area * static_cast<double>(arch.storage[j].instances);
  return area / inner_instances;
}

double ingress_count(const nest::MulticastHistogram& histogram) {
  double ingresses = 0;
  for (const nest::MulticastEntry& entry : histogram) ingresses += entry.accesses;
  return ingresses;
}

// §3.8: wire hops, routers and ingresses per instance, and link transfers.
void price_legacy(const arch::ArchSpec& arch, const NetworkSpec& spec, bool reduced_by_sink,
                  std::int64_t partition, NetworkDataSpaceStats& s) {
  const double tile_width = spec.tile_width ? *spec.tile_width : std::sqrt(inner_tile_area(arch, spec.source_level));
  s.energy_per_hop = spec.energy_per_hop ? *spec.energy_per_hop
                                         : static_cast<double>(spec.word_bits) * (tile_width / 1000.0) *
                                               spec.wire_energy.value_or(0.0);
  double wire_hops = 0, routers = 0;
  for (const nest::MulticastEntry& entry : s.ingresses) {
    if (!(entry.accesses > 0)) continue;
    wire_hops += entry.hops;
    routers += (1.0 + std::floor(entry.hops / entry.accesses)) * entry.accesses;
  }
  double ingresses = ingress_count(s.ingresses);
  // Partial sums drained into a level that cannot reduce are read back and written again,
  // except the first of each element.
  if (!reduced_by_sink && ingresses > 0) ingresses = 2.0 * ingresses - static_cast<double>(partition);
  const double router_energy = spec.router_energy.value_or(0.0);
  s.energy_per_instance = wire_hops * s.energy_per_hop + routers * router_energy +
                          ingresses * spec.ingress_energy.value_or(0.0);
  s.link_transfer_energy_per_instance = s.link_transfers * (s.energy_per_hop + 2.0 * router_energy);
}

// The energies of the network's action for data space `name`: "<action>_<name>" with
// per_datatype_ERT (the plain action when that is missing), then the fallbacks.
const std::map<std::int64_t, double>* action_energies(const NetworkSpec& spec, const std::string& name) {
  std::vector<std::string> candidates;
  if (spec.per_data_space_actions) candidates.push_back(spec.action_name + "_" + name);
  candidates.push_back(spec.action_name);
  if (spec.network_class == NetworkClass::ReductionTree) candidates.push_back("add");
  for (const std::string& action : candidates) {
    auto it = spec.action_energies.find(action);
    if (it != spec.action_energies.end()) return &it->second;
  }
  return nullptr;
}

void price_multicast(const std::map<std::int64_t, double>* energies, NetworkDataSpaceStats& s) {
  if (!energies) return;
  for (const nest::MulticastEntry& entry : s.ingresses)
    if (entry.accesses > 0) s.energy_per_instance += entry.accesses * energy_at_factor(*energies, entry.multicast);
}

// A class of k children holding the same outputs needs a k-operand reduction per element: the
// action's energy at factor k, or k - 1 two-operand reductions without the argument.
void price_reduction_tree(const std::map<std::int64_t, double>* energies, NetworkDataSpaceStats& s) {
  if (!energies) return;
  const bool by_factor = energies->size() > 1 || !energies->count(NetworkSpec::kNoFactor);
  for (const nest::MulticastEntry& entry : s.ingresses) {
    if (!(entry.accesses > 0) || entry.multicast < 2) continue;
    s.spatial_reduction_energy_per_instance +=
        by_factor ? entry.accesses * energy_at_factor(*energies, entry.multicast)
                  : static_cast<double>(entry.multicast - 1) * entry.accesses * energies->at(NetworkSpec::kNoFactor);
  }
}

}  // namespace

double energy_at_factor(const std::map<std::int64_t, double>& energies, std::int64_t factor) {
  if (energies.empty()) return 0;
  if (auto exact = energies.find(factor); exact != energies.end()) return exact->second;
  if (auto any = energies.find(NetworkSpec::kNoFactor); any != energies.end()) return any->second;
  auto above = energies.upper_bound(factor);
  auto nearest = above == energies.begin() ? above : std::prev(above);
  if (nearest->first <= 0) return nearest->second;
  return nearest->second * static_cast<double>(factor) / static_cast<double>(nearest->first);
}

bool prices_networks(const arch::ArchSpec& arch) {
  for (const NetworkSpec& network : arch.networks) {
    if (!network.action_energies.empty() || network.router_energy || network.wire_energy ||
        network.energy_per_hop || network.ingress_energy) {
      return true;
    }
  }
  return false;
}

void evaluate_networks(const arch::ArchSpec& arch, const workload::Workload& workload, EvalResult& result) {
  result.networks.assign(arch.networks.size(), {});
  for (std::size_t n = 0; n < arch.networks.size(); ++n) {
    const NetworkSpec& spec = arch.networks[n];
    if (spec.source_level < 0) continue;
    const BufferStats& level = result.storage[spec.source_level];
    const double replication = static_cast<double>(level.replication);
    NetworkStats& stats = result.networks[n];
    for (int t = 0; t < workload.num_data_spaces(); ++t) {
      const bool read_write = workload.data_spaces[t].read_write;
      if (!carries(spec, read_write)) continue;
      NetworkDataSpaceStats& s = stats.data_spaces[t] = level.network[t];
      switch (spec.network_class) {
        case NetworkClass::Legacy: {
          const bool drained_unreduced = read_write && (spec.connection & arch::kUpdateDrain) &&
                                         !arch.storage[spec.source_level].reduction_supported;
          price_legacy(arch, spec, !drained_unreduced, level.data_spaces[t].partition_size, s);
          break;
        }
        case NetworkClass::SimpleMulticast:
          price_multicast(action_energies(spec, workload.data_spaces[t].name), s);
          break;
        case NetworkClass::ReductionTree:
          if (read_write) price_reduction_tree(action_energies(spec, workload.data_spaces[t].name), s);
          break;
      }
      s.energy = s.energy_per_instance * replication;
      s.link_transfer_energy = s.link_transfer_energy_per_instance * replication;
      s.spatial_reduction_energy = s.spatial_reduction_energy_per_instance * replication;
      stats.energy += s.energy + s.link_transfer_energy + s.spatial_reduction_energy;
    }
  }
}

}  // namespace cimloop::model
