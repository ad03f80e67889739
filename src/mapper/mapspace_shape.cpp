#include "src/mapper/mapspace_shape.hpp"

#include <algorithm>

namespace cimloop::mapper {
namespace {

template <typename Range, typename Name>
int index_of(const Range& range, const std::string& name, Name name_of) {
  auto it = std::find_if(range.begin(), range.end(),
                         [&](const auto& item) { return name_of(item) == name; });
  return it == range.end() ? -1 : static_cast<int>(it - range.begin());
}

}  // namespace

int MapspaceShape::dimension_index(const std::string& name) const {
  return index_of(dimensions, name, [](const std::string& item) { return item; });
}

int MapspaceShape::data_space_index(const std::string& name) const {
  return index_of(data_spaces, name, [](const DataSpaceShape& item) { return item.name; });
}

int MapspaceShape::storage_index(const std::string& name) const {
  return index_of(storage, name, [](const StorageShape& item) { return item.name; });
}

}  // namespace cimloop::mapper
