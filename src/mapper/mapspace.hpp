#pragma once
// The constrained mapspace: how each dimension may be factorised over the tiling levels
// (a spatial slot for each storage level with fanout, a temporal slot for every level), the
// loop orders, the spatial X/Y axes and the keep/bypass choices. Offers random points that
// respect the constraints and usually fit the buffers, small random moves for local search,
// and a cheap validity check (capacity, fanout, constraints) run before a full evaluation.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/mapper/constraints.hpp"
#include "src/mapper/map_point.hpp"
#include "src/mapper/mapspace_shape.hpp"
#include "src/mapper/random.hpp"

namespace cimloop::mapper {

class Mapspace {
 public:
  // Throws InputError when the constraints leave no possible mapping for a reason that is
  // known before searching (e.g. forced spatial factors beyond an axis' fanout).
  Mapspace(MapspaceShape shape, Constraints constraints, int max_temporal_loops = -1);

  const MapspaceShape& shape() const { return shape_; }
  const Constraints& constraints() const { return constraints_; }

  MapPoint sample(Random& random) const;
  // A neighbour: one to three small changes (move a prime factor between slots, swap two
  // loops, flip a keep bit or a spatial axis), each allowed by the constraints.
  MapPoint mutate(const MapPoint& point, Random& random) const;
  // Every point one move away (each prime factor to each other accepting slot, each swap of
  // two free non-trivial loops, each free keep bit and spatial axis), in a fixed order.
  std::vector<MapPoint> neighbours(const MapPoint& point) const;

  // Empty when the point passes every check that does not need the model; otherwise the
  // first failed check, e.g. "GlobalBuffer: tile size 70000 exceeds capacity 65536".
  std::string precheck(const MapPoint& point) const;

  // Words of data space `space` held by one instance of storage `level`.
  std::int64_t tile_size(const MapPoint& point, int level, int space) const;

 private:
  struct Slot {
    int level;
    bool spatial;
  };

  const FactorLimit& limit(const Slot& slot, int dim) const;
  std::int64_t& factor(MapPoint& point, const Slot& slot, int dim) const;
  std::int64_t factor(const MapPoint& point, const Slot& slot, int dim) const;
  std::optional<bool> forced_axis(int level, int dim) const;
  bool slot_accepts(const MapPoint& point, const Slot& slot, int dim, std::int64_t prime) const;
  void widen_tile(const MapPoint& point, int level, std::vector<std::int64_t>& extent) const;
  std::int64_t used_capacity(const MapPoint& point, int level, const std::vector<std::int64_t>& extent) const;
  std::optional<std::pair<int, std::int64_t>> overflow_from(const MapPoint& point, int level) const;
  void assign_primes(MapPoint& point, Random& random) const;
  void order_loops(LevelMapping& level_mapping, int level, Random& random) const;
  bool move_prime(MapPoint& point, Random& random) const;
  bool swap_loops(MapPoint& point, Random& random) const;
  bool flip_keep(MapPoint& point, Random& random) const;
  bool flip_axis(MapPoint& point, Random& random) const;
  bool flip_axis_of(MapPoint& point, int level, int dim) const;

  MapspaceShape shape_;
  Constraints constraints_;
  int max_temporal_loops_;
  std::vector<Slot> slots_;                          // innermost first
  std::vector<std::vector<std::int64_t>> primes_;    // per dimension, after fixed factors
};

}  // namespace cimloop::mapper
