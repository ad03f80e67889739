#pragma once
// Architecture constraints for the mapper: per storage level, fixed/min/max loop factors,
// permutation prefixes, spatial X/Y split, dataspace keep/bypass and a minimum spatial
// utilisation (read from Timeloop inputs by compat/timeloop/constraints_reader).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "src/mapper/mapspace_shape.hpp"
#include "src/mapping/mapping.hpp"

namespace cimloop::mapper {

struct FactorLimit {
  std::int64_t exact = 0;  // 0 = free (Timeloop's "0" means "whatever remains")
  std::int64_t min = 1;
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

struct TilingConstraint {
  std::vector<FactorLimit> factors;  // per dimension
  std::vector<int> permutation;      // constrained dimensions, innermost first
  std::optional<int> split;          // spatial: positions < split of the permutation are X
};

struct LevelConstraint {
  TilingConstraint temporal;
  TilingConstraint spatial;
  std::vector<std::optional<bool>> keep;  // per data space: true keep, false bypass, unset free
  double min_spatial_utilization = 0.0;   // fraction of this level's fanout that must be used
  // Reuse directives that are not searched but must reach every mapping the mapper builds
  // (CiM macros rely on them): temporal no_reuse, spatial no_reuse and
  // no_link_transfer, rmw_first_update, no_coalesce.
  mapping::DataSpaceMask no_temporal_reuse = 0;
  mapping::DataSpaceMask no_multicast = 0;
  mapping::DataSpaceMask no_link_transfer = 0;
  mapping::DataSpaceMask rmw_first_update = 0;
  mapping::DataSpaceMask no_coalesce = 0;
};

struct Constraints {
  std::vector<LevelConstraint> levels;  // per storage level, innermost first
  std::vector<std::string> warnings;    // constraints adjusted as the reference mapper does
};

// Unconstrained: every factor, order and keep choice free.
Constraints unconstrained(const MapspaceShape& shape);

// Adds the constraints' reuse directives (not searched, but part of every mapping the mapper
// evaluates) to `spec`: what a map.yaml of the reference mapper, which does not write them,
// needs to describe the mapping it evaluated.
void carry_reuse_directives(const Constraints& constraints, mapping::MappingSpec& spec);

// The first conflict no mapping can meet, as a message: a minimum factor above its maximum,
// constrained factors of a dimension that multiply to less than its size, or constrained
// spatial factors beyond a level's fanout; nullopt when there is none. Factors that do not
// divide a dimension are allowed: the mapping then gets residuals (imperfect factorization,
// mapping::complete_residuals).
std::optional<std::string> constraint_conflict(const MapspaceShape& shape, const Constraints& constraints);

}  // namespace cimloop::mapper
