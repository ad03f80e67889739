// Explicit gating and skipping (Sparseloop's storage gating/skipping analysis): the
// probability that an access of the target tile is optimised away because the leader tiles
// it is conditioned on are empty, and the choice among alternative options.
#include <algorithm>
#include <cmath>

#include "src/sparse/sparse_analysis.hpp"

namespace cimloop::sparse {
namespace {

struct TargetLoop {
  int loop = 0;
  bool scalar = false;  // the optimisation acts on single elements
};

// The loop at whose granularity the target's accesses are optimised: the innermost loop
// that moves the target below level `tau` (down to its child keeper `child`).
TargetLoop find_target_loop(const CompleteNest& nest, std::uint32_t target_moves, int tau, int child) {
  const int first = nest.level_begin(child + 1), last = nest.level_end[tau];
  for (int j = first; j < last; ++j) {
    const NestLoop& loop = nest.loops[j];
    if (child >= 0) {
      if (loop.factor > 1 && (target_moves >> loop.dimension & 1u)) return {j, false};
      continue;
    }
    const bool next_in_level = j + 1 < nest.level_end[loop.level];
    if (next_in_level && !nest.loops[j + 1].spatial) return {j, !loop.spatial};
    if (loop.spatial && next_in_level && loop.factor > 1 && (target_moves >> loop.dimension & 1u))
      return {j, false};
  }
  return {last - 1, false};
}

struct GatingContext {
  const CompleteNest& nest;
  const workload::Workload& workload;
  const std::vector<DensityModel>& densities;
  const std::array<std::uint32_t, workload::kMaxDataSpaces>& moving;  // moving dimensions per data space
};

// Probability that an access of `option.target` (kept at `tau`) is ineffectual.
double ineffectual_probability(const GatingContext& c, const arch::BufferSpec& storage, const ActionOption& option,
                               int tau, int child) {
  const CompleteNest& nest = c.nest;
  const workload::Workload& workload = c.workload;
  const int target = option.target;
  auto moves = [&](int t, int dimension) { return bool(c.moving[t] >> dimension & 1u); };
  const TargetLoop found = find_target_loop(nest, c.moving[target], tau, child);
  const NestLoop& target_loop = nest.loops[found.loop];
  Extents mold;
  mold.fill(1);
  if (!found.scalar) mold = nest.molds[found.loop];
  // Spatial loops above the target loop widen the leader tile each access depends on.
  Extents leader_box = mold;
  std::vector<int> relevant;
  bool projecting_temporal_seen = false;
  for (int j = found.loop + 1; j < nest.level_end[tau]; ++j) {
    const NestLoop& loop = nest.loops[j];
    if (loop.factor == 1) continue;
    bool widens = loop.spatial;
    if (!loop.spatial && target_loop.spatial && child >= 0) {
      if (moves(target, loop.dimension)) projecting_temporal_seen = true;
      else widens = !projecting_temporal_seen;
    }
    if (!widens) continue;
    leader_box[loop.dimension] *= loop.factor;
    relevant.push_back(j);
  }
  double effectual = 1;
  for (int leader : option.leaders) {
    Extents leader_extents = leader_box;
    Extents coiterated;  // per dimension: product of its relevant co-iterated factors
    coiterated.fill(1);
    std::uint32_t coiterated_dimensions = 0;
    std::int64_t aggregate = 1;
    bool ineffective = false;
    if (!found.scalar) {
      bool coiterated_seen = false;
      for (int j : relevant) {
        const NestLoop& loop = nest.loops[j];
        const bool shared = moves(target, loop.dimension) && moves(leader, loop.dimension);
        if (target_loop.spatial && coiterated_seen && moves(leader, loop.dimension)) {
          ineffective = true;
          break;
        }
        if (!shared) continue;
        coiterated[loop.dimension] *= loop.factor;
        coiterated_dimensions |= 1u << loop.dimension;
        aggregate *= loop.factor;
        coiterated_seen = true;
      }
    }
    if (ineffective) continue;
    // A block of the target level may span several target units: widen the leader tile.
    const double unit = static_cast<double>(workload.footprint(target, mold.data())) / static_cast<double>(aggregate);
    double span = std::ceil(static_cast<double>(storage.block_size) / unit);
    for (int dimension = 0; dimension < workload::kMaxDimensions; ++dimension) {
      if (!(coiterated_dimensions >> dimension & 1u)) continue;
      const std::int64_t factor = coiterated[dimension];
      const double each = static_cast<double>(factor) / span;
      leader_extents[dimension] =
          static_cast<std::int64_t>(std::ceil(static_cast<double>(leader_extents[dimension]) / each));
      span /= static_cast<double>(factor);
    }
    if (span > 1) {
      leader_extents[target_loop.dimension] =
          static_cast<std::int64_t>(std::ceil(static_cast<double>(leader_extents[target_loop.dimension]) * span));
    }
    effectual *= 1.0 - c.densities[leader].empty_probability(workload.footprint(leader, leader_extents.data()));
  }
  return 1.0 - effectual;
}

}  // namespace

bool SparseAnalysis::explicit_optimizations(const CompleteNest& nest) {
  for (ActionKind kind : {ActionKind::Gating, ActionKind::Skipping}) {
    const Saf saf = kind == ActionKind::Gating ? Saf::Gating : Saf::Skipping;
    for (int level = 0; level < levels_; ++level) {
      for (const ActionGroup& group : spec_.levels[level].groups(kind)) {
        double best_savings = -1, best_probability = 0;
        int best_tau = -1, best_target = -1;
        for (const ActionOption& option : group) {
          const int target = option.target;
          const int tau = tile(level, target).kept ? level : outer_keeper(level, target);
          if (tau < 0) {
            return fail(level, "skipping/gating for " + workload_.data_spaces[target].name +
                                   "does not have a source storage for datastreams" + arch_.storage[level].name + "\n");
          }
          const int child = inner_keeper(tau, target);
          const double p = ineffectual_probability({nest, workload_, densities_, moving_}, arch_.storage[tau], option,
                                                   tau, child);
          const arch::BufferSpec& storage = arch_.storage[tau];
          const TileState& source = tile(child >= 0 ? child : tau, target);
          double metadata_units = 0;
          for (int r = 0; r < source.ranks.count && source.has_metadata(); ++r)
            metadata_units += source.expected_metadata[r].metadata + source.expected_metadata[r].payload;
          const std::int64_t word_ratio = spec_.metadata[tau].word_bits / storage.word_bits;
          const double occupancy = tile(tau, target).expected_data + metadata_units * static_cast<double>(word_ratio);
          const double savings =
              storage.read_energy / static_cast<double>(storage.block_size) * occupancy * p;
          if (savings >= best_savings) {
            best_savings = savings;
            best_probability = p;
            best_tau = tau;
            best_target = target;
          }
        }
        if (best_tau < 0) continue;
        TileState& chosen = at(best_tau, best_target);
        if (chosen.saf == Saf::None || best_probability > chosen.saf_probability) {
          chosen.saf = saf;
          chosen.saf_probability = best_probability;
        }
      }
    }
  }
  return true;
}

}  // namespace cimloop::sparse
