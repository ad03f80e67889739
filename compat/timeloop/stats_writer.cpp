#include "compat/timeloop/stats_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>

#include "compat/timeloop/stats_text.hpp"

namespace cimloop::compat {
namespace {

const char* source_name(arch::EnergySource source) {
  switch (source) {
    case arch::EnergySource::ERT:
      return "ERT";
    case arch::EnergySource::User:
      return "user";
    case arch::EnergySource::PAT:
      break;
  }
  return "PAT";
}

void write_arithmetic(StatsText& text, const arch::ArithmeticSpec& spec, const model::ArithmeticStats& stats) {
  write_arithmetic_specs(text, spec);
  text.field(4, 24, "Utilized instances", std::to_string(stats.utilized_instances));
  text.field(4, 24, "Computes (total)", std::to_string(stats.computes));
  text.field(4, 24, "Cycles", std::to_string(stats.cycles));
  text.field(4, 24, "Energy (total)", text.num(stats.energy) + " pJ");
  text.field(4, 24, "Area (total)", text.num(stats.area) + " um^2");
  text.line();
}

void write_buffer_specs(StatsText& text, const arch::BufferSpec& spec, const model::BufferStats& stats) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, 32, label, value); };
  text.line("    SPECS");
  text.line("    -----");
  f("Technology", spec.technology == arch::Technology::DRAM ? "DRAM" : "SRAM");
  f("Size", spec.size ? std::to_string(*spec.size) : "-");
  f("Word bits", std::to_string(spec.word_bits));
  f("Block size", std::to_string(spec.block_size));
  write_buffer_organization(text, spec);
  f("Effective size", spec.effective_size ? std::to_string(*spec.effective_size) : "-");
  f("Min utilization", text.num(spec.min_utilization));
  f("Vector access energy", text.num(spec.vector_access_energy) + " pJ");
  f("Vector access energy source", source_name(spec.energy_source));
  write_buffer_leakage_and_area(text, spec, stats);
}

void write_data_space(StatsText& text, const model::DataSpaceStats& ds, std::int64_t replication) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, 41, label, value); };
  const double instances = static_cast<double>(replication);
  f("Partition size", std::to_string(ds.partition_size));
  f("Utilized capacity", std::to_string(ds.utilized_capacity));
  f("Utilized instances (max)", std::to_string(ds.utilized_instances));
  f("Utilized clusters (max)", std::to_string(ds.utilized_clusters));
  f("Scalar reads (per-instance)", std::to_string(ds.reads));
  f("Scalar fills (per-instance)", std::to_string(ds.fills));
  f("Scalar updates (per-instance)", std::to_string(ds.updates));
  f("Temporal reductions (per-instance)", std::to_string(ds.temporal_reductions));
  f("Address generations (per-cluster)", std::to_string(ds.address_generations));
  f("Energy (per-scalar-access)", text.num(ds.energy_per_scalar_access) + " pJ");
  f("Energy (per-instance)", text.num(ds.energy_per_instance) + " pJ");
  f("Energy (total)", text.num(ds.energy) + " pJ");
  f("Temporal Reduction Energy (per-instance)", text.num(ds.temporal_reduction_energy_per_instance) + " pJ");
  f("Temporal Reduction Energy (total)", text.num(ds.temporal_reduction_energy) + " pJ");
  f("Address Generation Energy (per-cluster)", text.num(ds.address_generation_energy_per_cluster) + " pJ");
  f("Address Generation Energy (total)", text.num(ds.address_generation_energy) + " pJ");
  f("Bandwidth Consumption Scale", text.num(ds.bandwidth_scale));
  const double shared = ds.read_bandwidth + ds.write_bandwidth;
  f("Shared Bandwidth (per-instance)", text.num(shared) + " words/cycle");
  f("Shared Bandwidth (total)", text.num(shared * instances) + " words/cycle");
  f("Read Bandwidth (per-instance)", text.num(ds.read_bandwidth) + " words/cycle");
  f("Read Bandwidth (total)", text.num(ds.read_bandwidth * instances) + " words/cycle");
  f("Write Bandwidth (per-instance)", text.num(ds.write_bandwidth) + " words/cycle");
  f("Write Bandwidth (total)", text.num(ds.write_bandwidth * instances) + " words/cycle");
}

