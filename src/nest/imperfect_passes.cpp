// Imperfect factorization in the nest analysis (see nest_analysis.hpp): loops run their
// residual in the last pass of the enclosing loops of their dimension, so the working sets,
// the children of a fan-out and the simulated iterations depend on the pass.
#include <algorithm>
#include <cmath>

#include "src/nest/nest_analysis.hpp"

namespace cimloop::nest {

using workload::kMaxDataSpaces;
using workload::kMaxDimensions;

void NestAnalysis::prepare_imperfect(const mapping::Mapping& mapping) {
  const int count = mapping.num_loops();
  pass_extents_.assign(count, PassExtents{});
  last_spans_.assign(static_cast<std::size_t>(count) * num_data_spaces_, RankVector{});
  std::array<std::int64_t, kMaxDimensions> product, last_point;
  product.fill(1);
  last_point.fill(0);
  std::uint32_t residual_dims = 0;
  for (int l = 0; l < count; ++l) {
    const mapping::Loop& loop = mapping.loops[l];
    last_point[loop.dimension] += (loop.residual - 1) * product[loop.dimension];
    product[loop.dimension] *= loop.factor;
    if (loop.imperfect()) residual_dims |= 1u << loop.dimension;
    loops_[l].residual_dims = residual_dims;
    for (int d = 0; d < num_dimensions_; ++d) {
      pass_extents_[l].other[d] = product[d];
      pass_extents_[l].last[d] = last_point[d] + 1;
    }
  }
}

// The working sets of `loop` in the current pass.
const NestAnalysis::Shape* NestAnalysis::pass_shapes(int loop) {
  const PassExtents& extents = pass_extents_[loop];
  std::array<std::int64_t, kMaxDimensions> extent;
  for (int d = 0; d < num_dimensions_; ++d) extent[d] = (last_pass_ >> d & 1u) ? extents.last[d] : extents.other[d];
  for (int t = 0; t < num_data_spaces_; ++t) {
    pass_shapes_[t].span.fill(0);
    std::fill_n(pass_shapes_[t].span.begin(), num_ranks_[t], 1);
  }
  for (const SpanTerm& term : span_terms_)
    pass_shapes_[term.data_space].span[term.rank] += term.magnitude * (extent[term.dimension] - 1);
  for (int t = 0; t < num_data_spaces_; ++t) {
    pass_shapes_[t].size = 1;
    for (int r = 0; r < num_ranks_[t]; ++r) pass_shapes_[t].size *= pass_shapes_[t].span[r];
  }
  return pass_shapes_.data();
}

// The delta rule for working sets whose shape may differ from the previous one: the move is
// the translation between the two boxes' centres rounded to the nearest point (Timeloop's
// centroid translation), and what is new is the part of the working set outside the previous
// one.
std::int64_t NestAnalysis::apply_delta_rule_reshaped(TileState& state, RankVector& last_span, const Shape& shape,
                                                     int data_space) {
  const RankVector& corner = corner_[data_space];
  std::int64_t delta = shape.size;
  if (state.has_last) {
    RankVector move{};
    std::int64_t kept = 1;
    bool still = true;
    for (int r = 0; r < num_ranks_[data_space]; ++r) {
      const double centre_shift = static_cast<double>(corner[r] - state.last[r]) +
                                  0.5 * static_cast<double>(shape.span[r] - last_span[r]);
      move[r] = std::llround(centre_shift);
      still = still && move[r] == 0;
      const std::int64_t low = std::max(corner[r], state.last[r]);
      const std::int64_t high = std::min(corner[r] + shape.span[r], state.last[r] + last_span[r]);
      kept *= std::max<std::int64_t>(0, high - low);
    }
    const std::int64_t outside = shape.size - kept;
    if (options_.delta_rule == DeltaRule::Head && still) {
      delta = outside;  // zero moves leave the remembered stride alone
    } else if (!state.has_stride) {
      state.stride = move;
      state.has_stride = true;
      delta = outside;
    } else if (move == state.stride) {
      delta = outside;
    } else {
      state.has_stride = false;  // a changed stride: the whole working set is refetched
    }
  }
  state.last = corner;
  state.has_last = true;
  last_span = shape.span;
  return delta;
}

void NestAnalysis::finish_imperfect_visit(int loop, std::int64_t* deltas) {
  const mapping::DataSpaceMask no_reuse = mapping_->no_temporal_reuse[loops_[loop].owner];
  const Shape* shapes = pass_shapes(loop);
  for (int t = 0; t < num_data_spaces_; ++t) {
    deltas[t] = (no_reuse >> t & 1u) ? shapes[t].size
                                     : apply_delta_rule_reshaped(state(loop, t), last_spans_[loop * num_data_spaces_ + t],
                                                                 shapes[t], t);
  }
}

// Timeloop's extrapolated schedule: iteration 0, then iteration 1 standing for the middle
// iterations, and with `run_last_` the last iteration (and the second-to-last one before it
// when the mapping is imperfect) simulated at their own positions.
int NestAnalysis::temporal_passes(std::int64_t iterations, Pass* passes) const {
  const bool second_last = imperfect_ && run_last_;
  int count = 0;
  if (iterations >= 1) passes[count++] = {0, 1};
  std::int64_t position = 1;
  if (iterations >= (second_last ? 4 : run_last_ ? 3 : 2)) {
    const std::int64_t repeats = iterations - (run_last_ ? 2 : 1) - (second_last ? 1 : 0);
    passes[count++] = {1, repeats};
    position += repeats;
  }
  if (second_last && iterations >= 3) passes[count++] = {position++, 1};
  if (run_last_ && iterations >= 2) passes[count++] = {position, 1};
  return count;
}

// A temporal loop (not the innermost) simulated pass by pass; inner loops of its dimension see
// a last pass only in its last iteration of a last pass.
void NestAnalysis::visit_passes(int loop, std::int64_t* deltas) {
  const LoopInfo& info = loops_[loop];
  const std::uint32_t bit = 1u << info.dimension;
  const bool in_last_pass = last_pass_ & bit;
  const std::int64_t iterations = in_last_pass ? info.residual : info.factor;
  const bool child_is_boundary = loops_[loop - 1].boundary;
  std::int64_t position = 0;
  std::int64_t child[kMaxDataSpaces];
  auto run = [&](Pass pass, bool first) {
    shift_origin(info.dimension, (pass.position - position) * info.step);
    position = pass.position;
    last_pass_ = in_last_pass && pass.position == iterations - 1 ? last_pass_ | bit : last_pass_ & ~bit;
    const std::int64_t saved_epoch = epoch_;
    epoch_ *= pass.repeats;
    visit(loop - 1, child);
    epoch_ = saved_epoch;
    if (child_is_boundary)
      for (int t = 0; t < num_data_spaces_; ++t)
        state(loop, t).accesses += static_cast<double>(child[t] * pass.repeats * epoch_);
    if (first && info.mirrors_child) std::copy(child, child + num_data_spaces_, deltas);
  };
  if (options_.temporal_extrapolation) {
    Pass passes[4];
    const int count = temporal_passes(iterations, passes);
    for (int k = 0; k < count; ++k) run(passes[k], k == 0);
  } else {
    for (std::int64_t i = 0; i < iterations; ++i) run({i, 1}, i == 0);
  }
  shift_origin(info.dimension, -position * info.step);
  last_pass_ = in_last_pass ? last_pass_ | bit : last_pass_ & ~bit;
}

// A fan-out of an imperfect mapping: child 0 is simulated in its pass state, and only the
// children that exist in the current pass receive data.
void NestAnalysis::visit_imperfect_fanout(int loop) {
  const LoopInfo& info = loops_[loop];
  std::uint32_t imperfect_dims = 0;
  for (int j = info.block_begin; j <= loop; ++j)
    if (loops_[j].residual != loops_[j].factor) imperfect_dims |= 1u << loops_[j].dimension;
  const FanoutAnalysis& analysis = analyse_fanout(loop, last_pass_ & imperfect_dims);
  const std::uint32_t entry = last_pass_;
  last_pass_ = child_zero_last_passes(loop);
  std::int64_t child[kMaxDataSpaces];
  if (info.block_begin == 0) {
    compute_counter_ += static_cast<double>(epoch_);
    for (int t = 0; t < num_data_spaces_; ++t)
      child[t] = apply_delta_rule_reshaped(compute_child_states_[t], compute_child_spans_[t], unit_shape_, t);
  } else {
    visit(info.block_begin - 1, child);
  }
  last_pass_ = entry;
  for (int t = 0; t < num_data_spaces_; ++t) {
    TileState& record = state(loop, t);
    const double volume = static_cast<double>(child[t] * epoch_);
    record.accesses += volume * static_cast<double>(analysis.classes[t]);
    record.weighted += volume * static_cast<double>(analysis.receivers);
    if (options_.network_statistics && child[t] > 0)
      add_visit(histograms_[loop * num_data_spaces_ + t], analysis.groups[t], volume);
  }
}

}  // namespace cimloop::nest
