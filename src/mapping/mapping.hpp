#pragma once
// A mapping in two forms:
//  * MappingSpec: per storage level directives (factors, permutations, split, keep/bypass),
//    what a mapping file or a mapper produces;
//  * Mapping: the loop nest built from it (innermost loop first) with the storage boundaries,
//    which is what the model evaluates.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/common/error.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::mapping {

enum class LoopKind : std::uint8_t { Temporal, SpatialX, SpatialY };

// A loop runs `factor` iterations, except when every enclosing loop of its dimension is in
// its own last iteration: then it runs `residual` (imperfect factorization, Timeloop's
// "[0:6,4)"; residual == factor when perfect).
struct Loop {
  Loop() = default;
  Loop(int dimension_, std::int64_t factor_, LoopKind kind_, std::int64_t residual_)
      : dimension(dimension_), factor(factor_), kind(kind_), residual(residual_) {}
  Loop(int dimension_, std::int64_t factor_, LoopKind kind_) : Loop(dimension_, factor_, kind_, factor_) {}

  int dimension = 0;
  std::int64_t factor = 1;
  LoopKind kind = LoopKind::Temporal;
  std::int64_t residual = 1;
  bool spatial() const { return kind != LoopKind::Temporal; }
  bool imperfect() const { return residual != factor; }
};

// Bit masks over data spaces (bit t = data space t).
using DataSpaceMask = std::uint32_t;

struct LevelDirectives {
  std::vector<std::int64_t> temporal_factors;  // per dimension
  std::vector<std::int64_t> temporal_residuals;  // per dimension; empty = the factors (perfect)
  std::vector<int> temporal_permutation;       // dimensions, innermost first, every dimension once
  std::vector<std::int64_t> spatial_factors;   // per dimension
  std::vector<std::int64_t> spatial_residuals;   // per dimension; empty = the factors
  std::vector<int> spatial_permutation;        // innermost first, every dimension once
  int split = -1;                              // loops at padded position < split are X; -1 = all X
  DataSpaceMask keep = ~DataSpaceMask{0};
  DataSpaceMask no_temporal_reuse = 0;
  DataSpaceMask no_multicast = 0;  // spatial no_reuse
  DataSpaceMask no_link_transfer = 0;
  DataSpaceMask rmw_first_update = 0;
  DataSpaceMask no_coalesce = 0;
};

struct MappingSpec {
  std::vector<LevelDirectives> levels;  // one per storage level, innermost first
};

// A MappingSpec with all factors 1, default permutations and everything kept.
MappingSpec default_mapping_spec(const arch::ArchSpec& arch, const workload::Workload& workload);

// Gives residuals to every dimension whose factors multiply to more than its bound and that
// has none yet (e.g. constrained factors that do not divide it): its loops, outermost first
// (levels outer to inner, temporal above spatial), each run in their last pass as many
// iterations as the points left need. Y6 inside Y3 on 16 points: Y3 (3 passes), then Y6,4.
void complete_residuals(MappingSpec& spec, const workload::Workload& workload);

// Residual of dimension `dim` in a residual list that may be empty (= the factors).
inline std::int64_t residual_of(const std::vector<std::int64_t>& residuals, const std::vector<std::int64_t>& factors,
                                int dim) {
  return residuals.empty() ? factors[dim] : residuals[dim];
}

struct Mapping {
  std::vector<Loop> loops;         // index 0 = innermost
  std::vector<int> boundaries;     // per storage level: index of its outermost loop
  std::vector<DataSpaceMask> keep; // per storage level
  std::vector<DataSpaceMask> no_temporal_reuse, no_multicast, no_link_transfer, rmw_first_update, no_coalesce;
  std::vector<std::int64_t> fanout_x;  // per storage level: physical X fanout to its inner level
  std::vector<std::int64_t> fanout_y;  // per storage level: physical Y fanout

  int num_loops() const { return static_cast<int>(loops.size()); }
  // Storage level whose block contains loop `index`.
  int owner(int index) const;
  // Some loop has a residual (imperfect factorization).
  bool imperfect() const;
};

// Per dimension, the most points one pass of loop `loop` (with the loops inside it) covers: the
// product of their factors, or, when no enclosing loop of the dimension has a last pass of
// two or more iterations (so every pass is a last pass), the span of their residuals.
std::array<std::int64_t, workload::kMaxDimensions> largest_extents(const Mapping& mapping, int loop);

// Tiling-level fanouts of storage level i towards its inner neighbour.
struct Fanout {
  std::int64_t x = 1, y = 1;
};
Fanout level_fanout(const arch::ArchSpec& arch, int storage_level);

// Message lines are Timeloop's ("parsing mapping: product of all factors of ..."), one per
// problem; programs print each as "ERROR: <line>".
struct MappingError : InputError {
  using InputError::InputError;
};

// Builds the loop nest. Fails with MappingError when the factors of a dimension do not
// cover its bound (one message per dimension, Timeloop's wording; with residuals the loops of
// a dimension, outermost first, cover (((r_top - 1) * f + r - 1) * ...) + 1 points) or a
// spatial factor is given for a level without fanout.
Mapping build_mapping(const MappingSpec& spec, const arch::ArchSpec& arch, const workload::Workload& workload);
// Same, refilling `out` in place (reuses its storage: no allocation in a mapper's inner loop).
void build_mapping(const MappingSpec& spec, const arch::ArchSpec& arch, const workload::Workload& workload,
                   Mapping& out);


}  // namespace cimloop::mapping
