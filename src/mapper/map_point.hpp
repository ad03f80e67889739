#pragma once
// One point of the mapspace: per storage level (innermost first) the temporal and spatial
// loop factors, the loop orders and which data spaces the level keeps.
#include <cstdint>
#include <vector>

namespace cimloop::mapper {

struct LevelMapping {
  std::vector<std::int64_t> temporal;  // factor per dimension
  std::vector<std::int64_t> spatial;   // factor per dimension (all 1 without fanout)
  std::vector<int> temporal_order;     // every dimension once, innermost first
  std::vector<int> spatial_order;      // every dimension once, innermost first, X dims first
  std::vector<bool> spatial_x;         // per dimension: spatial loop along X (else Y)
  std::vector<bool> keep;              // per data space

  // Spatial loops along X come first in `spatial_order`; this is how many there are among
  // the non-trivial loops (the `split` of the written mapping).
  int split() const;
};

struct MapPoint {
  std::vector<LevelMapping> levels;  // index 0 = innermost storage level

  // A compact canonical form: two points with equal keys describe the same loop nest
  // (orders of factor-1 loops do not matter).
  std::vector<std::int64_t> key() const;
};

}  // namespace cimloop::mapper
