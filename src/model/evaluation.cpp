#include "src/model/evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "src/model/level_traffic.hpp"
#include "src/model/mapping_checks.hpp"
#include "src/model/network_energy.hpp"

namespace cimloop::model {
namespace {

std::int64_t vector_accesses(std::int64_t count, std::int64_t block) {
  return count == 0 ? 0 : (count + block - 1) / block;
}

// Timeloop's legacy network statistics of the traffic a level serves to its children.
NetworkDataSpaceStats network_stats(const TrafficCounts& c, const nest::MulticastHistogram& histogram,
                                    bool read_write) {
  NetworkDataSpaceStats network;
  network.fanout = c.fanout;
  network.ingresses = histogram;
  network.link_transfers = c.links;
  double accesses = 0, hops = 0, reductions = 0;
  for (const nest::MulticastEntry& entry : histogram) {
    if (!(entry.accesses > 0)) continue;
    network.multicast_factor = std::max(network.multicast_factor, entry.multicast);
    accesses += entry.accesses;
    hops += entry.hops;
    if (read_write) reductions += static_cast<double>(entry.multicast - 1) * entry.accesses;
  }
  network.spatial_reductions = static_cast<std::int64_t>(reductions);
  network.average_hops = accesses > 0 ? hops / accesses : 0;
  return network;
}

std::int64_t operation_count(const workload::Workload& workload) {
  std::int64_t operations = 1;
  for (std::int64_t bound : workload.bounds) operations *= bound;
  return operations;
}

std::int64_t temporal_iterations(const mapping::Mapping& mapping) {
  std::int64_t iterations = 1;
  for (const mapping::Loop& loop : mapping.loops)
    if (!loop.spatial()) iterations *= loop.factor;
  return iterations;
}

bool env_flag(const char* name, bool default_value) {
  const char* value = std::getenv(name);
  if (!value) return default_value;
  return std::strcmp(value, "0") != 0;
}

// Leakage of every level over `cycles`, added to each level's energy.
void add_leakage(const arch::ArchSpec& arch, std::int64_t cycles, std::vector<BufferStats>& storage) {
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    const arch::BufferSpec& spec = arch.storage[i];
    BufferStats& stats = storage[i];
    const int gate = spec.power_gated_at < 0 ? i : spec.power_gated_at;
    const double sharing = static_cast<double>(spec.instances) / static_cast<double>(arch.storage[gate].instances);
    const double used = static_cast<double>(std::max<std::int64_t>(1, stats.replication));
    double leaking = used;
    stats.instances_sharing_power_gating = 1.0;
    stats.non_power_gated_utilization = 1.0;
    if (sharing > 1) {
      leaking = sharing * static_cast<double>(std::max<std::int64_t>(1, storage[gate].replication));
      stats.instances_sharing_power_gating = sharing;
      stats.non_power_gated_utilization = used / leaking;
    }
    stats.leakage_energy = spec.leak_energy * leaking * static_cast<double>(cycles);
    stats.energy += stats.leakage_energy;
  }
}

}  // namespace

double bandwidth_scale(const arch::BufferSpec& spec, const std::string& data_space) {
  for (const auto& [name, scale] : spec.bandwidth_consumption_scale)
    if (name == data_space) return scale;
  return 1.0;
}

double bandwidth_slowdown(const arch::BufferSpec& spec, double read_demand, double write_demand) {
  double slowdown = 1.0;
  if (spec.read_bandwidth && read_demand > 0) slowdown = std::min(slowdown, *spec.read_bandwidth / read_demand);
  if (spec.write_bandwidth && write_demand > 0) slowdown = std::min(slowdown, *spec.write_bandwidth / write_demand);
  if (spec.shared_bandwidth && read_demand + write_demand > 0) {
    slowdown = std::min(slowdown, *spec.shared_bandwidth / (read_demand + write_demand));
  }
  return slowdown;
}

ModelOptions options_from_environment() {
  ModelOptions options;
  const char* rule = std::getenv("TIMELOOP_DELTA_RULE");
  if (rule && std::strcmp(rule, "head") == 0) options.nest.delta_rule = nest::DeltaRule::Head;
  options.first_read_elision = env_flag("TIMELOOP_ENABLE_FIRST_READ_ELISION", true);
  options.nest.temporal_extrapolation = !env_flag("TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION", false);
  options.nest.link_transfers = !env_flag("TIMELOOP_DISABLE_LINK_TRANSFERS", false);
  options.nest.toroidal_links = env_flag("TIMELOOP_ENABLE_TOROIDAL_LINKS", false);
  options.nest.run_last_iteration = env_flag("TIMELOOP_RUN_LAST_ITERATION", false);
  return options;
}

