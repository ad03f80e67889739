#include "src/mapping/mapping.hpp"

#include <numeric>
#include <optional>

#include "src/common/checked_math.hpp"

namespace cimloop::mapping {
namespace {

std::vector<int> identity_permutation(int dimensions) {
  std::vector<int> permutation(dimensions);
  std::iota(permutation.begin(), permutation.end(), 0);
  return permutation;
}

void add_level_loops(const LevelDirectives& level, const Fanout& fanout, int dimensions, const std::string& level_name,
                     Mapping& mapping) {
  if (fanout.x * fanout.y > 1) {
    const int split = level.split < 0 ? dimensions : level.split;
    for (int position = 0; position < static_cast<int>(level.spatial_permutation.size()); ++position) {
      const int dim = level.spatial_permutation[position];
      const std::int64_t factor = level.spatial_factors[dim];
      if (factor > 1) {
        mapping.loops.emplace_back(dim, factor, position < split ? LoopKind::SpatialX : LoopKind::SpatialY,
                                   residual_of(level.spatial_residuals, level.spatial_factors, dim));
      }
    }
  } else {
    for (int dim = 0; dim < dimensions; ++dim) {
      if (!level.spatial_factors.empty() && level.spatial_factors[dim] > 1) {
        throw MappingError("cannot find spatial tiling level associated with storage level " + level_name +
                           ": the level has no spatial fanout.");
      }
    }
  }
  const std::size_t before = mapping.loops.size();
  for (int dim : level.temporal_permutation) {
    const std::int64_t factor = level.temporal_factors[dim];
    if (factor > 1) {
      mapping.loops.emplace_back(dim, factor, LoopKind::Temporal,
                                 residual_of(level.temporal_residuals, level.temporal_factors, dim));
    }
  }
  if (mapping.loops.size() == before) mapping.loops.emplace_back(dimensions - 1, 1, LoopKind::Temporal);
  mapping.boundaries.push_back(static_cast<int>(mapping.loops.size()) - 1);
}

// Points of each dimension the loops cover: the loops of a dimension, outermost first, count
// like digits whose last value is their residual when every outer digit is at its last value.
// A product past 64 bits is reported as such (it can never equal a dimension size).
void check_products(const Mapping& mapping, const workload::Workload& workload) {
  std::array<std::optional<std::int64_t>, workload::kMaxDimensions> last_point;
  last_point.fill(0);
  for (int l = mapping.num_loops() - 1; l >= 0; --l) {
    const Loop& loop = mapping.loops[l];
    std::optional<std::int64_t>& point = last_point[loop.dimension];
    if (point) point = checked_product(*point, loop.factor);
    if (point) point = checked_sum(*point, loop.residual - 1);
  }
  std::string errors;
  for (int dim = 0; dim < workload.num_dimensions(); ++dim) {
    const std::optional<std::int64_t> product = last_point[dim] ? checked_sum(*last_point[dim], 1) : std::nullopt;
    if (product != workload.bounds[dim]) {
      if (!errors.empty()) errors += '\n';
      errors += "parsing mapping: product of all factors of dimension " + workload.dimension_names[dim] + " is " +
                (product ? std::to_string(*product) : std::string("past the 64-bit range")) +
                ", which is not equal to the dimension size of the workload " +
                std::to_string(workload.bounds[dim]) + ".";
    }
  }
  if (!errors.empty()) throw MappingError(errors);
}

// With residuals the loops of a dimension can span more than its size (a factor far above the
// size with a residual of 1 still covers it exactly): tiles up to that span must be countable.
void check_imperfect_spans(const Mapping& mapping, const workload::Workload& workload) {
  std::array<std::int64_t, workload::kMaxDimensions> span;
  span.fill(1);
  for (const Loop& loop : mapping.loops) {
    const std::optional<std::int64_t> product = checked_product(span[loop.dimension], loop.factor);
    if (!product) {
      throw MappingError("parsing mapping: the factors of dimension " + workload.dimension_names[loop.dimension] +
                         " multiply past the 64-bit range.");
    }
    span[loop.dimension] = *product;
  }
  std::optional<std::int64_t> iterations = 1;  // bounds the spatial fan-outs too
  for (int d = 0; d < workload.num_dimensions() && iterations; ++d) iterations = checked_product(*iterations, span[d]);
  if (!iterations) throw MappingError("parsing mapping: the loops' factors multiply past the 64-bit range.");
  for (int t = 0; t < workload.num_data_spaces(); ++t) {
    if (!workload.checked_footprint(t, span.data())) {
      throw MappingError("parsing mapping: the loops' factors make tiles of " + workload.data_spaces[t].name +
                         " too large to count in 64 bits.");
    }
  }
}

}  // namespace

MappingSpec default_mapping_spec(const arch::ArchSpec& arch, const workload::Workload& workload) {
  const int dims = workload.num_dimensions();
  LevelDirectives level;
  level.temporal_factors.assign(dims, 1);
  level.spatial_factors.assign(dims, 1);
  level.temporal_permutation = identity_permutation(dims);
  level.spatial_permutation = identity_permutation(dims);
  level.split = dims;
  MappingSpec spec;
  spec.levels.assign(arch.num_storage_levels(), level);
  return spec;
}

void complete_residuals(MappingSpec& spec, const workload::Workload& workload) {
  for (int dim = 0; dim < workload.num_dimensions(); ++dim) {
    std::int64_t product = 1;
    bool has_residuals = false;
    for (const LevelDirectives& level : spec.levels) {
      product *= level.temporal_factors[dim];
      has_residuals = has_residuals || residual_of(level.temporal_residuals, level.temporal_factors, dim) !=
                                           level.temporal_factors[dim];
      if (level.spatial_factors.empty()) continue;
      product *= level.spatial_factors[dim];
      has_residuals = has_residuals || residual_of(level.spatial_residuals, level.spatial_factors, dim) !=
                                           level.spatial_factors[dim];
    }
    if (product <= workload.bounds[dim] || has_residuals) continue;
    std::int64_t left = workload.bounds[dim], inner = product;
    auto assign = [&](const std::vector<std::int64_t>& factors, std::vector<std::int64_t>& residuals) {
      inner /= factors[dim];
      const std::int64_t residual = (left + inner - 1) / inner;
      left -= (residual - 1) * inner;
      if (residual == factors[dim]) return;
      if (residuals.empty()) residuals = factors;
      residuals[dim] = residual;
    };
    for (auto level = spec.levels.rbegin(); level != spec.levels.rend(); ++level) {
      assign(level->temporal_factors, level->temporal_residuals);
      if (!level->spatial_factors.empty()) assign(level->spatial_factors, level->spatial_residuals);
    }
  }
}

int Mapping::owner(int index) const {
  for (int level = 0; level < static_cast<int>(boundaries.size()); ++level)
    if (index <= boundaries[level]) return level;
  return static_cast<int>(boundaries.size()) - 1;
}

Fanout level_fanout(const arch::ArchSpec& arch, int storage_level) {
  const arch::BufferSpec& outer = arch.storage[storage_level];
  const std::int64_t inner_x = storage_level == 0 ? arch.arithmetic.mesh_x : arch.storage[storage_level - 1].mesh_x;
  const std::int64_t inner_y = storage_level == 0 ? arch.arithmetic.mesh_y : arch.storage[storage_level - 1].mesh_y;
  if (inner_x % outer.mesh_x != 0 || inner_y % outer.mesh_y != 0) {
    throw InputError(outer.name + ": the mesh of the inner level (" + std::to_string(inner_x) + "*" +
                     std::to_string(inner_y) + ") is not a multiple of this level's mesh (" +
                     std::to_string(outer.mesh_x) + "*" + std::to_string(outer.mesh_y) + ")");
  }
  return {inner_x / outer.mesh_x, inner_y / outer.mesh_y};
}

std::array<std::int64_t, workload::kMaxDimensions> largest_extents(const Mapping& mapping, int loop) {
  std::array<std::int64_t, workload::kMaxDimensions> full, last_point, step;
  full.fill(1);
  last_point.fill(0);
  step.fill(1);
  for (int l = 0; l <= loop; ++l) {
    const Loop& inner = mapping.loops[l];
    last_point[inner.dimension] += (inner.residual - 1) * step[inner.dimension];
    step[inner.dimension] *= inner.factor;
    full[inner.dimension] *= inner.factor;
  }
  std::array<bool, workload::kMaxDimensions> left_last{};  // an enclosing loop has non-last passes
  for (int l = loop + 1; l < mapping.num_loops(); ++l)
    if (mapping.loops[l].residual >= 2) left_last[mapping.loops[l].dimension] = true;
  std::array<std::int64_t, workload::kMaxDimensions> extent;
  for (int d = 0; d < workload::kMaxDimensions; ++d) extent[d] = left_last[d] ? full[d] : last_point[d] + 1;
  return extent;
}

bool Mapping::imperfect() const {
  for (const Loop& loop : loops)
    if (loop.imperfect()) return true;
  return false;
}

void build_mapping(const MappingSpec& spec, const arch::ArchSpec& arch, const workload::Workload& workload,
                   Mapping& mapping) {
  const int dims = workload.num_dimensions();
  for (auto* list : {&mapping.keep, &mapping.no_temporal_reuse, &mapping.no_multicast, &mapping.no_link_transfer,
                     &mapping.rmw_first_update, &mapping.no_coalesce})
    list->clear();
  mapping.loops.clear();
  mapping.boundaries.clear();
  mapping.fanout_x.clear();
  mapping.fanout_y.clear();
  for (int i = 0; i < static_cast<int>(spec.levels.size()); ++i) {
    const LevelDirectives& level = spec.levels[i];
    const Fanout fanout = level_fanout(arch, i);
    add_level_loops(level, fanout, dims, arch.storage[i].name, mapping);
    mapping.fanout_x.push_back(fanout.x);
    mapping.fanout_y.push_back(fanout.y);
    mapping.keep.push_back(level.keep);
    mapping.no_temporal_reuse.push_back(level.no_temporal_reuse);
    mapping.no_multicast.push_back(level.no_multicast);
    mapping.no_link_transfer.push_back(level.no_link_transfer);
    mapping.rmw_first_update.push_back(level.rmw_first_update);
    mapping.no_coalesce.push_back(level.no_coalesce);
  }
  check_products(mapping, workload);
  if (mapping.imperfect()) check_imperfect_spans(mapping, workload);
}

Mapping build_mapping(const MappingSpec& spec, const arch::ArchSpec& arch, const workload::Workload& workload) {
  Mapping mapping;
  build_mapping(spec, arch, workload, mapping);
  return mapping;
}

}  // namespace cimloop::mapping
