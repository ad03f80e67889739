// Multicast classes of the spatial fan-outs of the nest analysis (see nest_analysis.hpp).
#include <algorithm>

#include "src/nest/nest_analysis.hpp"

namespace cimloop::nest {

using workload::kMaxDimensions;

// Children of a spatial block hold translated copies of child 0's delta, so two children
// share data exactly when their translations are equal: count the distinct translations.
// `last_pass_dims` names the dimensions of the block's imperfect loops whose enclosing loops are
// all in their last pass: fewer children exist then.
NestAnalysis::FanoutAnalysis& NestAnalysis::analyse_fanout(int master, std::uint32_t last_pass_dims) {
  const LoopInfo& info = loops_[master];
  scratch_key_.assign({mapping_->fanout_x[info.owner], mapping_->no_multicast[info.owner],
                       mapping_->no_link_transfer[info.owner], options_.link_transfers, options_.toroidal_links,
                       options_.network_statistics, mapping_->fanout_y[info.owner], last_pass_dims});
  for (int j = info.block_begin; j <= master; ++j) {
    const LoopInfo& loop = loops_[j];
    scratch_key_.insert(scratch_key_.end(), {loop.dimension, loop.factor, loop.residual, loop.step,
                                             static_cast<std::int64_t>(mapping_->loops[j].kind)});
  }
  for (FanoutAnalysis& cached : fanout_cache_)
    if (cached.key == scratch_key_) return cached;
  FanoutAnalysis& analysis = fanout_cache_.emplace_back();
  analysis.key = scratch_key_;
  count_multicast_classes(master, last_pass_dims, analysis);
  return analysis;
}

// The mesh the children of a fan-out occupy: the owner level's physical fanout, or the
// mapped fanout when larger.
MeshShape NestAnalysis::mesh_of(int master) const {
  const LoopInfo& info = loops_[master];
  return {std::max(mapping_->fanout_x[info.owner], info.fanout_x),
          std::max(mapping_->fanout_y[info.owner], info.fanout / info.fanout_x)};
}

// child_exists_[c] for every child of the full grid (mixed radix, innermost loop fastest): a
// loop of the block runs its residual when the enclosing loops of its dimension, those of the
// block included, are in their last pass.
void NestAnalysis::mark_existing_children(int master, std::uint32_t last_pass_dims) {
  const LoopInfo& info = loops_[master];
  const int begin = info.block_begin;
  const int block = master - begin + 1;
  child_exists_.assign(info.fanout, 1);
  if (last_pass_dims == 0) return;
  std::array<std::int64_t, 2 * kMaxDimensions> index{};
  for (std::int64_t child = 0; child < info.fanout; ++child) {
    std::uint32_t last = last_pass_dims;
    bool exists = true;
    for (int j = block - 1; j >= 0 && exists; --j) {
      const LoopInfo& loop = loops_[begin + j];
      const std::uint32_t bit = 1u << loop.dimension;
      const std::int64_t iterations = (last & bit) ? loop.residual : loop.factor;
      exists = index[j] < iterations;
      if (index[j] != iterations - 1) last &= ~bit;
    }
    child_exists_[child] = exists;
    for (int j = 0; j < block; ++j) {
      if (++index[j] < loops_[begin + j].factor) break;
      index[j] = 0;
    }
  }
}

void NestAnalysis::count_multicast_classes(int master, std::uint32_t last_pass_dims, FanoutAnalysis& analysis) {
  const LoopInfo& info = loops_[master];
  const int begin = info.block_begin;
  const int block = master - begin + 1;
  const bool grouped = options_.network_statistics;
  mark_existing_children(master, last_pass_dims);
  analysis.receivers = std::count(child_exists_.begin(), child_exists_.end(), 1);
  for (int t = 0; t < num_data_spaces_; ++t) {
    std::int64_t& classes = analysis.classes[t];
    LinkPlan& plan = analysis.plans[t];
    std::vector<int>& class_of_child = plan.class_of_child;
    class_of_child.assign(info.fanout, -1);
    if (mapping_->no_multicast[info.owner] >> t & 1u) {
      classes = 0;
      for (std::int64_t child = 0; child < info.fanout; ++child)
        if (child_exists_[child]) class_of_child[child] = static_cast<int>(classes++);
      if (grouped) analysis.groups[t] = group_classes(class_of_child, classes, mesh_of(master));
      continue;
    }
    const int ranks = num_ranks_[t];
    std::array<RankVector, 2 * kMaxDimensions> step{};  // translation of one step of each block loop
    bool moves = false;
    for (int j = 0; j < block; ++j) {
      const LoopInfo& loop = loops_[begin + j];
      for (int r = 0; r < ranks; ++r) {
        step[j][r] = coefficient(t, loop.dimension, r) * loop.step;
        moves = moves || step[j][r] != 0;
      }
    }
    if (!moves) {
      classes = 1;
      for (std::int64_t child = 0; child < info.fanout; ++child)
        if (child_exists_[child]) class_of_child[child] = 0;
      if (grouped) analysis.groups[t] = group_classes(class_of_child, classes, mesh_of(master));
      continue;  // every child holds the same data: no neighbour can hold anything new
    }
    scratch_keys_.assign(static_cast<std::size_t>(info.fanout) * ranks, 0);
    std::array<std::int64_t, 2 * kMaxDimensions> index{};
    RankVector position{};
    scratch_rows_.clear();
    for (std::int64_t child = 0; child < info.fanout; ++child) {
      std::copy(position.begin(), position.begin() + ranks, scratch_keys_.begin() + child * ranks);
      if (child_exists_[child]) scratch_rows_.push_back(scratch_keys_.data() + child * ranks);
      for (int j = 0; j < block; ++j) {  // mixed-radix increment, innermost loop fastest
        for (int r = 0; r < ranks; ++r) position[r] += step[j][r];
        if (++index[j] < loops_[begin + j].factor) break;
        for (int r = 0; r < ranks; ++r) position[r] -= step[j][r] * index[j];
        index[j] = 0;
      }
    }
    auto less = [ranks](const std::int64_t* a, const std::int64_t* b) {
      return std::lexicographical_compare(a, a + ranks, b, b + ranks);
    };
    std::sort(scratch_rows_.begin(), scratch_rows_.end(), less);
    classes = 0;
    for (std::size_t k = 0; k < scratch_rows_.size(); ++k) {
      if (k == 0 || less(scratch_rows_[k - 1], scratch_rows_[k])) ++classes;
      class_of_child[(scratch_rows_[k] - scratch_keys_.data()) / ranks] = static_cast<int>(classes - 1);
    }
    if (grouped) analysis.groups[t] = group_classes(class_of_child, classes, mesh_of(master));
    if (options_.link_transfers && !(mapping_->no_link_transfer[info.owner] >> t & 1u)) {
      plan.mesh = mesh_of(master);
      plan.with_groups = grouped;
      plan.build(scratch_keys_, info.fanout, ranks, plan.mesh.width, options_.toroidal_links);
    }
  }
}

// The pass state below a fan-out for child 0: each block loop is at index 0, which is its last
// iteration only when it runs a single one.
std::uint32_t NestAnalysis::child_zero_last_passes(int master) const {
  std::uint32_t last = last_pass_;
  for (int j = master; j >= loops_[master].block_begin; --j) {
    const LoopInfo& loop = loops_[j];
    const std::uint32_t bit = 1u << loop.dimension;
    if (((last & bit) ? loop.residual : loop.factor) != 1) last &= ~bit;
  }
  return last;
}

}  // namespace cimloop::nest