void write_buffer(StatsText& text, const arch::ArchSpec& arch, const workload::Workload& workload,
                  const mapping::Mapping& mapping, const model::EvalResult& result, int level,
                  const StatsOptions& options) {
  const arch::BufferSpec& spec = arch.storage[level];
  const model::BufferStats& stats = result.storage[level];
  write_level_heading(text, level + 1, spec.name);
  write_buffer_specs(text, spec, stats);
  if (options.print_loop_nest) write_loop_nest(text, workload, mapping, level);
  text.line("    STATS");
  text.line("    -----");
  text.field(4, 21, "Cycles", std::to_string(stats.cycles));
  text.field(4, 21, "Bandwidth throttling", text.num(stats.slowdown));
  for (int t = 0; t < workload.num_data_spaces(); ++t) {
    if (!(mapping.keep[level] >> t & 1u)) continue;
    text.line("    " + workload.data_spaces[t].name + ":");
    write_data_space(text, stats.data_spaces[t], stats.replication);
  }
  text.line();
}

const char* class_name(arch::NetworkClass network_class) {
  switch (network_class) {
    case arch::NetworkClass::SimpleMulticast:
      return "SimpleMulticast";
    case arch::NetworkClass::ReductionTree:
      return "ReductionTree";
    case arch::NetworkClass::Legacy:
      break;
  }
  return "Legacy";
}

void write_network_specs(StatsText& text, const arch::NetworkSpec& spec) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, 16, label, value); };
  text.line("    SPECS");
  text.line("    -----");
  f("Type", class_name(spec.network_class));
  const bool legacy = spec.network_class == arch::NetworkClass::Legacy;
  if (legacy) f("Legacy sub-type", spec.legacy_subtype);
  f("ConnectionType", std::to_string(spec.connection));  // 1 read-fill, 2 update-drain, 3 both
  f("Word bits", std::to_string(spec.word_bits));
  if (legacy) {
    f("Router energy", optional_float(text, spec.router_energy) + " pJ");
    f("Wire energy", optional_float(text, spec.wire_energy) + " pJ/b/mm");
    f("Ingress energy", optional_float(text, spec.ingress_energy) + " pJ");
  }
  f("Fill latency", std::to_string(static_cast<std::int64_t>(spec.fill_latency)));
  f("Drain latency", std::to_string(static_cast<std::int64_t>(spec.drain_latency)));
  text.line();
}

void write_network_data_space(StatsText& text, const model::NetworkDataSpaceStats& stats) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, 40, label, value); };
  double ingresses = 0;
  for (const nest::MulticastEntry& entry : stats.ingresses) ingresses += entry.accesses;
  f("Fanout", std::to_string(stats.fanout));
  f("Multicast factor", std::to_string(stats.multicast_factor));
  f("Ingresses", text.num(ingresses));
  for (const nest::MulticastEntry& entry : stats.ingresses) {
    if (!(entry.accesses > 0)) continue;
    text.line("            @multicast " + std::to_string(entry.multicast) + " @scatter " + std::to_string(entry.scatter) +
              ": " + text.num(entry.accesses));
  }
  f("Link transfers", std::to_string(static_cast<std::int64_t>(stats.link_transfers)));
  f("Spatial reductions", std::to_string(stats.spatial_reductions));
  f("Average number of hops", text.num(stats.average_hops));
  f("Energy (per-hop)", text.num(stats.energy_per_hop * 1000.0) + " fJ");
  f("Energy (per-instance)", text.num(stats.energy_per_instance) + " pJ");
  f("Energy (total)", text.num(stats.energy) + " pJ");
  f("Link transfer energy (per-instance)", text.num(stats.link_transfer_energy_per_instance) + " pJ");
  f("Link transfer energy (total)", text.num(stats.link_transfer_energy) + " pJ");
  f("Spatial Reduction Energy (per-instance)", text.num(stats.spatial_reduction_energy_per_instance) + " pJ");
  f("Spatial Reduction Energy (total)", text.num(stats.spatial_reduction_energy) + " pJ");
}

// Indices of ArchSpec::networks in name order (Timeloop keeps them in a map by name).
std::vector<int> networks_by_name(const arch::ArchSpec& arch) {
  std::vector<int> order(arch.networks.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return arch.networks[a].name < arch.networks[b].name; });
  return order;
}

double network_energy(const model::EvalResult& result, int n) {
  return n < static_cast<int>(result.networks.size()) ? result.networks[n].energy : 0.0;
}

// Networks in name order, numbered among the shown ones (energy not 0, or hiding off).
void write_networks(StatsText& text, const arch::ArchSpec& arch, const workload::Workload& workload,
                    const model::EvalResult& result, const StatsOptions& options) {
  text.line("Networks");
  text.line("--------");
  int shown = 0;
  for (int n : networks_by_name(arch)) {
    if (options.hide_inconsequential && network_energy(result, n) == 0) continue;
    text.line("Network " + std::to_string(shown++));
    text.line("---------");
    text.line(arch.networks[n].name);
    text.line();
    write_network_specs(text, arch.networks[n]);
    text.line("    STATS");
    text.line("    -----");
    for (int t = 0; t < workload.num_data_spaces(); ++t) {
      text.line("    " + workload.data_spaces[t].name + ":");
      write_network_data_space(text, n < static_cast<int>(result.networks.size()) ? result.networks[n].data_spaces[t]
                                                                                  : model::NetworkDataSpaceStats{});
    }
    text.line();
  }
  text.line();
}

}  // namespace

