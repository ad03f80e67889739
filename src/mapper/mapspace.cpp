#include "src/mapper/mapspace.hpp"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <utility>

#include "src/common/error.hpp"

namespace cimloop::mapper {
namespace {

std::vector<std::int64_t> prime_factors(std::int64_t n) {
  std::vector<std::int64_t> primes;
  for (std::int64_t p = 2; p * p <= n; ++p)
    for (; n % p == 0; n /= p) primes.push_back(p);
  if (n > 1) primes.push_back(n);
  return primes;
}

bool listed(const std::vector<int>& order, int dim) {
  return std::find(order.begin(), order.end(), dim) != order.end();
}

}  // namespace

Mapspace::Mapspace(MapspaceShape shape, Constraints constraints, int max_temporal_loops)
    : shape_(std::move(shape)), constraints_(std::move(constraints)),
      max_temporal_loops_(max_temporal_loops) {
  // Timeloop's mapper keeps the innermost level's temporal loops in declaration order,
  // whatever that level's permutation constraint says (every reference mapping shows it,
  // e.g. spMspM's Buffer "MNK" under the constraint "NKM").
  if (shape_.num_levels() > 0) {
    std::vector<int>& innermost = constraints_.levels[0].temporal.permutation;
    innermost.resize(shape_.num_dimensions());
    std::iota(innermost.begin(), innermost.end(), 0);
  }
  for (int level = 0; level < shape_.num_levels(); ++level) {
    if (shape_.storage[level].has_fanout()) slots_.push_back({level, true});
    slots_.push_back({level, false});
  }
  for (int dim = 0; dim < shape_.num_dimensions(); ++dim) {
    std::int64_t fixed = 1;
    for (const Slot& slot : slots_) fixed *= std::max<std::int64_t>(limit(slot, dim).exact, 1);
    // Constrained factors that do not divide the dimension leave the free slots the smallest
    // cover of the rest; the written mapping gets residuals.
    primes_.push_back(prime_factors((shape_.problem.bounds[dim] + fixed - 1) / fixed));
  }
  for (int level = 0; level < shape_.num_levels(); ++level) {
    const StorageShape& storage = shape_.storage[level];
    if (!storage.has_fanout()) continue;
    std::int64_t along_x = 1, along_y = 1;
    for (int dim = 0; dim < shape_.num_dimensions(); ++dim) {
      std::int64_t exact = std::max<std::int64_t>(limit({level, true}, dim).exact, 1);
      std::optional<bool> axis = forced_axis(level, dim);
      if (axis && *axis) along_x *= exact;
      if (axis && !*axis) along_y *= exact;
    }
    if (along_x > storage.fanout_x || along_y > storage.fanout_y)
      throw InputError("constraints: " + storage.name + ": spatial factors forced along " +
                       (along_x > storage.fanout_x ? "X multiply to " + std::to_string(along_x) +
                                                         ", more than the X fanout " + std::to_string(storage.fanout_x)
                                                   : "Y multiply to " + std::to_string(along_y) +
                                                         ", more than the Y fanout " + std::to_string(storage.fanout_y)));
  }
}

const FactorLimit& Mapspace::limit(const Slot& slot, int dim) const {
  const LevelConstraint& level = constraints_.levels[slot.level];
  return (slot.spatial ? level.spatial : level.temporal).factors[dim];
}

std::int64_t& Mapspace::factor(MapPoint& point, const Slot& slot, int dim) const {
  LevelMapping& level = point.levels[slot.level];
  return (slot.spatial ? level.spatial : level.temporal)[dim];
}

std::int64_t Mapspace::factor(const MapPoint& point, const Slot& slot, int dim) const {
  const LevelMapping& level = point.levels[slot.level];
  return (slot.spatial ? level.spatial : level.temporal)[dim];
}

// X (true) or Y (false) when the fanout shape or the constrained split decides it.
std::optional<bool> Mapspace::forced_axis(int level, int dim) const {
  const StorageShape& storage = shape_.storage[level];
  if (storage.fanout_y == 1) return true;
  if (storage.fanout_x == 1) return false;
  const TilingConstraint& spatial = constraints_.levels[level].spatial;
  if (!spatial.split) return std::nullopt;
  const std::vector<int>& order = spatial.permutation;
  auto position = std::find(order.begin(), order.end(), dim);
  if (position != order.end()) return position - order.begin() < *spatial.split;
  if (*spatial.split >= shape_.num_dimensions()) return true;
  if (*spatial.split <= static_cast<int>(order.size())) return false;
  return std::nullopt;
}

bool Mapspace::slot_accepts(const MapPoint& point, const Slot& slot, int dim, std::int64_t prime) const {
  if (limit(slot, dim).exact > 0) return false;
  if (factor(point, slot, dim) * prime > limit(slot, dim).max) return false;
  if (!slot.spatial) return true;
  const LevelMapping& level = point.levels[slot.level];
  const StorageShape& storage = shape_.storage[slot.level];
  bool along_x = level.spatial_x[dim];
  std::int64_t used = 1;
  for (int other = 0; other < shape_.num_dimensions(); ++other)
    if (level.spatial_x[other] == along_x) used *= level.spatial[other];
  return used * prime <= (along_x ? storage.fanout_x : storage.fanout_y);
}

// Multiplies `extent` by storage `level`'s factors: after levels 0..L it spans the tile held
// by one instance of L.
void Mapspace::widen_tile(const MapPoint& point, int level, std::vector<std::int64_t>& extent) const {
  const LevelMapping& mapping = point.levels[level];
  for (int dim = 0; dim < shape_.num_dimensions(); ++dim) extent[dim] *= mapping.temporal[dim] * mapping.spatial[dim];
}

std::int64_t Mapspace::tile_size(const MapPoint& point, int level, int space) const {
  std::vector<std::int64_t> extent(shape_.num_dimensions(), 1);
  for (int inner = 0; inner <= level; ++inner) widen_tile(point, inner, extent);
  return shape_.problem.footprint(space, extent.data());
}

std::int64_t Mapspace::used_capacity(const MapPoint& point, int level, const std::vector<std::int64_t>& extent) const {
  std::int64_t used = 0;
  for (int space = 0; space < shape_.num_data_spaces(); ++space)
    if (point.levels[level].keep[space]) used += shape_.problem.footprint(space, extent.data());
  return used;
}

// The first storage level from `level` outwards that cannot hold the tiles it keeps, with the
// words they need. The tile extents grow level by level instead of being recomputed for each,
// as the sampler asks this for every slot of every prime factor.
std::optional<std::pair<int, std::int64_t>> Mapspace::overflow_from(const MapPoint& point, int level) const {
  std::vector<std::int64_t> extent(shape_.num_dimensions(), 1);
  for (int inner = 0; inner < level; ++inner) widen_tile(point, inner, extent);
  for (int outer = level; outer < shape_.num_levels(); ++outer) {
    widen_tile(point, outer, extent);
    const std::optional<std::int64_t>& capacity = shape_.storage[outer].capacity;
    if (!capacity) continue;
    if (std::int64_t used = used_capacity(point, outer, extent); used > *capacity) return std::pair{outer, used};
  }
  return std::nullopt;
}

// Distributes the free prime factors one at a time over the slots that still accept them,
// preferring slots whose buffers still fit, so that most samples are valid.
void Mapspace::assign_primes(MapPoint& point, Random& random) const {
  std::vector<std::pair<int, std::int64_t>> items;
  for (int dim = 0; dim < shape_.num_dimensions(); ++dim)
    for (std::int64_t prime : primes_[dim]) items.emplace_back(dim, prime);
  random.shuffle(items);
  std::vector<const Slot*> candidates, fitting;
  for (const auto& [dim, prime] : items) {
    candidates.clear();
    fitting.clear();
    for (const Slot& slot : slots_) {
      if (!slot_accepts(point, slot, dim, prime)) continue;
      candidates.push_back(&slot);
      factor(point, slot, dim) *= prime;
      if (!overflow_from(point, slot.level)) fitting.push_back(&slot);
      factor(point, slot, dim) /= prime;
    }
    const std::vector<const Slot*>& pool = fitting.empty() ? candidates : fitting;
    const Slot* chosen = nullptr;
    if (!pool.empty()) {
      chosen = pool[random.below(pool.size())];
    } else {  // every slot is at its limit: overflow the outermost free one (precheck rejects)
      for (const Slot& slot : slots_)
        if (limit(slot, dim).exact == 0) chosen = &slot;
    }
    factor(point, *chosen, dim) *= prime;
  }
}

void Mapspace::order_loops(LevelMapping& mapping, int level, Random& random) const {
  const LevelConstraint& lc = constraints_.levels[level];
  auto arrange = [&](const std::vector<int>& fixed, auto&& belongs) {
    std::vector<int> order, rest;
    for (int dim : fixed)
      if (belongs(dim)) order.push_back(dim);
    for (int dim = 0; dim < shape_.num_dimensions(); ++dim)
      if (belongs(dim) && !listed(fixed, dim)) rest.push_back(dim);
    random.shuffle(rest);
    order.insert(order.end(), rest.begin(), rest.end());
    return order;
  };
  mapping.temporal_order = arrange(lc.temporal.permutation, [](int) { return true; });
  mapping.spatial_order = arrange(lc.spatial.permutation, [&](int dim) { return bool(mapping.spatial_x[dim]); });
  std::vector<int> along_y = arrange(lc.spatial.permutation, [&](int dim) { return !mapping.spatial_x[dim]; });
  mapping.spatial_order.insert(mapping.spatial_order.end(), along_y.begin(), along_y.end());
}

MapPoint Mapspace::sample(Random& random) const {
  MapPoint point;
  const int dims = shape_.num_dimensions();
  for (int level = 0; level < shape_.num_levels(); ++level) {
    const LevelConstraint& lc = constraints_.levels[level];
    LevelMapping mapping;
    mapping.temporal.assign(dims, 1);
    mapping.spatial.assign(dims, 1);
    mapping.spatial_x.assign(dims, true);
    for (int dim = 0; dim < dims; ++dim) {
      mapping.temporal[dim] = std::max<std::int64_t>(lc.temporal.factors[dim].exact, 1);
      if (shape_.storage[level].has_fanout())
        mapping.spatial[dim] = std::max<std::int64_t>(lc.spatial.factors[dim].exact, 1);
      std::optional<bool> axis = forced_axis(level, dim);
      mapping.spatial_x[dim] = axis ? *axis : random.chance(0.5);
    }
    bool outermost = level == shape_.num_levels() - 1;
    for (int space = 0; space < shape_.num_data_spaces(); ++space)
      mapping.keep.push_back(lc.keep[space] ? *lc.keep[space] : outermost || random.chance(0.5));
    point.levels.push_back(std::move(mapping));
  }
  assign_primes(point, random);
  for (int level = 0; level < shape_.num_levels(); ++level) order_loops(point.levels[level], level, random);
  return point;
}

std::string Mapspace::precheck(const MapPoint& point) const {
  const int dims = shape_.num_dimensions();
  int temporal_loops = 0;
  for (int level = 0; level < shape_.num_levels(); ++level) {
    const LevelMapping& mapping = point.levels[level];
    const StorageShape& storage = shape_.storage[level];
    std::int64_t along_x = 1, along_y = 1;
    for (int dim = 0; dim < dims; ++dim) {
      for (bool spatial : {false, true}) {
        const FactorLimit& lim = limit({level, spatial}, dim);
        std::int64_t value = factor(point, {level, spatial}, dim);
        if ((lim.exact > 0 && value != lim.exact) || value < lim.min || value > lim.max)
          return storage.name + ": factor " + std::to_string(value) + " of " + shape_.dimension_name(dim) +
                 " violates its constraint";
      }
      (mapping.spatial_x[dim] ? along_x : along_y) *= mapping.spatial[dim];
      if (mapping.temporal[dim] > 1) ++temporal_loops;
    }
    if (along_x > storage.fanout_x || along_y > storage.fanout_y)
      return storage.name + ": spatial fanout exceeded";
    double used = static_cast<double>(along_x * along_y) / static_cast<double>(storage.fanout_x * storage.fanout_y);
    if (used < constraints_.levels[level].min_spatial_utilization)
      return storage.name + ": spatial utilization below the constrained minimum";
  }
  if (max_temporal_loops_ >= 0 && temporal_loops > max_temporal_loops_)
    return "more than " + std::to_string(max_temporal_loops_) + " temporal loops";
  for (int space = 0; space < shape_.num_data_spaces(); ++space) {
    bool kept = false;
    for (const LevelMapping& mapping : point.levels) kept = kept || mapping.keep[space];
    if (!kept) return shape_.problem.data_spaces[space].name + " is bypassed in all storage levels";
  }
  if (const auto overflow = overflow_from(point, 0))
    return shape_.storage[overflow->first].name + ": tile size " + std::to_string(overflow->second) +
           " exceeds capacity " + std::to_string(*shape_.storage[overflow->first].capacity);
  return "";
}

}  // namespace cimloop::mapper
