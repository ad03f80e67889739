#include "src/sparse/complete_nest.hpp"

namespace cimloop::sparse {

std::uint32_t moving_dimensions(const workload::Workload& workload, int t) {
  std::uint32_t mask = 0;
  for (const auto& rank : workload.data_spaces[t].ranks)
    for (const workload::Term& term : rank) mask |= 1u << term.dimension;
  return mask;
}

void build_complete_nest(const mapping::MappingSpec& spec, const arch::ArchSpec& arch, CompleteNest& nest) {
  nest.loops.clear();
  nest.level_end.clear();
  for (int level = 0; level < static_cast<int>(spec.levels.size()); ++level) {
    const mapping::LevelDirectives& directives = spec.levels[level];
    const mapping::Fanout fanout = mapping::level_fanout(arch, level);
    if (fanout.x * fanout.y > 1) {
      for (int dim : directives.spatial_permutation) {
        const std::int64_t factor = directives.spatial_factors.empty() ? 1 : directives.spatial_factors[dim];
        nest.loops.push_back({dim, factor, true, level});
      }
    }
    for (int dim : directives.temporal_permutation) nest.loops.push_back({dim, directives.temporal_factors[dim], false, level});
    nest.level_end.push_back(static_cast<int>(nest.loops.size()));
  }
  nest.molds.resize(nest.loops.size());
  Extents extents;
  extents.fill(1);
  for (std::size_t i = 0; i < nest.loops.size(); ++i) {
    extents[nest.loops[i].dimension] *= nest.loops[i].factor;
    nest.molds[i] = extents;
  }
}

}  // namespace cimloop::sparse