void write_buffer_organization(StatsText& text, const arch::BufferSpec& spec) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, 32, label, value); };
  f("Cluster size", std::to_string(spec.cluster_size));
  f("Instances", instances_text(spec.instances, spec.mesh_x, spec.mesh_y));
  f("Shared bandwidth", optional_float(text, spec.shared_bandwidth));
  f("Read bandwidth", optional_float(text, spec.read_bandwidth));
  f("Write bandwidth", optional_float(text, spec.write_bandwidth));
  f("Multiple buffering", text.num(spec.multiple_buffering));
}

void write_buffer_leakage_and_area(StatsText& text, const arch::BufferSpec& spec, const model::BufferStats& stats) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, 32, label, value); };
  f("Per-instance-cycle leakage", text.num(spec.leak_energy) + " pJ");
  f("Instances sharing power gating", text.num(stats.instances_sharing_power_gating));
  f("Non-power-gated utilization", text.pct(stats.non_power_gated_utilization));
  f("Leakage energy (total)", text.num(stats.leakage_energy) + " pJ");
  f("Area", text.num(spec.area) + " um^2");
  text.line();
}

void write_arithmetic_specs(StatsText& text, const arch::ArithmeticSpec& spec) {
  write_level_heading(text, 0, spec.name);
  text.line("    SPECS");
  text.line("    -----");
  text.field(4, 22, "Word bits", std::to_string(spec.word_bits));
  text.field(4, 22, "Instances", instances_text(spec.instances, spec.mesh_x, spec.mesh_y));
  text.field(4, 22, "Compute energy", text.num(spec.energy_per_op) + " pJ");
  text.line();
  text.line("    STATS");
  text.line("    -----");
}

void write_level_heading(StatsText& text, int number, const std::string& name) {
  const std::string digits = std::to_string(number);
  text.line("Level " + digits);
  text.line("-------");  // Timeloop's underline keeps the width of "Level 0"
  text.line("=== " + name + " ===");
  text.line();
}

// Timeloop takes a level's loops from the tile of the first data space, which its bypass
// handling empties at the levels above the outermost one holding that data space (keeping
// and coalescing it).
bool loops_reported(const mapping::Mapping& mapping, int level) {
  for (int outer = level; outer < static_cast<int>(mapping.keep.size()); ++outer)
    if ((mapping.keep[outer] & 1u) && !(mapping.no_coalesce[outer] & 1u)) return true;
  return false;
}

void write_loop_nest(StatsText& text, const workload::Workload& workload, const mapping::Mapping& mapping,
                     int level) {
  text.line("    MAPPING");
  text.line("    -------");
  text.line("    Loop nest:");
  const int first = loops_reported(mapping, level) ? (level == 0 ? 0 : mapping.boundaries[level - 1] + 1)
                                                   : mapping.boundaries[level] + 1;
  int indent = 6;
  for (int l = mapping.boundaries[level]; l >= first; --l) {
    if (mapping.loops[l].factor == 1) continue;
    text.line(std::string(indent, ' ') + format_loop(workload, mapping.loops[l]));
    indent += 2;
  }
  text.line();
}

bool buffer_shown(const model::BufferStats& stats, const StatsOptions& options) {
  return !options.hide_inconsequential || stats.scalar_accesses != 0 || stats.energy != 0;
}

void write_operational_intensity(StatsText& text, const arch::ArchSpec& arch, const model::EvalResult& result) {
  text.line("Operational Intensity Stats");
  text.line("---------------------------");
  text.field(4, 40, "Total elementwise ops", std::to_string(result.elementwise_ops));
  text.field(4, 40, "Total reduction ops", std::to_string(result.reduction_ops));
  text.field(4, 40, "Total ops", std::to_string(result.total_ops));
  text.field(4, 40, "Total memory accesses required", std::to_string(result.min_traffic));
  text.field(4, 40, "Optimal Op per Byte", text.num(result.optimal_op_per_byte));
  text.line();
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    const model::BufferStats& stats = result.storage[i];
    text.line("=== " + arch.storage[i].name + " ===");
    if (stats.scalar_accesses <= 0) continue;
    const std::int64_t bytes = arch.storage[i].word_bits * stats.scalar_accesses / 8;
    text.field(4, 40, "Total scalar accesses", std::to_string(stats.scalar_accesses));
    text.field(4, 40, "Op per Byte",
               text.num(bytes == 0 ? 0.0 : static_cast<double>(result.total_ops) / static_cast<double>(bytes)));
  }
  text.line();
  text.line();
}

