#include "compat/timeloop/sparse_stats_writer.hpp"

#include <cstdio>
#include <functional>

#include "compat/timeloop/stats_text.hpp"
#include "src/sparse/fibertree.hpp"

namespace cimloop::compat {
namespace {

using sparse::Access;
using sparse::Treatment;

constexpr int kLabelWidth = 60;

void write_arithmetic(StatsText& text, const arch::ArchSpec& arch, const sparse::SparseEvalResult& result) {
  const sparse::ComputeCounts& compute = result.analysis->compute();
  const model::ArithmeticStats& stats = result.totals.arithmetic;
  write_arithmetic_specs(text, arch.arithmetic);
  auto f = [&](const std::string& label, const std::string& value) { text.field(4, 29, label, value); };
  f("Utilized instances (max)", std::to_string(stats.utilized_instances));
  f("Utilized instances (average)", std::to_string(static_cast<std::int64_t>(compute.avg_instances)));
  f("Cycles", std::to_string(stats.cycles));
  f("Algorithmic Computes (total)", std::to_string(compute.algorithmic));
  f("Actual Computes (total)", std::to_string(compute.random));
  f("Gated Computes (total)", std::to_string(compute.gated));
  f("Skipped Computes (total)", std::to_string(compute.skipped));
  f("Energy (total)", text.num(stats.energy) + " pJ");
  f("Area (total)", text.num(stats.area) + " um^2");
  text.line();
  text.line();
}

void write_buffer_specs(StatsText& text, const arch::BufferSpec& spec, const sparse::MetadataStorage& metadata,
                        const sparse::LevelEnergies& energies, const model::BufferStats& stats) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, 32, label, value); };
  text.line("    SPECS");
  text.line("    -----");
  f("Technology", spec.technology == arch::Technology::DRAM ? "DRAM" : "SRAM");
  f("Data storage size", spec.size ? std::to_string(*spec.size) : "-");
  f("Data word bits", std::to_string(spec.word_bits));
  f("Data block size", std::to_string(spec.block_size));
  f("Metadata storage width(bits)", std::to_string(metadata.width));
  f("Metadata storage depth", metadata.depth ? std::to_string(*metadata.depth) : "-");
  write_buffer_organization(text, spec);
  f("Effective data storage size", spec.effective_size ? std::to_string(*spec.effective_size) : "-");
  f("Min utilization", text.num(spec.min_utilization));
  f("Vector read energy", text.num(spec.read_energy) + " pJ");
  f("Vector write energy", text.num(spec.fill_energy) + " pJ");
  f("Vector metadata read energy", text.num(energies.metadata_read) + " pJ");
  f("Vector metadata write energy", text.num(energies.metadata_fill) + " pJ");
  f("(De)compression energy", text.num(energies.decompression) + " pJ");
  write_buffer_leakage_and_area(text, spec, stats);
}

std::string padded(const std::string& label) {
  return std::string(8, ' ') + label + std::string(label.size() < kLabelWidth ? kLabelWidth - label.size() : 0, ' ');
}

// Per rank "(metadata, payload)" lines, highest rank first; `separator` follows the comma.
void write_ranks(StatsText& text, int ranks, const std::function<std::pair<std::uint64_t, std::uint64_t>(int)>& units,
                 const std::string& separator) {
  for (int r = ranks - 1; r >= 0; --r) {
    const auto [metadata, payload] = units(r);
    text.line("            Rank " + std::to_string(r) + " (metadata, payload): (" + std::to_string(metadata) + "," +
              separator + std::to_string(payload) + ")");
  }
}

void write_format_accesses(StatsText& text, const sparse::TileState& tile) {
  static const char* const kTreatment[] = {"Actual", "Gated", "Skipped"};
  static const char* const kAccess[] = {"reads", "fills", "updates"};
  for (int a = 0; a < 3; ++a) {
    for (int k = 0; k < 3; ++k) {
      const sparse::RankList& counts = tile.counts.format[k][a];
      const std::string label = std::string(kTreatment[k]) + " scalar format " + kAccess[a] + " (per-instance)";
      if (sparse::metadata_bits(tile, counts) == 0) {
        text.field(8, kLabelWidth, label, "0");
        continue;
      }
      text.line(padded(label));
      write_ranks(text, tile.ranks.count, [&](int r) {
        return std::pair<std::uint64_t, std::uint64_t>(static_cast<std::uint64_t>(counts[r].metadata),
                                                        static_cast<std::uint64_t>(counts[r].payload));
      }, "  ");
    }
  }
}

