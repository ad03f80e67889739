#pragma once
// A mapping in two forms:
//  * MappingSpec: per storage level directives (factors, permutations, split, keep/bypass),
//    what a mapping file or a mapper produces;
//  * Mapping: the loop nest built from it (innermost loop first) with the storage boundaries,
//    which is what the model evaluates.
#include <cstdint>
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/common/error.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::mapping {

enum class LoopKind : std::uint8_t { Temporal, SpatialX, SpatialY };

struct Loop {
  int dimension = 0;
  std::int64_t factor = 1;
  LoopKind kind = LoopKind::Temporal;
  bool spatial() const { return kind != LoopKind::Temporal; }
};

// Bit masks over data spaces (bit t = data space t).
using DataSpaceMask = std::uint32_t;

struct LevelDirectives {
  std::vector<std::int64_t> temporal_factors;  // per dimension
  std::vector<int> temporal_permutation;       // dimensions, innermost first, every dimension once
  std::vector<std::int64_t> spatial_factors;   // per dimension
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
};

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
// multiply to its bound (one message per dimension, Timeloop's wording) or a spatial factor
// is given for a level without fanout.
Mapping build_mapping(const MappingSpec& spec, const arch::ArchSpec& arch, const workload::Workload& workload);
// Same, refilling `out` in place (reuses its storage: no allocation in a mapper's inner loop).
void build_mapping(const MappingSpec& spec, const arch::ArchSpec& arch, const workload::Workload& workload,
                   Mapping& out);


}  // namespace cimloop::mapping
