#include "src/mapper/mapspace_shape.hpp"

#include "src/mapping/mapping.hpp"

namespace cimloop::mapper {

int MapspaceShape::storage_index(const std::string& name) const {
  for (int level = 0; level < num_levels(); ++level)
    if (storage[level].name == name) return level;
  return -1;
}

MapspaceShape mapspace_shape(const workload::Workload& workload, const arch::ArchSpec& arch, bool dense_tiles) {
  MapspaceShape shape{workload, {}};
  for (int level = 0; level < arch.num_storage_levels(); ++level) {
    const arch::BufferSpec& buffer = arch.storage[level];
    mapping::Fanout fanout = mapping::level_fanout(arch, level);
    std::optional<std::int64_t> capacity = buffer.effective_size ? buffer.effective_size : buffer.size;
    if (!dense_tiles) capacity.reset();
    shape.storage.push_back({buffer.name, fanout.x, fanout.y, capacity});
  }
  return shape;
}

}  // namespace cimloop::mapper