// Timeloop prints the data share as 1 - 100 * format share (sic) and leaves the shared
// line's parenthesis open.
std::string breakdown(const StatsText& text, double format_share, bool close) {
  return "            Breakdown (Data, Format): (" + text.num(1 - 100 * format_share) + "%, " +
         text.num(100 * format_share) + "%" + (close ? ")" : "");
}

void write_data_space(StatsText& text, const sparse::TileState& tile, const sparse::SparseDataSpaceStats& s,
                      const sparse::DensityModel& density, std::int64_t partition) {
  auto f = [&](const std::string& label, const std::string& value) { text.field(8, kLabelWidth, label, value); };
  auto count = [](std::uint64_t value) { return std::to_string(value); };
  f("Partition size", std::to_string(partition));
  f("Tile density distribution", density.name());
  f("Data tile shape", std::to_string(tile.shape));
  f("Max utilized data storage capacity", std::to_string(s.data_size));
  std::string formats;
  for (int r = tile.metadata_ranks() - 1; r >= 0; --r) formats += std::string(sparse::format_name(tile.format->ranks[r].format)) + " ";
  f("Representation format", tile.has_metadata() ? formats : "none");
  if (!tile.has_metadata()) {
    f("Max utilized Repr format storage capacity", "0");
  } else {
    text.line(padded("Max utilized Repr format storage capacity"));
    write_ranks(text, tile.ranks.count, [&](int r) {
      return std::pair<std::uint64_t, std::uint64_t>(s.metadata_size[r][0], s.metadata_size[r][1]);
    }, " ");
  }
  f("Utilized instances (max)", std::to_string(tile.max_x * tile.max_y));
  f("Utilized instances (average)", text.num(tile.avg_replication));
  f("Utilized clusters (max)", std::to_string(s.utilized_clusters));
  const std::uint64_t algorithmic[] = {tile.reads, tile.fills, tile.updates};
  static const char* const kAccess[] = {"reads", "fills", "updates"};
  for (int a = 0; a < 3; ++a) {
    const Access access = static_cast<Access>(a);
    const std::string suffix = std::string(" scalar ") + kAccess[a] + " (per-instance)";
    f("Algorithmic" + suffix, count(algorithmic[a]));
    f("Actual" + suffix, count(tile.counts.at(Treatment::Random, access)));
    f("Gated" + suffix, count(tile.counts.at(Treatment::Gated, access)));
    f("Skipped" + suffix, count(tile.counts.at(Treatment::Skipped, access)));
  }
  if (tile.has_metadata()) write_format_accesses(text, tile);
  f("Temporal reductions (per-instance)", count(tile.temporal_reductions));
  f("Address generations (per-cluster)", count(s.address_generations));
  f("Energy (per-scalar-access)", text.num(s.energy_per_scalar_access) + " pJ");
  f("Energy (per-instance)", text.num(s.energy_per_instance) + " pJ");
  f("Energy (total)", text.num(s.energy) + " pJ");
  f("Temporal Reduction Energy (per-instance)", text.num(0) + " pJ");
  f("Temporal Reduction Energy (total)", text.num(0) + " pJ");
  f("Address Generation Energy (per-cluster)", text.num(s.address_generation_energy_per_cluster) + " pJ");
  f("Address Generation Energy (total)", text.num(s.address_generation_energy) + " pJ");
  f("Bandwidth Consumption Scale", text.num(s.bandwidth_scale));
  const double instances = static_cast<double>(tile.max_x * tile.max_y);
  const double shared = s.read_bandwidth + s.write_bandwidth;
  f("Average Shared Bandwidth (per-instance)", text.num(shared) + " words/cycle");
  text.line(breakdown(text, s.shared_format_share, false));
  f("Shared Bandwidth (total)", text.num(shared * instances) + " words/cycle");
  f("Average Read Bandwidth (per-instance)", text.num(s.read_bandwidth) + " words/cycle");
  text.line(breakdown(text, s.read_format_share, true));
  f("Read Bandwidth (total)", text.num(s.read_bandwidth * instances) + " words/cycle");
  f("Average Write Bandwidth (per-instance)", text.num(s.write_bandwidth) + " words/cycle");
  text.line(breakdown(text, s.write_format_share, true));
  f("Write Bandwidth (total)", text.num(s.write_bandwidth * instances) + " words/cycle");
}

