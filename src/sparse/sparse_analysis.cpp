#include "src/sparse/sparse_analysis.hpp"

#include <algorithm>
#include <cmath>

#include "src/sparse/fibertree.hpp"

namespace cimloop::sparse {
namespace {

std::vector<DensityModel> density_models(const workload::Workload& workload, const SparseSpec& spec) {
  std::vector<DensityModel> models;
  std::array<std::int64_t, workload::kMaxDimensions> bounds;
  bounds.fill(1);
  for (int d = 0; d < workload.num_dimensions(); ++d) bounds[d] = workload.bounds[d];
  for (int t = 0; t < workload.num_data_spaces(); ++t) {
    const DensitySpec density = t < static_cast<int>(spec.densities.size()) ? spec.densities[t] : DensitySpec{};
    models.emplace_back(density, workload.footprint(t, bounds.data()));
  }
  return models;
}

// Format counts are at most these many accesses of each rank: the expected units scaled by
// the dense accesses per tile point.
RankList scaled_units(const RankList& units, int ranks, double per_point) {
  RankList counts{};
  for (int r = 0; r < ranks; ++r) {
    counts[r].metadata = std::ceil(units[r].metadata * per_point);
    counts[r].payload = std::ceil(units[r].payload * per_point);
  }
  return counts;
}

std::uint64_t remaining(std::uint64_t count, double density) {
  return count - static_cast<std::uint64_t>(std::floor(static_cast<double>(count) * (1.0 - density)));
}

}  // namespace

SparseAnalysis::SparseAnalysis(const arch::ArchSpec& arch, const workload::Workload& workload, const SparseSpec& spec)
    : arch_(arch),
      workload_(workload),
      spec_(spec),
      levels_(arch.num_storage_levels()),
      spaces_(workload.num_data_spaces()),
      densities_(density_models(workload, spec)) {
  for (int t = 0; t < spaces_; ++t) moving_[t] = moving_dimensions(workload, t);
}

bool SparseAnalysis::fail(int level, std::string reason) {
  failed_level_ = level < 0 ? arch_.arithmetic.name : arch_.storage[level].name;
  failure_ = std::move(reason);
  return false;
}

int SparseAnalysis::inner_keeper(int level, int t) const {
  for (int i = level - 1; i >= 0; --i)
    if (tile(i, t).kept) return i;
  return -1;
}

int SparseAnalysis::outer_keeper(int level, int t) const {
  for (int i = level + 1; i < levels_; ++i)
    if (tile(i, t).kept) return i;
  return -1;
}

void SparseAnalysis::initialize(const nest::NestResult& dense, const std::vector<model::TrafficCounts>& counts) {
  tiles_.resize(static_cast<std::size_t>(levels_) * spaces_);
  for (int i = 0; i < levels_; ++i) {
    const nest::LevelTraffic& traffic = dense.levels[i];
    for (int t = 0; t < spaces_; ++t) {
      const model::TrafficCounts& c = counts[i * spaces_ + t];
      TileState& tile = at(i, t);
      // Field by field: the format counts (most of the state) were only ever written for
      // tiles with a format, so only those are cleared.
      if (tile.format) tile.counts.format = {};
      tile.counts.data = {};
      tile.shape = c.size;
      tile.kept = c.size > 0;
      tile.format = tile.kept && spec_.format(i, t) ? &*spec_.format(i, t) : nullptr;
      tile.ranks.count = 0;
      tile.expected_data = static_cast<double>(c.size);
      tile.expected_density = 1;
      tile.expected_metadata = {};
      tile.avg_replication = static_cast<double>(traffic.replication);
      tile.max_x = traffic.expansion_x;
      tile.max_y = traffic.expansion_y;
      tile.reads = static_cast<std::uint64_t>(c.reads);
      tile.fills = static_cast<std::uint64_t>(c.fills);
      tile.updates = static_cast<std::uint64_t>(c.updates);
      tile.temporal_reductions = static_cast<std::uint64_t>(c.temporal_reductions);
      tile.decompressions = tile.compressions = 0;
      tile.saf = Saf::None;
      tile.saf_probability = 0;
      tile.finalized = false;
      tile.counts.at(Treatment::Random, Access::Read) = tile.reads;
      tile.counts.at(Treatment::Random, Access::Fill) = tile.fills;
      tile.counts.at(Treatment::Random, Access::Update) = tile.updates;
    }
  }
  compute_ = ComputeCounts{};
  compute_.algorithmic =
      static_cast<std::uint64_t>(dense.compute_accesses * static_cast<double>(dense.compute_replication));
  compute_.random = compute_.algorithmic;
  compute_.avg_instances = static_cast<double>(dense.compute_replication);
  compute_.max_x = dense.compute_expansion_x;
  compute_.max_y = dense.compute_expansion_y;
  storage_optimized_.fill(false);
  storage_probability_.fill(0.0);
}

// Compressed data moving to an uncompressed level must be decompressed there (and
// compressed on the way back); deeper fibertrees cannot feed shallower ones.
bool SparseAnalysis::check_format_compatibility() {
  for (int t = 0; t < spaces_; ++t) {
    int parent = -1;
    for (int level = levels_ - 1; level >= 0; --level) {
      const TileState& tile = this->tile(level, t);
      if (!tile.kept) continue;
      if (parent >= 0) {
        const TileState& above = this->tile(parent, t);
        const MetadataStorage& storage = spec_.metadata[level];
        if (above.compressed() && !tile.compressed()) {
          if (!storage.decompression_supported)
            return fail(level, "decompression (from parent level) needed but not supported");
          if (workload_.data_spaces[t].read_write && !storage.compression_supported)
            return fail(level, "compression (to parent level) needed but not supported");
        }
        if (above.compressed() && tile.compressed() && above.metadata_ranks() < tile.metadata_ranks())
          return fail(parent, "runtime partition needed but not supported (NOT IMPLEMENTED YET)");
      }
      parent = level;
    }
  }
  return true;
}

bool SparseAnalysis::analyse_ranks(const CompleteNest& nest) {
  for (int t = 0; t < spaces_; ++t) {
    for (int level = 0; level < levels_; ++level) {
      if (!tile(level, t).kept) continue;
      const int child = inner_keeper(level, t);
      const RankContext context{workload_,
                                nest,
                                t,
                                moving_[t],
                                level,
                                child,
                                child >= 0 ? &tile(child, t) : nullptr,
                                candidates_,
                                arch_.storage[level].name,
                                child >= 0 ? std::string_view(arch_.storage[child].name) : std::string_view()};
      std::string failure = assign_ranks(context, at(level, t));
      if (!failure.empty()) return fail(level, std::move(failure));
    }
  }
  return true;
}

// Expected non-zeros and metadata of each tile over its occupancy distribution. Tiles whose
// parent keeps metadata are never transferred when empty.
void SparseAnalysis::expected_occupancy() {
  for (int level = 0; level < levels_; ++level) {
    for (int t = 0; t < spaces_; ++t) {
      TileState& tile = at(level, t);
      if (tile.shape == 0) continue;
      const DensityModel& density = densities_[t];
      const std::int64_t low = density.min_occupancy(tile.shape), high = density.max_occupancy(tile.shape);
      const int parent = outer_keeper(level, t);
      const bool skip_empty = parent >= 0 && this->tile(parent, t).has_metadata() && low == 0;
      double scale = 1;
      if (skip_empty) {
        const double empty = density.probability(tile.shape, 0);
        tile.avg_replication *= 1.0 - empty;
        scale = 1.0 - empty;
      }
      double data = 0;
      RankList metadata{};
      for (std::int64_t k = low; k <= high; ++k) {
        double p = density.probability(tile.shape, k);
        if (p == 0) continue;
        if (skip_empty) p = k == 0 ? 0.0 : p / scale;
        data += p * static_cast<double>(k);
        if (!tile.has_metadata()) continue;
        const RankList units = metadata_occupancy(tile, density, k);
        for (int r = 0; r < tile.ranks.count; ++r) {
          metadata[r].metadata += p * units[r].metadata;
          metadata[r].payload += p * units[r].payload;
        }
      }
      tile.expected_data = data;
      tile.expected_density = data / static_cast<double>(tile.shape);
      tile.expected_metadata = metadata;
    }
  }
}

void SparseAnalysis::format_access_counts() {
  for (TileState& tile : tiles_) {
    if (tile.shape == 0 || !tile.has_metadata()) continue;
    const double shape = static_cast<double>(tile.shape);
    const int ranks = tile.ranks.count;
    tile.counts.ranks(Treatment::Random, Access::Read) =
        scaled_units(tile.expected_metadata, ranks, static_cast<double>(tile.reads) / shape);
    tile.counts.ranks(Treatment::Random, Access::Fill) =
        scaled_units(tile.expected_metadata, ranks, static_cast<double>(tile.fills) / shape);
    tile.counts.ranks(Treatment::Random, Access::Update) =
        scaled_units(tile.expected_metadata, ranks, static_cast<double>(tile.updates) / shape);
  }
}

// Zeros a format does not store are never accessed.
void SparseAnalysis::representation_impact() {
  for (int level = 0; level < levels_; ++level) {
    for (int t = 0; t < spaces_; ++t) {
      TileState& tile = at(level, t);
      if (!tile.has_metadata()) continue;
      FineCounts& c = tile.counts;
      c.at(Treatment::Random, Access::Read) = remaining(tile.reads, tile.expected_density);
      c.at(Treatment::Random, Access::Fill) = remaining(tile.fills, tile.expected_density);
      if (workload_.data_spaces[t].read_write)
        c.at(Treatment::Random, Access::Update) = remaining(tile.updates, tile.expected_density);
    }
  }
}

bool SparseAnalysis::run(const CompleteNest& nest, const nest::NestResult& dense,
                         const std::vector<model::TrafficCounts>& counts) {
  failed_level_.clear();
  failure_.clear();
  initialize(dense, counts);
  if (!spec_.optimized) return true;
  if (!check_format_compatibility() || !analyse_ranks(nest)) return false;
  expected_occupancy();
  format_access_counts();
  if (!explicit_optimizations(nest)) return false;
  representation_impact();
  propagate();
  return count_decompressions() && classify_computes();
}

}  // namespace cimloop::sparse
