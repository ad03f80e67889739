#pragma once
// What the mapper needs to know about a problem and an architecture to lay out its search
// space: dimensions and their bounds, data-space projections (for tile sizes), and the storage
// levels (innermost first) with their spatial fanout and usable capacity.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cimloop::mapper {

struct ProjectionTerm {
  int dimension = 0;
  std::int64_t coefficient = 1;
};

struct DataSpaceShape {
  std::string name;
  std::vector<std::vector<ProjectionTerm>> ranks;  // rank coordinate = sum of its terms
};

struct StorageShape {
  std::string name;
  std::int64_t fanout_x = 1;  // children per instance along X (mesh ratio to the inner level)
  std::int64_t fanout_y = 1;
  std::optional<std::int64_t> capacity;  // effective size in words; unset = unlimited

  bool has_fanout() const { return fanout_x * fanout_y > 1; }
};

struct MapspaceShape {
  std::vector<std::string> dimensions;  // one-letter names, declaration order
  std::vector<std::int64_t> bounds;
  std::vector<DataSpaceShape> data_spaces;
  std::vector<StorageShape> storage;  // index 0 = innermost

  int num_dimensions() const { return static_cast<int>(dimensions.size()); }
  int num_data_spaces() const { return static_cast<int>(data_spaces.size()); }
  int num_levels() const { return static_cast<int>(storage.size()); }
  int dimension_index(const std::string& name) const;
  int data_space_index(const std::string& name) const;
  int storage_index(const std::string& name) const;
};

}  // namespace cimloop::mapper