Evaluator::Evaluator(const arch::ArchSpec& arch, const workload::Workload& workload, ModelOptions options)
    : arch_(arch), workload_(workload), options_(options), nest_(workload) {}

// Per data space counts and energies of storage level `level`; bandwidth demand sets the
// level's slowdown and cycles. Leakage needs the final cycle count and is added later.
void Evaluator::fill_buffer(int level, const nest::LevelTraffic& traffic, std::int64_t compute_cycles) {
  const arch::BufferSpec& spec = arch_.storage[level];
  BufferStats& stats = result_.storage[level];
  const int spaces = workload_.num_data_spaces();
  const TrafficCounts* counts = &counts_[level * spaces];
  stats.replication = traffic.replication;
  const std::int64_t expansion = traffic.expansion_x * traffic.expansion_y;
  const std::int64_t clusters = std::min(expansion, spec.instances / spec.cluster_size);
  const double cluster_share = static_cast<double>(expansion) / static_cast<double>(clusters);
  double read_demand = 0, write_demand = 0;
  stats.energy = 0;
  stats.scalar_accesses = 0;
  for (int t = 0; t < spaces; ++t) {
    const TrafficCounts& c = counts[t];
    DataSpaceStats& ds = stats.data_spaces[t];
    ds = DataSpaceStats{};
    ds.kept = mapping_keep_ >> t & 1u;
    ds.partition_size = c.partition;
    ds.utilized_capacity = c.size;
    ds.utilized_instances = traffic.replication;
    ds.utilized_clusters = clusters;
    ds.reads = c.reads;
    ds.fills = c.fills;
    ds.updates = c.updates;
    ds.temporal_reductions = c.temporal_reductions;
    ds.address_generations = c.address_generations;
    const double cluster_energy =
        static_cast<double>(vector_accesses(c.reads, spec.block_size)) * spec.read_energy +
        static_cast<double>(vector_accesses(c.fills, spec.block_size)) * spec.fill_energy +
        static_cast<double>(vector_accesses(c.updates, spec.block_size)) * spec.update_energy;
    ds.energy_per_instance = cluster_energy / cluster_share;
    ds.energy = ds.energy_per_instance * static_cast<double>(traffic.replication);
    const std::int64_t scalars = c.reads + c.fills + c.updates;
    // Timeloop divides 0 by 0 for a kept tensor nothing accesses (printed "-nan").
    ds.energy_per_scalar_access = scalars == 0 ? -std::numeric_limits<double>::quiet_NaN()
                                               : ds.energy_per_instance / static_cast<double>(scalars);
    const double address_energy = spec.addr_gen_energy.value_or(0.0);
    ds.address_generation_energy_per_cluster = static_cast<double>(c.address_generations) * address_energy;
    ds.address_generation_energy = ds.address_generation_energy_per_cluster * static_cast<double>(clusters);
    stats.energy += ds.energy + ds.temporal_reduction_energy + ds.address_generation_energy;
    stats.scalar_accesses += static_cast<std::int64_t>(static_cast<double>(traffic.replication) * static_cast<double>(scalars));
    ds.bandwidth_scale = bandwidth_scale(spec, workload_.data_spaces[t].name);
    const double cycles = static_cast<double>(compute_cycles);
    ds.read_bandwidth = static_cast<double>(c.reads) / cycles * ds.bandwidth_scale;
    ds.write_bandwidth = static_cast<double>(c.fills + c.updates) / cycles * ds.bandwidth_scale;
    if (options_.nest.network_statistics) {
      stats.network[t] = network_stats(c, histograms_[level * spaces + t], workload_.data_spaces[t].read_write);
    }
    read_demand += ds.read_bandwidth;
    write_demand += ds.write_bandwidth;
  }
  const double slowdown = bandwidth_slowdown(spec, read_demand, write_demand);
  for (int t = 0; t < spaces; ++t) {
    stats.data_spaces[t].read_bandwidth *= slowdown;
    stats.data_spaces[t].write_bandwidth *= slowdown;
  }
  stats.slowdown = slowdown;
  stats.cycles = static_cast<std::int64_t>(std::ceil(static_cast<double>(compute_cycles) / slowdown));
}

