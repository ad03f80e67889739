#include "src/mapper/map_point.hpp"

namespace cimloop::mapper {
namespace {

// Loop entries are positive (dimension, factor and axis packed); separators are negative.
constexpr std::int64_t kDimStride = 1LL << 40;
constexpr std::int64_t kAxisOffset = 1LL << 50;

}  // namespace

int LevelMapping::split() const {
  int count = 0;
  for (int dim : spatial_order)
    if (spatial[dim] > 1 && spatial_x[dim]) ++count;
  return count;
}

std::vector<std::int64_t> MapPoint::key() const {
  std::vector<std::int64_t> key;
  for (const LevelMapping& level : levels) {
    for (int dim : level.temporal_order)
      if (level.temporal[dim] > 1) key.push_back(dim * kDimStride + level.temporal[dim]);
    key.push_back(-1);
    for (int dim : level.spatial_order)
      if (level.spatial[dim] > 1)
        key.push_back((level.spatial_x[dim] ? 1 : 2) * kAxisOffset + dim * kDimStride + level.spatial[dim]);
    std::int64_t keep_bits = 0;
    for (std::size_t space = 0; space < level.keep.size(); ++space)
      if (level.keep[space]) keep_bits |= std::int64_t{1} << space;
    key.push_back(-2 - keep_bits);
  }
  return key;
}

}  // namespace cimloop::mapper
