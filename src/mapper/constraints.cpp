#include "src/mapper/constraints.hpp"

#include <algorithm>

namespace cimloop::mapper {

Constraints unconstrained(const MapspaceShape& shape) {
  LevelConstraint level;
  level.temporal.factors.resize(shape.num_dimensions());
  level.spatial.factors.resize(shape.num_dimensions());
  level.keep.resize(shape.num_data_spaces());
  return Constraints{std::vector<LevelConstraint>(shape.num_levels(), level), {}};
}

void carry_reuse_directives(const Constraints& constraints, mapping::MappingSpec& spec) {
  for (std::size_t level = 0; level < spec.levels.size() && level < constraints.levels.size(); ++level) {
    const LevelConstraint& constraint = constraints.levels[level];
    mapping::LevelDirectives& directives = spec.levels[level];
    directives.no_temporal_reuse |= constraint.no_temporal_reuse;
    directives.no_multicast |= constraint.no_multicast;
    directives.no_link_transfer |= constraint.no_link_transfer;
    directives.rmw_first_update |= constraint.rmw_first_update;
    directives.no_coalesce |= constraint.no_coalesce;
  }
}

std::optional<std::string> constraint_conflict(const MapspaceShape& shape, const Constraints& constraints) {
  for (int dim = 0; dim < shape.num_dimensions(); ++dim) {
    std::int64_t fixed = 1;
    bool all_fixed = true;
    for (int level = 0; level < shape.num_levels(); ++level) {
      const LevelConstraint& lc = constraints.levels[level];
      for (const TilingConstraint* tiling : {&lc.temporal, &lc.spatial}) {
        const FactorLimit& limit = tiling->factors[dim];
        bool slot_exists = tiling == &lc.temporal || shape.storage[level].has_fanout();
        if (!slot_exists) continue;
        if (limit.min > limit.max)
          return shape.storage[level].name + ": minimum factor of " + shape.dimension_name(dim) +
                 " exceeds its maximum";
        if (limit.exact > 0) fixed *= limit.exact; else all_fixed = false;
      }
    }
    std::int64_t bound = shape.problem.bounds[dim];
    if (all_fixed && fixed < bound)
      return "constrained factors of dimension " + shape.dimension_name(dim) + " multiply to " +
             std::to_string(fixed) + ", less than the dimension size " + std::to_string(bound);
  }
  for (int level = 0; level < shape.num_levels(); ++level) {
    const StorageShape& storage = shape.storage[level];
    std::int64_t product = 1;
    for (const FactorLimit& limit : constraints.levels[level].spatial.factors)
      product *= std::max<std::int64_t>(limit.exact, 1);
    if (product > storage.fanout_x * storage.fanout_y)
      return storage.name + ": constrained spatial factors multiply to " + std::to_string(product) +
             ", more than the fanout of " + std::to_string(storage.fanout_x * storage.fanout_y);
  }
  return std::nullopt;
}

}  // namespace cimloop::mapper
