#pragma once
// What the sparse analysis knows about one tile (one data space at one storage level): its
// fibertree ranks, expected occupancy and metadata, the fine-grained (actual / gated /
// skipped) data and format access counts, and the explicit gating or skipping applied to it.
#include <array>
#include <cstdint>

#include "src/sparse/sparse_spec.hpp"

namespace cimloop::sparse {

// Per rank (metadata, payload) units; doubles while expected, integral once counted.
struct RankUnits {
  double metadata = 0, payload = 0;
};
using RankList = std::array<RankUnits, kMaxRanks>;

// Fibertree ranks of a tile (rank 0 innermost).
struct TileRanks {
  int count = 0;
  std::array<std::int64_t, kMaxRanks> fiber_shape{};
  // points[r]: points of the sub-tile one element of rank r stands for (points[0] = 1 unless
  // the ranks were copied from a child tile); points[count] is the top rank's fiber tile.
  std::array<std::int64_t, kMaxRanks + 1> points{};
};

enum class Access : std::uint8_t { Read, Fill, Update };
enum class Treatment : std::uint8_t { Random, Gated, Skipped };  // Random = actual accesses

struct FineCounts {
  // [treatment][access]
  std::array<std::array<std::uint64_t, 3>, 3> data{};
  std::array<std::array<RankList, 3>, 3> format{};

  std::uint64_t& at(Treatment treatment, Access access) {
    return data[static_cast<int>(treatment)][static_cast<int>(access)];
  }
  std::uint64_t at(Treatment treatment, Access access) const {
    return data[static_cast<int>(treatment)][static_cast<int>(access)];
  }
  RankList& ranks(Treatment treatment, Access access) {
    return format[static_cast<int>(treatment)][static_cast<int>(access)];
  }
  const RankList& ranks(Treatment treatment, Access access) const {
    return format[static_cast<int>(treatment)][static_cast<int>(access)];
  }
};

enum class Saf : std::uint8_t { None, Gating, Skipping, SpatialSkipping };

struct TileState {
  bool kept = false;
  std::int64_t shape = 0;  // dense tile size (0 when bypassed)
  const RepresentationSpec* format = nullptr;  // null: no metadata
  TileRanks ranks;
  double expected_data = 0;     // expected non-zeros of the tile
  double expected_density = 1;  // expected_data / shape
  RankList expected_metadata{};
  double avg_replication = 1;   // instances holding a non-empty tile, on average
  std::int64_t max_x = 1, max_y = 1;  // spatial expansion above the level

  // Dense counts (per instance) and the fine-grained split.
  std::uint64_t reads = 0, fills = 0, updates = 0, temporal_reductions = 0;
  FineCounts counts;
  std::uint64_t decompressions = 0, compressions = 0;

  // Explicit gating/skipping of this tile's accesses.
  Saf saf = Saf::None;
  double saf_probability = 0;
  bool finalized = false;

  bool has_metadata() const { return format != nullptr; }
  bool compressed() const { return format != nullptr && format->compressed; }
  int metadata_ranks() const { return format ? static_cast<int>(format->ranks.size()) : 0; }
};

}  // namespace cimloop::sparse
