#include "src/nest/nest_analysis.hpp"

#include <algorithm>
#include <cstdlib>

namespace cimloop::nest {
namespace {

using mapping::LoopKind;
using workload::kMaxDimensions;
using workload::kMaxRanks;

}  // namespace

NestAnalysis::NestAnalysis(const workload::Workload& workload)
    : num_dimensions_(workload.num_dimensions()),
      num_data_spaces_(workload.num_data_spaces()),
      coefficients_(static_cast<std::size_t>(workload::kMaxDataSpaces) * kMaxDimensions * kMaxRanks, 0) {
  for (int t = 0; t < num_data_spaces_; ++t) {
    const auto& ranks = workload.data_spaces[t].ranks;
    num_ranks_[t] = static_cast<int>(ranks.size());
    for (int r = 0; r < num_ranks_[t]; ++r) {
      for (const workload::Term& term : ranks[r]) {
        coefficients_[(t * kMaxDimensions + term.dimension) * kMaxRanks + r] += term.coefficient;
        span_terms_.push_back({t, r, term.dimension, std::abs(term.coefficient)});
      }
    }
  }
  unit_shape_.span.fill(1);
  for (int t = 0; t < num_data_spaces_; ++t)
    for (int d = 0; d < num_dimensions_; ++d)
      for (int r = 0; r < num_ranks_[t]; ++r)
        if (coefficient(t, d, r) != 0) dimension_moves_[d].push_back({t, r, coefficient(t, d, r)});
}

// Extent of each rank of a working set whose operation box has the given per-dimension
// extents: sum of |coefficient| * (extent - 1), plus one.
void NestAnalysis::compute_shapes(int loop, const std::array<std::int64_t, kMaxDimensions>& extent) {
  Shape* shapes = &shapes_[loop * num_data_spaces_];
  for (int t = 0; t < num_data_spaces_; ++t) std::fill_n(shapes[t].span.begin(), num_ranks_[t], 1);
  for (const SpanTerm& term : span_terms_)
    shapes[term.data_space].span[term.rank] += term.magnitude * (extent[term.dimension] - 1);
  for (int t = 0; t < num_data_spaces_; ++t) {
    shapes[t].size = 1;
    for (int r = 0; r < num_ranks_[t]; ++r) shapes[t].size *= shapes[t].span[r];
  }
}

void NestAnalysis::prepare(const mapping::Mapping& mapping) {
  const int count = mapping.num_loops();
  loops_.resize(count);
  shapes_.resize(static_cast<std::size_t>(count) * num_data_spaces_);
  std::array<std::int64_t, kMaxDimensions> extent;
  extent.fill(1);
  int level = 0;
  for (int l = 0; l < count; ++l) {
    const mapping::Loop& loop = mapping.loops[l];
    LoopInfo& info = loops_[l];
    info.dimension = loop.dimension;
    info.factor = loop.factor;
    info.residual = loop.residual;
    info.residual_dims = 0;
    info.spatial = loop.spatial();
    while (level < static_cast<int>(mapping.boundaries.size()) && mapping.boundaries[level] < l) ++level;
    info.owner = level;
    info.boundary = mapping.boundaries[level] == l;
    info.step = extent[loop.dimension];
    extent[loop.dimension] *= loop.factor;
    info.master = info.spatial && (l + 1 == count || !mapping.loops[l + 1].spatial());
    if (info.boundary || info.master) {  // only these loops track working sets; tiles are the largest ones
      compute_shapes(l, imperfect_ ? mapping::largest_extents(mapping, l) : extent);
    }
    info.block_begin = l;
    info.fanout = 1;
    info.fanout_x = 1;
    info.feeds_fanout = false;
    info.mirrors_child = !imperfect_ && !info.spatial && info.boundary && loop.factor == 1 && l > 0 &&
                         loops_[l - 1].boundary && mapping.no_temporal_reuse[level] == 0 &&
                         mapping.no_temporal_reuse[level - 1] == 0;
  }
  if (imperfect_) prepare_imperfect(mapping);
  for (int l = 0; l < count; ++l) {
    if (!loops_[l].master) continue;
    int begin = l;
    while (begin > 0 && loops_[begin - 1].spatial) --begin;
    loops_[l].block_begin = begin;
    if (begin > 0 && options_.link_transfers) {
      // The boundary feeding this fan-out, or the boundary it mirrors, records delta sets.
      int feeder = begin - 1;
      loops_[feeder].feeds_fanout = true;
      while (loops_[feeder].mirrors_child) loops_[--feeder].feeds_fanout = true;
    }
    for (int j = begin; j <= l; ++j) {
      loops_[l].fanout *= loops_[j].factor;
      if (mapping.loops[j].kind == LoopKind::SpatialX) loops_[l].fanout_x *= loops_[j].factor;
    }
  }
  states_.assign(static_cast<std::size_t>(count) * num_data_spaces_, TileState{});
  compute_child_states_.fill(TileState{});
  classes_.assign(static_cast<std::size_t>(count) * num_data_spaces_, 1);
  fanouts_.assign(static_cast<std::size_t>(count) * num_data_spaces_, FanoutState{});
  if (options_.network_statistics) histograms_.assign(static_cast<std::size_t>(count) * num_data_spaces_, {});
  for (int l = 0; l < count; ++l) {
    if (!loops_[l].master) continue;
    FanoutAnalysis& analysis = analyse_fanout(l);
    for (int t = 0; t < num_data_spaces_; ++t) {
      classes_[l * num_data_spaces_ + t] = analysis.classes[t];
      fanouts_[l * num_data_spaces_ + t].plan = &analysis.plans[t];
      fanouts_[l * num_data_spaces_ + t].groups = &analysis.groups[t];
    }
  }
}

void NestAnalysis::shift_origin(int dimension, std::int64_t amount) {
  for (const RankMove& move : dimension_moves_[dimension]) corner_[move.data_space][move.rank] += move.coefficient * amount;
}

namespace {

// Whole-vector helpers run over all kMaxRanks entries (ranks a data space does not have are 0),
// which the compiler vectorises; they run for every boundary visit and data space.
__attribute__((always_inline)) inline bool same_vector(const RankVector& a, const RankVector& b) {
  std::int64_t differences = 0;
  for (int r = 0; r < workload::kMaxRanks; ++r) differences |= a[r] ^ b[r];
  return differences == 0;
}

__attribute__((always_inline)) inline bool is_zero(const RankVector& a) {
  std::int64_t bits = 0;
  for (int r = 0; r < workload::kMaxRanks; ++r) bits |= a[r];
  return bits == 0;
}

// Elements a working set of span `span` shares with itself moved by `move`.
__attribute__((always_inline)) inline std::int64_t overlap(const RankVector& move, const RankVector& span, int ranks) {
  std::int64_t kept = 1;
  for (int r = 0; r < ranks; ++r) kept *= std::max<std::int64_t>(0, span[r] - std::abs(move[r]));
  return kept;
}

// Unrolled for the usual rank counts.
__attribute__((always_inline)) inline std::int64_t overlap_any(const RankVector& move, const RankVector& span,
                                                               int ranks) {
  switch (ranks) {
    case 1: return overlap(move, span, 1);
    case 2: return overlap(move, span, 2);
    case 3: return overlap(move, span, 3);
    case 4: return overlap(move, span, 4);
    default: return overlap(move, span, ranks);
  }
}

}  // namespace

// The working set now sits at corner_[t]; the previous one (same shape) at state.last. Also
// records the delta as a point set for link-transfer detection. Ranks a data space does not
// have stay 0 in corners, so whole vectors are copied.
template <bool kRecordSet>
__attribute__((always_inline)) inline std::int64_t NestAnalysis::apply_delta_rule(TileState& state, const Shape& shape,
                                                                                int data_space) {
  const RankVector& corner = corner_[data_space];
  DeltaSet& set = last_delta_[data_space];
  if constexpr (kRecordSet) {
    set.corner = corner;
    set.partial = false;
    set.size = shape.size;
  }
  if (!state.has_last) {  // nothing held yet: everything is new, no stride to learn
    state.last = corner;
    state.has_last = true;
    return shape.size;
  }
  RankVector move;
  for (int r = 0; r < workload::kMaxRanks; ++r) move[r] = corner[r] - state.last[r];
  std::int64_t delta = shape.size;
  if (options_.delta_rule == DeltaRule::Head && is_zero(move)) {
    delta = 0;  // zero moves keep everything and leave the remembered stride alone
  } else if (!state.has_stride) {
    state.stride = move;
    state.has_stride = true;
    delta = shape.size - overlap_any(move, shape.span, num_ranks_[data_space]);
  } else if (same_vector(move, state.stride)) {
    delta = shape.size - overlap_any(move, shape.span, num_ranks_[data_space]);
  } else {
    state.has_stride = false;  // a changed stride: the whole working set is refetched
  }
  if constexpr (kRecordSet) {
    if (delta != shape.size) {
      set.partial = true;
      set.removed = state.last;
      set.size = delta;
    }
  }
  state.last = corner;
  return delta;
}

// The deltas of a storage boundary's working sets (the only deltas ever consumed: by the
// enclosing loop or spatial fan-out).
void NestAnalysis::finish_visit(int loop, std::int64_t* deltas) {
  if (imperfect_) {
    finish_imperfect_visit(loop, deltas);
    return;
  }
  const LoopInfo& info = loops_[loop];
  const mapping::DataSpaceMask no_reuse = mapping_->no_temporal_reuse[info.owner];
  TileState* tiles = &states_[loop * num_data_spaces_];
  const Shape* shapes = &shapes_[loop * num_data_spaces_];
  for (int t = 0; t < num_data_spaces_; ++t) {
    if (no_reuse >> t & 1u) {
      deltas[t] = shapes[t].size;
      last_delta_[t] = DeltaSet{corner_[t], {}, false, shapes[t].size};
    } else {
      deltas[t] = info.feeds_fanout ? apply_delta_rule<true>(tiles[t], shapes[t], t)
                                    : apply_delta_rule<false>(tiles[t], shapes[t], t);
    }
  }
}

void NestAnalysis::visit(int loop, std::int64_t* deltas) {
  if (loops_[loop].spatial) {
    visit_spatial(loop);
  } else {
    visit_temporal(loop, deltas);
  }
  if (loops_[loop].boundary && !loops_[loop].mirrors_child) finish_visit(loop, deltas);  // mirrors copied their child's
}

void NestAnalysis::visit_temporal(int loop, std::int64_t* deltas) {
  const LoopInfo& info = loops_[loop];
  if (loop == 0) {  // its iterations are also the loop's accesses (see collect)
    const std::int64_t iterations = (last_pass_ >> info.dimension & 1u) ? info.residual : info.factor;
    compute_counter_ += static_cast<double>(iterations * epoch_);
    return;
  }
  if (run_last_) {
    visit_passes(loop, deltas);
    return;
  }
  std::int64_t first[workload::kMaxDataSpaces], later[workload::kMaxDataSpaces];
  const bool child_is_boundary = loops_[loop - 1].boundary;
  visit(loop - 1, first);
  if (child_is_boundary)
    for (int t = 0; t < num_data_spaces_; ++t) state(loop, t).accesses += static_cast<double>(first[t] * epoch_);
  if (info.mirrors_child) std::copy(first, first + num_data_spaces_, deltas);
  if (info.factor < 2) return;
  if (options_.temporal_extrapolation) {
    // Iteration 1 stands for iterations 1 .. factor-1.
    shift_origin(info.dimension, info.step);
    const std::int64_t saved_epoch = epoch_;
    epoch_ *= info.factor - 1;
    visit(loop - 1, later);
    epoch_ = saved_epoch;
    if (child_is_boundary)
      for (int t = 0; t < num_data_spaces_; ++t)
        state(loop, t).accesses += static_cast<double>(later[t] * (info.factor - 1) * epoch_);
    shift_origin(info.dimension, -info.step);
    return;
  }
  for (std::int64_t i = 1; i < info.factor; ++i) {
    shift_origin(info.dimension, info.step);
    visit(loop - 1, later);
    if (child_is_boundary)
      for (int t = 0; t < num_data_spaces_; ++t) state(loop, t).accesses += static_cast<double>(later[t] * epoch_);
  }
  shift_origin(info.dimension, -info.step * (info.factor - 1));
}

// Traffic of one visit of a spatial fan-out for data space t: each multicast class of
// children receives child 0's delta (translated); children that can take it from a
// neighbour's previous delta do so when that saves parent accesses.
// Inlined into its one caller: a call per data space and visit costs more than its fast path.
__attribute__((always_inline)) inline void NestAnalysis::account_spatial(int loop, int t, std::int64_t delta) {
  const LoopInfo& info = loops_[loop];
  TileState& record = state(loop, t);
  FanoutState& fanout = fanouts_[loop * num_data_spaces_ + t];
  const DeltaSet& current = last_delta_[t];
  const double volume = static_cast<double>(delta * epoch_);
  std::int64_t classes = classes_[loop * num_data_spaces_ + t];
  std::int64_t receivers = info.fanout;
  std::int64_t linked = 0;
  if (fanout.plan == nullptr || fanout.plan->offsets.empty()) {  // links disabled, or no neighbour could ever hold other data
    record.accesses += volume * static_cast<double>(classes);
    record.weighted += volume * static_cast<double>(receivers);
    if (options_.network_statistics && delta > 0)
      add_visit(histograms_[loop * num_data_spaces_ + t], *fanout.groups, volume);
    return;
  }
  const std::vector<ClassGroup>* groups = fanout.groups;
  LinkPlan& plan = *fanout.plan;
  if (delta > 0 && fanout.has_previous && fanout.previous.size == delta) {
    const Shape& child_shape = info.block_begin == 0 ? unit_shape_ : shape(info.block_begin - 1, t);
    if (plan.mark_link_sources(current, fanout.previous, child_shape.span, num_ranks_[t], scratch_usable_)) {
      const LinkOutcome& outcome = plan.outcome(scratch_usable_, classes);
      if (outcome.remaining_classes < classes) {
        classes = outcome.remaining_classes;
        linked = outcome.linked;
        receivers = info.fanout - linked;
        groups = &outcome.groups;
      }
    }
  }
  record.accesses += volume * static_cast<double>(classes);
  record.weighted += volume * static_cast<double>(receivers);
  record.links += volume * static_cast<double>(linked);
  if (options_.network_statistics && delta > 0) add_visit(histograms_[loop * num_data_spaces_ + t], *groups, volume);
  fanout.previous = current;
  fanout.previous.size = delta;
  fanout.has_previous = true;
}

void NestAnalysis::visit_spatial(int loop) {
  if (imperfect_) {
    visit_imperfect_fanout(loop);
    return;
  }
  const LoopInfo& info = loops_[loop];
  std::int64_t child[workload::kMaxDataSpaces];
  if (info.block_begin == 0) {
    // Spatial fan-out onto the arithmetic: a child's working set is its single operation,
    // compared with that child's previous operation.
    compute_counter_ += static_cast<double>(epoch_);
    for (int t = 0; t < num_data_spaces_; ++t) child[t] = apply_delta_rule<true>(compute_child_states_[t], unit_shape_, t);
  } else {
    visit(info.block_begin - 1, child);
  }
  for (int t = 0; t < num_data_spaces_; ++t) account_spatial(loop, t, child[t]);
}

void NestAnalysis::collect(const mapping::Mapping& mapping) {
  const int levels = static_cast<int>(mapping.boundaries.size());
  result_.levels.assign(levels, LevelTraffic{});
  if (options_.network_statistics) result_.histograms.resize(static_cast<std::size_t>(levels) * workload::kMaxDataSpaces);
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
      // Working sets of a loop all have the loop's shape (and every boundary and fan-out is visited).
      ds.tile_size = shape(mapping.boundaries[i], t).size;
      ds.innermost_size = shape(innermost, t).size;
      ds.multicast_classes = inner.spatial ? classes_[innermost * num_data_spaces_ + t] : 1;
      // The children of a temporal loop 0 are the computes, counted once for all data spaces.
      const double accesses = innermost == 0 && !inner.spatial ? compute_counter_ : record.accesses;
      ds.content_accesses = accesses;
      ds.weighted_accesses = inner.spatial ? record.weighted : accesses;
      ds.link_transfers = record.links;
      if (options_.network_statistics) {
        MulticastHistogram& histogram = result_.histograms[i * workload::kMaxDataSpaces + t];
        histogram.clear();
        if (inner.spatial) {
          histogram = histograms_[innermost * num_data_spaces_ + t];
        } else if (accesses > 0) {
          histogram.push_back({1, 1, accesses, 0});
        }
      }
    }
  }
}

const NestResult& NestAnalysis::run(const mapping::Mapping& mapping, const NestOptions& options) {
  options_ = options;
  mapping_ = &mapping;
  imperfect_ = mapping.imperfect();
  run_last_ = imperfect_ || options.run_last_iteration;
  last_pass_ = ~0u;
  if (imperfect_) options_.link_transfers = false;  // link detection assumes equal working-set shapes
  if (fanout_cache_.size() > 256) fanout_cache_.clear();  // bounded; entries are only read during a run
  prepare(mapping);
  for (auto& corner : corner_) corner.fill(0);
  epoch_ = 1;
  compute_counter_ = 0;
  std::int64_t deltas[workload::kMaxDataSpaces];
  if (mapping.num_loops() > 0) visit(mapping.num_loops() - 1, deltas);
  collect(mapping);
  return result_;
}

}  // namespace cimloop::nest
