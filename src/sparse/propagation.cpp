// How explicit gating/skipping at one level changes the accesses of every level below it
// (Sparseloop's storage optimisation combiner), the local split of a level's own accesses
// into actual and gated/skipped ones, and the (de)compression counts.
#include <algorithm>
#include <cmath>

#include "src/sparse/sparse_analysis.hpp"

namespace cimloop::sparse {
namespace {

constexpr Access kAccesses[] = {Access::Read, Access::Fill, Access::Update};

double reduce(double count, double probability) { return count - std::floor(count * probability); }

std::uint64_t removed(std::uint64_t count, double probability, bool round_up) {
  const double product = static_cast<double>(count) * probability;
  return static_cast<std::uint64_t>(round_up ? std::ceil(product) : std::floor(product));
}

// Temporal reductions happen for the actual updates only.
void scale_reductions(TileState& tile) {
  const double actual = static_cast<double>(tile.counts.at(Treatment::Random, Access::Update));
  tile.temporal_reductions =
      tile.updates == 0 ? 0
                        : static_cast<std::uint64_t>(std::ceil(static_cast<double>(tile.temporal_reductions) * actual /
                                                               static_cast<double>(tile.updates)));
}

}  // namespace

// Splits a level's finalised actual accesses by its own gating/skipping probability.
void SparseAnalysis::apply_local(int level, int t, double probability, Saf kind) {
  TileState& tile = at(level, t);
  FineCounts& c = tile.counts;
  const Treatment treatment = kind == Saf::Gating ? Treatment::Gated : Treatment::Skipped;
  const bool read_write = workload_.data_spaces[t].read_write;
  std::uint64_t& reads = c.at(Treatment::Random, Access::Read);
  const std::uint64_t read_delta = removed(reads, probability, read_write);
  c.at(treatment, Access::Read) += read_delta;
  reads -= read_delta;
  std::uint64_t& updates = c.at(Treatment::Random, Access::Update);
  const std::uint64_t update_delta = removed(updates, probability, false);
  c.at(treatment, Access::Update) += update_delta;
  updates -= update_delta;
  const int child = inner_keeper(level, t);
  const int ranks = child >= 0 ? this->tile(child, t).metadata_ranks() : tile.metadata_ranks();
  for (Access access : {Access::Read, Access::Update}) {
    RankList& actual = c.ranks(Treatment::Random, access);
    RankList& optimized = c.ranks(treatment, access);
    for (int r = 0; r < std::min(ranks, kMaxRanks); ++r) {
      for (auto member : {&RankUnits::metadata, &RankUnits::payload}) {
        const double delta = std::floor(actual[r].*member * probability);
        optimized[r].*member += delta;
        actual[r].*member -= delta;
      }
    }
  }
  if (tile.shape > 0 && read_write) scale_reductions(tile);
}

void SparseAnalysis::propagate() {
  std::vector<Working>& working = working_;
  working.resize(tiles_.size());
  for (std::size_t i = 0; i < tiles_.size(); ++i) {
    for (Access access : kAccesses) {
      const int a = static_cast<int>(access);
      working[i].data[a] = static_cast<double>(tiles_[i].counts.at(Treatment::Random, access));
      working[i].format[a] = tiles_[i].counts.ranks(Treatment::Random, access);
    }
  }
  double computes = static_cast<double>(compute_.random);
  auto finalize = [&](int level, int t, bool metadata_reads_from_updates) {
    TileState& tile = at(level, t);
    const Working& w = working[level * spaces_ + t];
    for (Access access : kAccesses) {
      tile.counts.at(Treatment::Random, access) = static_cast<std::uint64_t>(w.data[static_cast<int>(access)]);
      tile.counts.ranks(Treatment::Random, access) = w.format[static_cast<int>(access)];
    }
    // The reference takes the metadata reads of a level finalised from above from its updates.
    if (metadata_reads_from_updates)
      tile.counts.ranks(Treatment::Random, Access::Read) = w.format[static_cast<int>(Access::Update)];
    tile.finalized = true;
  };
  for (int t = 0; t < spaces_; ++t) {
    for (int level = levels_ - 1; level >= 0; --level) {
      const TileState& source = tile(level, t);
      if (source.saf == Saf::None) continue;
      const double p = source.saf_probability;
      bool met_other = false;
      for (int k = level - 1; k >= 0 && !met_other; --k) {
        Working& w = working[k * spaces_ + t];
        for (double& count : w.data) count = reduce(count, p);
        const TileState& inner = tile(k, t);
        if (inner.has_metadata() && std::min(inner.metadata_ranks(), source.metadata_ranks() - 1) == 0) {
          for (Access access : {Access::Fill, Access::Read}) {
            RankUnits& rank0 = w.format[static_cast<int>(access)][0];
            rank0.metadata = reduce(rank0.metadata, p);
            rank0.payload = reduce(rank0.payload, p);
          }
        }
        if (inner.saf == Saf::None) continue;
        finalize(k, t, true);
        apply_local(k, t, 1.0 - (1.0 - inner.saf_probability) / (1.0 - p), inner.saf);
        met_other = true;
      }
      if (!source.finalized) {
        finalize(level, t, false);
        apply_local(level, t, p, source.saf);
      }
      if (!met_other && !workload_.data_spaces[t].read_write) {
        computes = reduce(computes, p);
        storage_optimized_[t] = true;
        storage_probability_[t] = std::round(p * 1e6) / 1e6;
      }
    }
  }
  for (int level = 0; level < levels_; ++level) {
    for (int t = 0; t < spaces_; ++t) {
      TileState& tile = at(level, t);
      if (tile.saf != Saf::None) continue;
      finalize(level, t, false);
      scale_reductions(tile);
    }
  }
  compute_.random = static_cast<std::uint64_t>(computes);
}

// Data leaving a compressed parent for an uncompressed level is decompressed on the way in
// (and compressed on the way back for partial sums).
bool SparseAnalysis::count_decompressions() {
  for (int t = 0; t < spaces_; ++t) {
    for (int level = 0; level < levels_; ++level) {
      TileState& tile = at(level, t);
      if (!tile.kept) continue;
      const int parent = outer_keeper(level, t);
      if (parent < 0) continue;
      const TileState& above = this->tile(parent, t);
      if (tile.compressed() && !above.compressed())
        return fail(level, "compressing data on chip for an uncompressed parent level is not modelled");
      if (tile.compressed() || !above.compressed()) continue;
      tile.decompressions += tile.counts.at(Treatment::Random, Access::Fill);
      if (workload_.data_spaces[t].read_write) tile.compressions += above.counts.at(Treatment::Random, Access::Update);
    }
  }
  return true;
}

}  // namespace cimloop::sparse
