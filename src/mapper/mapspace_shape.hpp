#pragma once
// What the mapper needs to know about a problem and an architecture to lay out its search
// space: the workload (dimensions, bounds, projections for tile sizes) and the storage levels
// (innermost first) with their spatial fanout and usable capacity.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::mapper {

struct StorageShape {
  std::string name;
  std::int64_t fanout_x = 1;  // children per instance along X (mesh ratio to the inner level)
  std::int64_t fanout_y = 1;
  std::optional<std::int64_t> capacity;  // effective size in words; unset = unlimited

  bool has_fanout() const { return fanout_x * fanout_y > 1; }
};

struct MapspaceShape {
  workload::Workload problem;
  std::vector<StorageShape> storage;  // index 0 = innermost

  int num_dimensions() const { return problem.num_dimensions(); }
  int num_data_spaces() const { return problem.num_data_spaces(); }
  int num_levels() const { return static_cast<int>(storage.size()); }
  const std::string& dimension_name(int dim) const { return problem.dimension_names[dim]; }
  int dimension_index(const std::string& name) const { return problem.dimension_index(name); }
  int data_space_index(const std::string& name) const { return problem.data_space_index(name); }
  int storage_index(const std::string& name) const;
};

// Fanouts from the meshes (Timeloop's tiling levels), capacities from the effective sizes.
// With `dense_tiles` false (sparse optimisations may compress tiles) capacities are left
// unset: only the model can tell whether a tile fits.
MapspaceShape mapspace_shape(const workload::Workload& workload, const arch::ArchSpec& arch, bool dense_tiles = true);

}  // namespace cimloop::mapper