void write_summary_totals(StatsText& text, const model::EvalResult& result) {
  text.line("Summary Stats");
  text.line("-------------");
  const double cycles = static_cast<double>(result.cycles);
  text.line("GFLOPs (@1GHz): " + text.num(static_cast<double>(result.total_ops) / cycles));
  text.line("Utilization: " + text.pct(result.utilization));
  text.line("Cycles: " + std::to_string(result.cycles));
  text.line("Energy: " + text.num(result.energy / 1e6) + " uJ");
  text.line("EDP(J*cycle): " + format_scientific(cycles * result.energy / 1e12));
  text.line("Area: " + text.num(0.0) + " mm^2");  // Timeloop resets the total before printing
  text.line();
}

void write_energy_per_compute(StatsText& text, const arch::ArchSpec& arch, const model::EvalResult& result,
                              const std::string& label, const std::string& unit, std::int64_t computes,
                              const StatsOptions& options) {
  text.line(label + " = " + std::to_string(computes));
  text.line(unit);
  std::size_t width = arch.arithmetic.name.size();
  for (const arch::BufferSpec& level : arch.storage) width = std::max(width, level.name.size());
  for (const arch::NetworkSpec& network : arch.networks) width = std::max(width, network.name.size());
  // fJ per compute as energy * (1000 / computes): the rounding of the reference (an energy of
  // 32.49822 pJ over 12 computes prints 2708.18, not 2708.19).
  const double per_compute = 1000.0 / static_cast<double>(computes);
  auto fj_row = [&](const std::string& name, double energy) {
    std::string padded = name + std::string(width + 1 - name.size(), ' ');
    text.line("    " + padded + "= " + text.num(energy * per_compute));
  };
  const bool all = !options.hide_inconsequential;
  if (all || result.arithmetic.energy != 0) fj_row(arch.arithmetic.name, result.arithmetic.energy);
  for (int i = 0; i < arch.num_storage_levels(); ++i)
    if (all || result.storage[i].energy != 0) fj_row(arch.storage[i].name, result.storage[i].energy);
  for (int n : networks_by_name(arch)) {
    const double energy = network_energy(result, n);
    if (all || energy != 0) fj_row(arch.networks[n].name, energy);
  }
  fj_row("Total", result.energy);
  text.line();
}

StatsOptions stats_options_from_environment() {
  StatsOptions options;
  options.style = float_style_from_environment();
  const char* hide = std::getenv("TIMELOOP_HIDE_INCONSEQUENTIAL_STATS");
  options.hide_inconsequential = !hide || std::strcmp(hide, "0") != 0;
  return options;
}

std::string format_summary(const model::EvalResult& result) {
  char line[128];
  std::snprintf(line, sizeof line, "Utilization = %4.2f | pJ/Compute = %8.3f\n", result.utilization,
                result.energy / static_cast<double>(result.arithmetic.computes));
  return line;
}

std::string format_loop(const workload::Workload& workload, const mapping::Loop& loop) {
  std::string text = "for " + workload.dimension_names[loop.dimension] + " in [0:" + std::to_string(loop.factor);
  if (loop.imperfect()) text.append(",").append(std::to_string(loop.residual));
  text += ")";
  if (loop.kind == mapping::LoopKind::SpatialX) text += " (Spatial-X)";
  if (loop.kind == mapping::LoopKind::SpatialY) text += " (Spatial-Y)";
  return text;
}

std::string format_stats(const arch::ArchSpec& arch, const workload::Workload& workload,
                         const mapping::Mapping& mapping, const model::EvalResult& result,
                         const StatsOptions& options) {
  StatsText text(options.style);
  text.line("Buffer and Arithmetic Levels");
  text.line("----------------------------");
  if (!options.hide_inconsequential || result.arithmetic.energy != 0) {
    write_arithmetic(text, arch.arithmetic, result.arithmetic);
  }
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    if (buffer_shown(result.storage[i], options)) write_buffer(text, arch, workload, mapping, result, i, options);
  }
  write_networks(text, arch, workload, result, options);
  write_operational_intensity(text, arch, result);
  write_summary_totals(text, result);
  write_energy_per_compute(text, arch, result, "Computes", "fJ/Compute", result.arithmetic.computes, options);
  return text.str();
}

}  // namespace cimloop::compat
