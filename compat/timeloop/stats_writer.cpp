#include "compat/timeloop/stats_writer.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <sstream>

namespace cimloop::compat {
namespace {

class StatsText {
 public:
  explicit StatsText(FloatStyle style) : style_(style) {}

  void line(const std::string& text = "") { out_ << text << '\n'; }
  void field(int indent, int width, const std::string& label, const std::string& value) {
    out_ << std::string(indent, ' ') << label;
    if (static_cast<int>(label.size()) < width) out_ << std::string(width - label.size(), ' ');
    out_ << ": " << value << '\n';
  }
  std::string num(double value) const { return format_float(value, style_); }
  std::string pct(double value) const { return format_percent(value); }
  std::string str() const { return out_.str(); }

 private:
  FloatStyle style_;
  std::ostringstream out_;
};

std::string optional_float(const StatsText& text, const std::optional<double>& value) {
  return value ? text.num(*value) : "-";
}

std::string instances_text(std::int64_t instances, std::int64_t x, std::int64_t y) {
  return std::to_string(instances) + " (" + std::to_string(x) + "*" + std::to_string(y) + ")";
}

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
  text.line("Level 0");
  text.line("-------");
  text.line("=== " + spec.name + " ===");
  text.line();
  text.line("    SPECS");
  text.line("    -----");
  text.field(4, 22, "Word bits", std::to_string(spec.word_bits));
  text.field(4, 22, "Instances", instances_text(spec.instances, spec.mesh_x, spec.mesh_y));
  text.field(4, 22, "Compute energy", text.num(spec.energy_per_op) + " pJ");
  text.line();
  text.line("    STATS");
  text.line("    -----");
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
  f("Cluster size", std::to_string(spec.cluster_size));
  f("Instances", instances_text(spec.instances, spec.mesh_x, spec.mesh_y));
  f("Shared bandwidth", optional_float(text, spec.shared_bandwidth));
  f("Read bandwidth", optional_float(text, spec.read_bandwidth));
  f("Write bandwidth", optional_float(text, spec.write_bandwidth));
  f("Multiple buffering", text.num(spec.multiple_buffering));
  f("Effective size", spec.effective_size ? std::to_string(*spec.effective_size) : "-");
  f("Min utilization", text.num(spec.min_utilization));
  f("Vector access energy", text.num(spec.vector_access_energy) + " pJ");
  f("Vector access energy source", source_name(spec.energy_source));
  f("Per-instance-cycle leakage", text.num(spec.leak_energy) + " pJ");
  f("Instances sharing power gating", text.num(stats.instances_sharing_power_gating));
  f("Non-power-gated utilization", text.pct(stats.non_power_gated_utilization));
  f("Leakage energy (total)", text.num(stats.leakage_energy) + " pJ");
  f("Area", text.num(spec.area) + " um^2");
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

bool buffer_shown(const model::BufferStats& stats, const StatsOptions& options) {
  return !options.hide_inconsequential || stats.scalar_accesses != 0 || stats.energy != 0;
}

void write_buffer(StatsText& text, const arch::ArchSpec& arch, const workload::Workload& workload,
                  const mapping::Mapping& mapping, const model::EvalResult& result, int level,
                  const StatsOptions& options) {
  const arch::BufferSpec& spec = arch.storage[level];
  const model::BufferStats& stats = result.storage[level];
  const std::string number = std::to_string(level + 1);
  text.line("Level " + number);
  text.line("-------");  // Timeloop's underline keeps the width of "Level 0"
  text.line("=== " + spec.name + " ===");
  text.line();
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

void write_network_specs(StatsText& text, const arch::NetworkSpec& spec) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, 16, label, value); };
  text.line("    SPECS");
  text.line("    -----");
  f("Type", "Legacy");
  f("Legacy sub-type", spec.legacy_subtype);
  f("ConnectionType", "3");  // read-fill and update-drain
  f("Word bits", std::to_string(spec.word_bits));
  f("Router energy", optional_float(text, spec.router_energy) + " pJ");
  f("Wire energy", optional_float(text, spec.wire_energy) + " pJ/b/mm");
  f("Ingress energy", optional_float(text, spec.ingress_energy) + " pJ");
  f("Fill latency", std::to_string(static_cast<std::int64_t>(spec.fill_latency)));
  f("Drain latency", std::to_string(static_cast<std::int64_t>(spec.drain_latency)));
  text.line();
}