void write_buffer(StatsText& text, const arch::ArchSpec& arch, const workload::Workload& workload,
                  const mapping::Mapping& mapping, const sparse::SparseSpec& spec,
                  const sparse::SparseEvalResult& result, int level, const StatsOptions& options) {
  const model::BufferStats& stats = result.totals.storage[level];
  write_level_heading(text, level + 1, arch.storage[level].name);
  write_buffer_specs(text, arch.storage[level], spec.metadata[level], spec.energies[level], stats);
  if (options.print_loop_nest) write_loop_nest(text, workload, mapping, level);
  text.line("    STATS");
  text.line("    -----");
  text.field(4, 21, "Cycles", std::to_string(stats.cycles));
  text.field(4, 21, "Bandwidth throttling", text.num(stats.slowdown));
  const int spaces = workload.num_data_spaces();
  for (int t = 0; t < spaces; ++t) {
    if (!(mapping.keep[level] >> t & 1u)) continue;
    text.line("    " + workload.data_spaces[t].name + ":");
    write_data_space(text, result.analysis->tile(level, t), result.data_spaces[level * spaces + t],
                     result.analysis->density(t), stats.data_spaces[t].partition_size);
  }
  text.line();
}

}  // namespace

std::string format_sparse_stats(const arch::ArchSpec& arch, const workload::Workload& workload,
                                const mapping::Mapping& mapping, const sparse::SparseSpec& spec,
                                const sparse::SparseEvalResult& result, const StatsOptions& options) {
  const model::EvalResult& totals = result.totals;
  StatsText text(options.style);
  text.line("Buffer and Arithmetic Levels");
  text.line("----------------------------");
  if (!options.hide_inconsequential || totals.arithmetic.energy != 0) write_arithmetic(text, arch, result);
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    if (buffer_shown(totals.storage[i], options)) write_buffer(text, arch, workload, mapping, spec, result, i, options);
  }
  text.line("Networks");
  text.line("--------");
  text.line();
  write_operational_intensity(text, arch, totals);
  write_summary_totals(text, totals);
  const sparse::ComputeCounts& compute = result.analysis->compute();
  write_energy_per_compute(text, arch, totals, "Algorithmic Computes", "fJ/Algorithmic-Compute",
                           static_cast<std::int64_t>(compute.algorithmic), options);
  write_energy_per_compute(text, arch, totals, "Actual Computes", "fJ/Compute", static_cast<std::int64_t>(compute.random),
                           options);
  return text.str();
}

std::string format_sparse_summary(const sparse::SparseSpec& spec, const sparse::SparseEvalResult& result) {
  const model::EvalResult& totals = result.totals;
  if (!spec.optimized) return format_summary(totals);
  const double algorithmic = static_cast<double>(result.analysis->compute().algorithmic);
  const double actual = static_cast<double>(totals.arithmetic.computes);
  char line[160];
  std::snprintf(line, sizeof line, "Utilization = %4.2f | pJ/Algorithmic-Compute = %8.3f | pJ/Compute = %8.3f\n",
                totals.utilization, totals.energy / algorithmic, totals.energy / actual);
  return line;
}

std::vector<std::int64_t> sparse_tile_shapes(const sparse::SparseEvalResult& result) {
  std::vector<std::int64_t> shapes;
  for (const sparse::TileState& tile : result.analysis->tiles()) shapes.push_back(tile.shape);
  return shapes;
}

}  // namespace cimloop::compat
