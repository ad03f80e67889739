#include "src/nest/nest_analysis.hpp"

#include <algorithm>

namespace cimloop::nest {
namespace {

using mapping::LoopKind;
using workload::kMaxRanks;

std::int64_t intersection_size(const std::array<std::int64_t, kMaxRanks>& lo1,
                               const std::array<std::int64_t, kMaxRanks>& hi1,
                               const std::array<std::int64_t, kMaxRanks>& lo2,
                               const std::array<std::int64_t, kMaxRanks>& hi2, int ranks) {
  std::int64_t size = 1;
  for (int r = 0; r < ranks; ++r) {
    const std::int64_t extent = std::min(hi1[r], hi2[r]) - std::max(lo1[r], lo2[r]) + 1;
    if (extent <= 0) return 0;
    size *= extent;
  }
  return size;
}

// Half of an integer, rounded to nearest with ties away from zero.
std::int64_t half_rounded(std::int64_t twice) { return twice >= 0 ? (twice + 1) / 2 : -((-twice + 1) / 2); }

}  // namespace

NestAnalysis::NestAnalysis(const workload::Workload& workload)
    : workload_(workload),
      num_dimensions_(workload.num_dimensions()),
      num_data_spaces_(workload.num_data_spaces()) {
  for (int t = 0; t < num_data_spaces_; ++t) num_ranks_[t] = static_cast<int>(workload.data_spaces[t].ranks.size());
  unit_extent_.fill(1);
}

void NestAnalysis::prepare(const mapping::Mapping& mapping) {
  const int count = mapping.num_loops();
  loops_.resize(count);
  std::array<std::int64_t, workload::kMaxDimensions> extent;
  extent.fill(1);
  int level = 0;
  for (int l = 0; l < count; ++l) {
    const mapping::Loop& loop = mapping.loops[l];
    LoopInfo& info = loops_[l];
    info.dimension = loop.dimension;
    info.factor = loop.factor;
    info.spatial = loop.spatial();
    while (level < static_cast<int>(mapping.boundaries.size()) && mapping.boundaries[level] < l) ++level;
    info.owner = level;
    info.boundary = mapping.boundaries[level] == l;
    info.step = extent[loop.dimension];
    extent[loop.dimension] *= loop.factor;
    info.extent = extent;
    info.master = info.spatial && (l + 1 == count || !mapping.loops[l + 1].spatial());
    info.block_begin = l;
    info.fanout = 1;
  }
  for (int l = 0; l < count; ++l) {
    if (!loops_[l].master) continue;
    int begin = l;
    while (begin > 0 && loops_[begin - 1].spatial) --begin;
    loops_[l].block_begin = begin;
    for (int j = begin; j <= l; ++j) loops_[l].fanout *= loops_[j].factor;
  }
  states_.assign(static_cast<std::size_t>(count) * num_data_spaces_, TileState{});
  compute_child_states_.fill(TileState{});
  classes_.assign(static_cast<std::size_t>(count) * num_data_spaces_, 1);
  for (int l = 0; l < count; ++l)
    if (loops_[l].master) count_multicast_classes(l);
}

// Children of a spatial block hold translated copies of child 0's delta, so two children
// share data exactly when their translations are equal: count the distinct translations.
void NestAnalysis::count_multicast_classes(int master) {
  const LoopInfo& info = loops_[master];
  const int begin = info.block_begin;
  const int block = master - begin + 1;
  for (int t = 0; t < num_data_spaces_; ++t) {
    std::int64_t& classes = classes_[master * num_data_spaces_ + t];
    if (mapping_->no_multicast[info.owner] >> t & 1u) {
      classes = info.fanout;
      continue;
    }
    const int ranks = num_ranks_[t];
    // Per block loop, the translation of one step in every rank.
    std::array<std::array<std::int64_t, kMaxRanks>, 2 * workload::kMaxDimensions> step{};
    for (int j = 0; j < block; ++j) {
      const LoopInfo& loop = loops_[begin + j];
      for (int r = 0; r < ranks; ++r) {
        std::int64_t move = 0;
        for (const workload::Term& term : workload_.data_spaces[t].ranks[r])
          if (term.dimension == loop.dimension) move += term.coefficient * loop.step;
        step[j][r] = move;
      }
    }
    scratch_keys_.assign(static_cast<std::size_t>(info.fanout) * ranks, 0);
    std::array<std::int64_t, 2 * workload::kMaxDimensions> index{};
    std::array<std::int64_t, kMaxRanks> position{};
    for (std::int64_t child = 0; child < info.fanout; ++child) {
      std::copy(position.begin(), position.begin() + ranks, scratch_keys_.begin() + child * ranks);
      for (int j = 0; j < block; ++j) {  // mixed-radix increment, innermost loop fastest
        for (int r = 0; r < ranks; ++r) position[r] += step[j][r];
        if (++index[j] < loops_[begin + j].factor) break;
        for (int r = 0; r < ranks; ++r) position[r] -= step[j][r] * index[j];
        index[j] = 0;
      }
    }
    std::vector<const std::int64_t*> rows(info.fanout);
    for (std::int64_t child = 0; child < info.fanout; ++child) rows[child] = scratch_keys_.data() + child * ranks;
    auto less = [ranks](const std::int64_t* a, const std::int64_t* b) {
      return std::lexicographical_compare(a, a + ranks, b, b + ranks);
    };
    std::sort(rows.begin(), rows.end(), less);
    classes = 1;
    for (std::size_t k = 1; k < rows.size(); ++k)
      if (less(rows[k - 1], rows[k])) ++classes;
  }
}

std::int64_t NestAnalysis::footprint(const std::array<std::int64_t, workload::kMaxDimensions>& extent,
                                     int data_space, Box& box) const {
  const auto& ranks = workload_.data_spaces[data_space].ranks;
  std::int64_t size = 1;
  for (int r = 0; r < num_ranks_[data_space]; ++r) {
    std::int64_t lo = 0, hi = 0;
    for (const workload::Term& term : ranks[r]) {
      const std::int64_t first = origin_[term.dimension];
      const std::int64_t last = first + extent[term.dimension] - 1;
      if (term.coefficient >= 0) {
        lo += term.coefficient * first;
        hi += term.coefficient * last;
      } else {
        lo += term.coefficient * last;
        hi += term.coefficient * first;
      }
    }
    box.lo[r] = lo;
    box.hi[r] = hi;
    size *= hi - lo + 1;
  }
  return size;
}

std::int64_t NestAnalysis::apply_delta_rule(TileState& state, const Box& box, std::int64_t size,
                                            int data_space) const {
  const int ranks = num_ranks_[data_space];
  std::array<std::int64_t, kMaxRanks> move{};
  bool zero_move = true;
  if (state.has_last) {
    for (int r = 0; r < ranks; ++r) {
      move[r] = half_rounded(box.lo[r] + box.hi[r] - state.last.lo[r] - state.last.hi[r]);
      zero_move = zero_move && move[r] == 0;
    }
  }
  const std::int64_t kept =
      state.has_last ? intersection_size(box.lo, box.hi, state.last.lo, state.last.hi, ranks) : 0;
  std::int64_t delta = size - kept;
  const bool learn = options_.delta_rule == DeltaRule::Reference ? !state.has_stride
                                                                  : state.has_last && !zero_move && !state.has_stride;
  const bool ignore = options_.delta_rule == DeltaRule::Head && (!state.has_last || zero_move);
  if (ignore) {
  } else if (learn) {
    state.has_stride = state.has_last;
    state.stride = move;
  } else if (!std::equal(move.begin(), move.begin() + ranks, state.stride.begin())) {
    delta = size;
    state.has_stride = false;
  }
  state.last = box;
  state.has_last = true;
  return delta;
}

void NestAnalysis::finish_visit(int loop, std::int64_t* deltas) {
  const LoopInfo& info = loops_[loop];
  const mapping::DataSpaceMask no_reuse = mapping_->no_temporal_reuse[info.owner];
  Box box;
  for (int t = 0; t < num_data_spaces_; ++t) {
    TileState& tile = state(loop, t);
    const std::int64_t size = footprint(info.extent, t, box);
    if (info.boundary || info.master) tile.max_size = std::max(tile.max_size, size);
    deltas[t] = (no_reuse >> t & 1u) ? size : apply_delta_rule(tile, box, size, t);
  }
}

void NestAnalysis::visit(int loop, std::int64_t* deltas) {
  if (loops_[loop].spatial) {
    visit_spatial(loop);
  } else {
    visit_temporal(loop);
  }
  finish_visit(loop, deltas);
}

void NestAnalysis::visit_temporal(int loop) {
  const LoopInfo& info = loops_[loop];
  if (loop == 0) {
    const double computes = static_cast<double>(info.factor * epoch_);
    compute_counter_ += computes;
    for (int t = 0; t < num_data_spaces_; ++t) state(loop, t).accesses += computes;
    return;
  }
  std::int64_t first[workload::kMaxDataSpaces], later[workload::kMaxDataSpaces];
  const bool child_is_boundary = loops_[loop - 1].boundary;
  const std::int64_t saved_origin = origin_[info.dimension];
  visit(loop - 1, first);
  if (child_is_boundary)
    for (int t = 0; t < num_data_spaces_; ++t) state(loop, t).accesses += static_cast<double>(first[t] * epoch_);
  if (options_.temporal_extrapolation) {
    if (info.factor >= 2) {
      origin_[info.dimension] += info.step;
      const std::int64_t saved_epoch = epoch_;
      epoch_ *= info.factor - 1;
      visit(loop - 1, later);
      epoch_ = saved_epoch;
      if (child_is_boundary)
        for (int t = 0; t < num_data_spaces_; ++t)
          state(loop, t).accesses += static_cast<double>(later[t] * (info.factor - 1) * epoch_);
    }
  } else {
    for (std::int64_t i = 1; i < info.factor; ++i) {
      origin_[info.dimension] += info.step;
      visit(loop - 1, later);
      if (child_is_boundary)
        for (int t = 0; t < num_data_spaces_; ++t) state(loop, t).accesses += static_cast<double>(later[t] * epoch_);
    }
  }
  origin_[info.dimension] = saved_origin;
}

void NestAnalysis::visit_spatial(int loop) {
  const LoopInfo& info = loops_[loop];
  std::int64_t child[workload::kMaxDataSpaces];
  if (info.block_begin == 0) {
    // Spatial fan-out onto the arithmetic: a child's working set is its single operation,
    // compared with that child's previous operation.
    compute_counter_ += static_cast<double>(epoch_);
    Box box;
    for (int t = 0; t < num_data_spaces_; ++t) {
      const std::int64_t size = footprint(unit_extent_, t, box);
      child[t] = apply_delta_rule(compute_child_state(t), box, size, t);
    }
  } else {
    visit(info.block_begin - 1, child);
  }
  for (int t = 0; t < num_data_spaces_; ++t) state(loop, t).accesses += static_cast<double>(child[t] * epoch_);
}

void NestAnalysis::collect(const mapping::Mapping& mapping) {
  const int levels = static_cast<int>(mapping.boundaries.size());
  result_.levels.assign(levels, LevelTraffic{});
  std::int64_t replication = 1, expansion_x = 1, expansion_y = 1;
  int level = levels - 1;
  for (int l = mapping.num_loops() - 1; l >= 0; --l) {
    while (level >= 0 && mapping.boundaries[level] == l) {
      LevelTraffic& traffic = result_.levels[level];
      traffic.replication = replication;
      traffic.expansion_x = expansion_x;
      traffic.expansion_y = expansion_y;
      --level;
    }
    const LoopInfo& info = loops_[l];
    if (info.spatial) {
      replication *= info.factor;
      (mapping.loops[l].kind == LoopKind::SpatialX ? expansion_x : expansion_y) *= info.factor;
    }
  }
  result_.compute_replication = replication;
  result_.compute_expansion_x = expansion_x;
  result_.compute_expansion_y = expansion_y;
  result_.compute_accesses = compute_counter_;
  for (int i = 0; i < levels; ++i) {
    LevelTraffic& traffic = result_.levels[i];
    int innermost = i == 0 ? 0 : mapping.boundaries[i - 1] + 1;
    while (loops_[innermost].spatial && !loops_[innermost].master) ++innermost;
    const LoopInfo& inner = loops_[innermost];
    traffic.innermost_is_spatial = inner.spatial;
    traffic.fanout = inner.spatial ? inner.fanout : 1;
    for (int t = 0; t < num_data_spaces_; ++t) {
      LevelDataSpaceTraffic& ds = traffic.data_spaces[t];
      const TileState& record = state(innermost, t);
      ds.tile_size = state(mapping.boundaries[i], t).max_size;
      ds.innermost_size = record.max_size;
      ds.multicast_classes = inner.spatial ? classes_[innermost * num_data_spaces_ + t] : 1;
      ds.content_accesses = record.accesses * static_cast<double>(ds.multicast_classes);
      ds.weighted_accesses = record.accesses * static_cast<double>(traffic.fanout);
    }
  }
}

const NestResult& NestAnalysis::run(const mapping::Mapping& mapping, const NestOptions& options) {
  options_ = options;
  mapping_ = &mapping;
  prepare(mapping);
  origin_.fill(0);
  epoch_ = 1;
  compute_counter_ = 0;
  std::int64_t deltas[workload::kMaxDataSpaces];
  if (mapping.num_loops() > 0) visit(mapping.num_loops() - 1, deltas);
  collect(mapping);
  return result_;
}

}  // namespace cimloop::nest
