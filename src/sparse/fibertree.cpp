#include "src/sparse/fibertree.hpp"

#include <cmath>

namespace cimloop::sparse {
namespace {

bool in_rule(const RankSpec& rank, int dimension) { return rank.flattened_dimensions >> dimension & 1u; }

// The data space's footprint of a loop's operation box.
std::int64_t points(const RankContext& context, const CandidateLoop& loop) {
  return context.workload.footprint(context.data_space, context.nest.molds[loop.loop].data());
}

// Loops of the levels from `level` down to the child keeper (exclusive) that move the data
// space, innermost first. Without pre-tiling the innermost loop of each dimension also
// stands for that dimension's loops below the child.
const std::vector<CandidateLoop>& candidate_loops(const RankContext& context, bool pretiling) {
  const CompleteNest& nest = context.nest;
  const int begin = nest.level_begin(context.child + 1), end = nest.level_end[context.level];
  std::vector<CandidateLoop>& candidates = context.scratch;
  candidates.clear();
  std::uint32_t seen = 0;
  for (int i = begin; i < end; ++i) {
    const NestLoop& loop = nest.loops[i];
    if (!(context.moving_dimensions >> loop.dimension & 1u)) continue;
    CandidateLoop candidate{loop.dimension, loop.factor, i};
    if (!pretiling && begin > 0 && !(seen >> loop.dimension & 1u)) candidate.factor *= nest.molds[begin - 1][loop.dimension];
    seen |= 1u << loop.dimension;
    candidates.push_back(candidate);
  }
  return candidates;
}

std::string child_alignment_failure(const RankContext& context, const TileState& tile, int& child_ranks) {
  const TileState& child = *context.child_tile;
  child_ranks = child.has_metadata() ? child.metadata_ranks() : 1;
  bool aligned = child_ranks <= tile.metadata_ranks();
  for (int r = 0; aligned && child.compressed() && r < child_ranks; ++r)
    aligned = tile.format->ranks[r].format == child.format->ranks[r].format;
  if (aligned) return "";
  return "pretiling for " + context.workload.data_spaces[context.data_space].name +
         "required but level compression format does not align: " + std::string(context.level_name) + " " +
         std::string(context.child_name) + "\n";
}

// Ranks from the top: each takes the next non-trivial loop (and, with a flattening rule,
// the inner loops of the rule's dimensions).
bool assign_outer_to_inner(const RankContext& context, const std::vector<CandidateLoop>& loops, int top, int bottom,
                           TileState& tile) {
  const int t = context.data_space;
  int pos = static_cast<int>(loops.size()) - 1;
  auto skip_trivial = [&] {
    while (pos >= 0 && loops[pos].factor == 1) --pos;
  };
  for (int r = top; r >= bottom; --r) {
    skip_trivial();
    Extents extents;
    extents.fill(1);
    tile.ranks.fiber_shape[r] = 1;
    tile.ranks.points[r + 1] = 1;
    if (pos < 0) continue;
    const RankSpec* rule = tile.format ? &tile.format->ranks[r] : nullptr;
    if (rule && rule->has_flattening && !in_rule(*rule, loops[pos].dimension)) continue;
    tile.ranks.points[r + 1] = points(context, loops[pos]);
    extents[loops[pos].dimension] *= loops[pos].factor;
    --pos;
    const bool absorb_all = rule == nullptr;  // a tile without metadata is one rank
    while (pos >= 0 && (absorb_all || (rule->has_flattening && (loops[pos].factor == 1 || in_rule(*rule, loops[pos].dimension))))) {
      extents[loops[pos].dimension] *= loops[pos].factor;
      --pos;
    }
    tile.ranks.fiber_shape[r] = context.workload.footprint(t, extents.data());
  }
  skip_trivial();
  return pos < 0;
}

// The mirror image: ranks from the bottom take loops from the innermost.
bool assign_inner_to_outer(const RankContext& context, const std::vector<CandidateLoop>& loops, int top, int bottom,
                           TileState& tile) {
  const int t = context.data_space;
  const int size = static_cast<int>(loops.size());
  int pos = 0;
  auto skip_trivial = [&] {
    while (pos < size && loops[pos].factor == 1) ++pos;
  };
  for (int r = bottom; r <= top; ++r) {
    skip_trivial();
    Extents extents;
    extents.fill(1);
    tile.ranks.fiber_shape[r] = 1;
    tile.ranks.points[r + 1] = 1;
    if (pos >= size) continue;
    const RankSpec& rule = tile.format->ranks[r];
    if (rule.has_flattening && !in_rule(rule, loops[pos].dimension)) continue;
    extents[loops[pos].dimension] *= loops[pos].factor;
    tile.ranks.points[r + 1] = points(context, loops[pos]);
    ++pos;
    while (pos < size && rule.has_flattening && (loops[pos].factor == 1 || in_rule(rule, loops[pos].dimension))) {
      extents[loops[pos].dimension] *= loops[pos].factor;
      tile.ranks.points[r + 1] = points(context, loops[pos]);
      ++pos;
    }
    tile.ranks.fiber_shape[r] = context.workload.footprint(t, extents.data());
  }
  skip_trivial();
  return pos >= size;
}

}  // namespace

std::string assign_ranks(const RankContext& context, TileState& tile) {
  const int ranks = tile.has_metadata() ? tile.metadata_ranks() : 1;
  tile.ranks = TileRanks{};
  tile.ranks.count = ranks;
  const bool pretiling = tile.compressed() && context.child >= 0 && context.child_tile->shape > 1;
  int child_ranks = 0;
  if (pretiling) {
    std::string failure = child_alignment_failure(context, tile, child_ranks);
    if (!failure.empty()) return failure;
  }
  const std::vector<CandidateLoop>& loops = candidate_loops(context, pretiling);
  const bool inner_to_outer = tile.format && tile.format->inner_to_outer;
  const bool complete = inner_to_outer ? assign_inner_to_outer(context, loops, ranks - 1, child_ranks, tile)
                                       : assign_outer_to_inner(context, loops, ranks - 1, child_ranks, tile);
  if (!complete) {
    return "more compression ranks needed than supported in hardware. dataspace name: " +
           context.workload.data_spaces[context.data_space].name;
  }
  tile.ranks.points[0] = 1;
  if (pretiling) {
    const TileRanks& below = context.child_tile->ranks;
    for (int r = 0; r < child_ranks; ++r) tile.ranks.fiber_shape[r] = below.fiber_shape[r];
    for (int r = 0; r <= child_ranks; ++r) tile.ranks.points[r] = below.points[r];
  }
  return "";
}

RankList metadata_occupancy(const TileState& tile, const DensityModel& density, std::int64_t occupancy) {
  RankList units{};
  const int ranks = tile.ranks.count;
  const OccupancyConstraint whole{tile.shape, occupancy};
  const int top = tile.format->inner_to_outer ? 0 : ranks - 1;
  double fibers_above = 1;  // fibers of the current rank, empty or not
  std::int64_t current = tile.shape;
  for (int r = ranks - 1; r >= 0; --r) {
    const std::int64_t next = tile.ranks.points[r];
    const double shape = static_cast<double>(tile.ranks.fiber_shape[r]);
    if (tile.ranks.fiber_shape[r] != 1 || r == top) {
      const double fibers = fibers_above * (1.0 - density.probability(current, 0, whole));
      const double occupied = 1.0 - density.probability(next, 0, whole);
      RankUnits& u = units[r];
      switch (tile.format->ranks[r].format) {
        case RankFormat::UOP:
          u.payload = fibers * (shape + 1);
          break;
        case RankFormat::CP:
          u.metadata = u.payload = fibers * std::ceil(shape * occupied);
          break;
        case RankFormat::RLE:
          u.metadata = u.payload = fibers * (shape * occupied);
          break;
        case RankFormat::B:
          u.metadata = fibers * shape;
          u.payload = fibers * std::ceil(shape * occupied);
          break;
        case RankFormat::UB:
          u.metadata = u.payload = fibers_above * shape;
          break;
      }
    }
    fibers_above *= shape;
    current = next;
  }
  // The lowest rank's payload is the data itself.
  for (int r = 0; r < ranks; ++r) {
    if (units[r].metadata != 0 || units[r].payload != 0) {
      units[r].payload = 0;
      break;
    }
  }
  return units;
}

double metadata_bits(const TileState& tile, const RankList& units) {
  double bits = 0;
  for (int r = 0; r < tile.ranks.count; ++r) {
    bits += units[r].metadata * tile.format->ranks[r].metadata_word_bits +
            units[r].payload * tile.format->ranks[r].payload_word_bits;
  }
  return bits;
}

}  // namespace cimloop::sparse