void add_totals(const arch::ArchSpec& arch, EvalResult& r) {
  std::int64_t cycles = r.arithmetic.cycles;
  for (const BufferStats& level : r.storage) cycles = std::max(cycles, level.cycles);
  add_leakage(arch, cycles, r.storage);
  r.energy = r.arithmetic.energy;
  double latency = 0;
  for (const NetworkStats& network : r.networks) r.energy += network.energy;
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    r.energy += r.storage[i].energy;
    latency += arch.storage[i].network_fill_latency + arch.storage[i].network_drain_latency;
  }
  r.cycles = cycles + static_cast<std::int64_t>(latency);
}

void add_operational_intensity(const arch::ArchSpec& arch, const workload::Workload& workload, bool first_read_elision,
                               EvalResult& r) {
  const int spaces = workload.num_data_spaces();
  const int levels = arch.num_storage_levels();
  std::int64_t outputs = 0;
  r.min_traffic = 0;
  for (int t = 0; t < spaces; ++t) {
    for (int i = levels - 1; i >= 0; --i) {
      const std::int64_t capacity = r.storage[i].data_spaces[t].utilized_capacity;
      if (capacity == 0) continue;
      r.min_traffic += capacity;
      if (workload.data_spaces[t].read_write) outputs += capacity;
      break;
    }
  }
  r.elementwise_ops = r.arithmetic.computes;
  r.reduction_ops = first_read_elision ? r.arithmetic.computes - outputs : r.arithmetic.computes;
  r.total_ops = r.elementwise_ops + r.reduction_ops;
  const std::int64_t bytes = arch.storage[levels - 1].word_bits * r.min_traffic / 8;
  r.optimal_op_per_byte = bytes == 0 ? 0 : static_cast<double>(r.total_ops) / static_cast<double>(bytes);
}

const EvalResult& Evaluator::evaluate(const mapping::Mapping& mapping) {
  EvalResult& r = result_;
  const int levels = arch_.num_storage_levels();
  r.valid = false;
  r.failed_level.clear();
  r.failure.clear();
  r.storage.resize(levels);

  MappingCheck check = check_mapping(arch_, workload_, mapping);
  if (!check.valid) {
    r.failed_level = std::move(check.level);
    r.failure = std::move(check.reason);
    return r;
  }
  const nest::NestResult& nest = nest_.run(mapping, options_.nest);
  compute_traffic_counts(nest, mapping, workload_, options_.first_read_elision, counts_,
                         options_.nest.network_statistics ? &histograms_ : nullptr);

  ArithmeticStats& arithmetic = r.arithmetic;
  arithmetic.utilized_instances = nest.compute_replication;
  if (mapping.imperfect()) {
    // The simulation follows the first child of each fan-out; with residuals the others do
    // less, so count every operation of the workload once, and a cycle per temporal iteration.
    arithmetic.computes = operation_count(workload_);
    arithmetic.cycles = temporal_iterations(mapping);
  } else {
    arithmetic.computes =
        static_cast<std::int64_t>(nest.compute_accesses * static_cast<double>(nest.compute_replication));
    arithmetic.cycles = (arithmetic.computes + nest.compute_replication - 1) / nest.compute_replication;
  }
  arithmetic.energy = static_cast<double>(arithmetic.computes) * arch_.arithmetic.energy_per_op;
  arithmetic.area = arch_.arithmetic.area * static_cast<double>(arch_.arithmetic.instances);

  for (int i = 0; i < levels; ++i) {
    mapping_keep_ = mapping.keep[i];
    fill_buffer(i, nest.levels[i], arithmetic.cycles);
  }
  if (options_.nest.network_statistics) {
    evaluate_networks(arch_, workload_, r);
  } else {
    r.networks.clear();
  }
  add_totals(arch_, r);
  r.utilization = static_cast<double>(arithmetic.computes) / static_cast<double>(arch_.arithmetic.instances) /
                  static_cast<double>(r.cycles);
  add_operational_intensity(arch_, workload_, options_.first_read_elision, r);
  r.valid = true;
  return r;
}

EvalResult evaluate(const arch::ArchSpec& arch, const workload::Workload& workload, const mapping::Mapping& mapping,
                    const ModelOptions& options) {
  Evaluator evaluator(arch, workload, options);
  return evaluator.evaluate(mapping);
}

}  // namespace cimloop::model
