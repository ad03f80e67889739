#pragma once
// The loop nest as Sparseloop sees it: every loop of every storage level, factor-1 loops
// included, in each level's permutation order (spatial loops inside temporal ones), with the
// operation box below each loop (its "maxtile mold").
#include <array>
#include <cstdint>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/mapping/mapping.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::sparse {

struct NestLoop {
  int dimension = 0;
  std::int64_t factor = 1;
  bool spatial = false;
  int level = 0;  // storage level owning the loop
};

using Extents = std::array<std::int64_t, workload::kMaxDimensions>;

struct CompleteNest {
  std::vector<NestLoop> loops;  // innermost first
  std::vector<int> level_end;   // per storage level: one past its outermost loop
  std::vector<Extents> molds;   // per loop: operations per dimension at and below the loop

  int level_begin(int level) const { return level == 0 ? 0 : level_end[level - 1]; }
};

// Bit d set when loops over dimension d move data space `t` (d appears in its projection).
std::uint32_t moving_dimensions(const workload::Workload& workload, int t);

// Rebuilds `nest` in place from the per-level directives.
void build_complete_nest(const mapping::MappingSpec& spec, const arch::ArchSpec& arch, CompleteNest& nest);

}  // namespace cimloop::sparse