// The model prices no network traffic, so every network energy is 0.
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
  f("Energy (per-hop)", text.num(0.0) + " fJ");
  for (const char* label : {"Energy (per-instance)", "Energy (total)", "Link transfer energy (per-instance)",
                            "Link transfer energy (total)", "Spatial Reduction Energy (per-instance)",
                            "Spatial Reduction Energy (total)"})
    f(label, text.num(0.0) + " pJ");
}

// Networks in name order, numbered among the shown ones; the network of storage level i
// carries what level i serves to its inner neighbour.
void write_networks(StatsText& text, const arch::ArchSpec& arch, const workload::Workload& workload,
                    const model::EvalResult& result, const StatsOptions& options) {
  text.line("Networks");
  text.line("--------");
  if (!options.hide_inconsequential) {
    std::vector<int> levels(arch.num_storage_levels());
    std::iota(levels.begin(), levels.end(), 0);
    std::sort(levels.begin(), levels.end(),
              [&](int a, int b) { return arch.storage[a].network.name < arch.storage[b].network.name; });
    int shown = 0;
    for (int level : levels) {
      text.line("Network " + std::to_string(shown++));
      text.line("---------");
      text.line(arch.storage[level].network.name);
      text.line();
      write_network_specs(text, arch.storage[level].network);
      text.line("    STATS");
      text.line("    -----");
      for (int t = 0; t < workload.num_data_spaces(); ++t) {
        text.line("    " + workload.data_spaces[t].name + ":");
        write_network_data_space(text, result.storage[level].network[t]);
      }
      text.line();
    }
  }
  text.line();
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

void write_summary(StatsText& text, const arch::ArchSpec& arch, const model::EvalResult& result,
                   const StatsOptions& options) {
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
  const std::int64_t computes = result.arithmetic.computes;
  text.line("Computes = " + std::to_string(computes));
  text.line("fJ/Compute");
  std::size_t width = arch.arithmetic.name.size();
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    width = std::max({width, arch.storage[i].name.size(), arch.storage[i].network.name.size()});
  }
  auto fj_row = [&](const std::string& name, double energy) {
    std::string label = name + std::string(width + 1 - name.size(), ' ');
    text.line("    " + label + "= " + text.num(energy * 1000.0 / static_cast<double>(computes)));
  };
  const bool all = !options.hide_inconsequential;
  if (all || result.arithmetic.energy != 0) fj_row(arch.arithmetic.name, result.arithmetic.energy);
  for (int i = 0; i < arch.num_storage_levels(); ++i)
    if (all || result.storage[i].energy != 0) fj_row(arch.storage[i].name, result.storage[i].energy);
  if (all) {  // networks (never priced) in name order
    std::vector<std::string> networks;
    for (const arch::BufferSpec& level : arch.storage) networks.push_back(level.network.name);
    std::sort(networks.begin(), networks.end());
    for (const std::string& name : networks) fj_row(name, 0.0);
  }
  fj_row("Total", result.energy);
  text.line();
}

}  // namespace

StatsOptions stats_options_from_environment() {
  StatsOptions options;
  options.style = float_style_from_environment();
  const char* hide = std::getenv("TIMELOOP_HIDE_INCONSEQUENTIAL_STATS");
  options.hide_inconsequential = !hide || std::strcmp(hide, "0") != 0;
  return options;
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
  write_summary(text, arch, result, options);
  return text.str();
}

}  // namespace cimloop::compat
