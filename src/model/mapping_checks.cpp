#include "src/model/mapping_checks.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>

namespace cimloop::model {
namespace {

using mapping::LoopKind;

struct Expansion {
  std::int64_t instances = 1, x = 1, y = 1;
};

std::string check_arithmetic(const arch::ArithmeticSpec& spec, const Expansion& used) {
  const char* const limit = " exceeds hardware instances ";  // no std::string: checks run per evaluation
  if (used.instances > spec.instances) {
    return "mapped max Arithmetic instances " + std::to_string(used.instances) + limit + std::to_string(spec.instances);
  }
  if (used.x > spec.mesh_x) {
    return "mapped max Arithmetic X expansion " + std::to_string(used.x) + limit + std::to_string(spec.mesh_x);
  }
  if (used.y > spec.mesh_y) {
    return "mapped max Arithmetic Y expansion " + std::to_string(used.y) + limit + std::to_string(spec.mesh_y);
  }
  return "";
}

// Timeloop prints the minimum-utilization bound with the default stream format.
std::string default_format(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

std::string check_buffer(const arch::BufferSpec& spec, std::int64_t tile, const Expansion& used) {
  std::string reason;
  if (spec.effective_size && !spec.allow_overbooking) {
    const double capacity = static_cast<double>(*spec.effective_size);
    if (tile > *spec.effective_size) {
      reason = "mapped tile size " + std::to_string(tile) + " exceeds buffer capacity " +
               std::to_string(*spec.effective_size);
    } else if (static_cast<double>(tile) < capacity * spec.min_utilization) {
      reason = "mapped tile size " + std::to_string(tile) + " is less than constrained minimum utilization " +
               default_format(capacity * spec.min_utilization);
    }
  }
  const char* const limit = " exceeds available hardware instances ";
  if (used.instances > spec.instances) {
    reason += "mapped instances " + std::to_string(used.instances) + limit + std::to_string(spec.instances);
  } else if (used.x > spec.mesh_x) {
    reason += "mapped X expansion " + std::to_string(used.x) + limit + std::to_string(spec.mesh_x);
  } else if (used.y > spec.mesh_y) {
    reason += "mapped Y expansion " + std::to_string(used.y) + limit + std::to_string(spec.mesh_y);
  }
  return reason;
}

// Sum over kept data spaces of the largest working set of the loops up to `boundary`.
std::int64_t kept_tile_size(const workload::Workload& workload, const mapping::Mapping& mapping, int boundary,
                            mapping::DataSpaceMask keep, bool imperfect) {
  std::array<std::int64_t, workload::kMaxDimensions> extent;
  if (imperfect) {
    extent = mapping::largest_extents(mapping, boundary);
  } else {
    extent.fill(1);
    for (int l = 0; l <= boundary; ++l) extent[mapping.loops[l].dimension] *= mapping.loops[l].factor;
  }
  std::int64_t total = 0;
  for (int t = 0; t < workload.num_data_spaces(); ++t) {
    if (!(keep >> t & 1u)) continue;
    std::int64_t size = 1;
    for (const auto& rank : workload.data_spaces[t].ranks) {
      std::int64_t span = 1;
      for (const workload::Term& term : rank) span += std::abs(term.coefficient) * (extent[term.dimension] - 1);
      size *= span;
    }
    total += size;
  }
  return total;
}

MappingCheck failure(const std::string& level, std::string reason) { return {false, level, std::move(reason)}; }

}  // namespace

MappingCheck check_mapping(const arch::ArchSpec& arch, const workload::Workload& workload,
                           const mapping::Mapping& mapping) {
  const int levels = arch.num_storage_levels();
  for (int t = 0; t < workload.num_data_spaces(); ++t) {
    bool kept = false;
    for (int i = 0; i < levels; ++i) kept = kept || (mapping.keep[i] >> t & 1u);
    if (!kept) return failure(arch.arithmetic.name, "one of the tensors is bypassed in all storage levels");
  }
  // Spatial expansion above each storage boundary (and above the arithmetic).
  std::vector<Expansion> above(levels);
  Expansion all;
  int level = levels - 1;
  for (int l = mapping.num_loops() - 1; l >= 0; --l) {
    while (level >= 0 && mapping.boundaries[level] == l) above[level--] = all;
    const mapping::Loop& loop = mapping.loops[l];
    if (!loop.spatial()) continue;
    all.instances *= loop.factor;
    (loop.kind == LoopKind::SpatialX ? all.x : all.y) *= loop.factor;
  }
  if (std::string reason = check_arithmetic(arch.arithmetic, all); !reason.empty()) {
    return failure(arch.arithmetic.name, std::move(reason));
  }
  const bool imperfect = mapping.imperfect();
  for (int i = 0; i < levels; ++i) {
    const std::int64_t tile = kept_tile_size(workload, mapping, mapping.boundaries[i], mapping.keep[i], imperfect);
    if (std::string reason = check_buffer(arch.storage[i], tile, above[i]); !reason.empty()) {
      return failure(arch.storage[i].name, std::move(reason));
    }
  }
  return {};
}

void bypass_overfull_levels(const arch::ArchSpec& arch, const workload::Workload& workload, mapping::Mapping& mapping) {
  const bool imperfect = mapping.imperfect();
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    const arch::BufferSpec& spec = arch.storage[i];
    if (!spec.effective_size || spec.allow_overbooking) continue;
    if (kept_tile_size(workload, mapping, mapping.boundaries[i], mapping.keep[i], imperfect) > *spec.effective_size) {
      mapping.keep[i] = 0;
    }
  }
}

}  // namespace cimloop::model
