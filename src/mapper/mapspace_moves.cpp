// Local-search moves of the mapspace. Every move keeps the point inside the constraints
// (fixed factors, permutation prefixes, forced axes and keeps); capacity is left to precheck.
#include <algorithm>

#include "src/mapper/mapspace.hpp"

namespace cimloop::mapper {
namespace {

std::int64_t smallest_prime_factor(std::int64_t n) {
  for (std::int64_t p = 2; p * p <= n; ++p)
    if (n % p == 0) return p;
  return n;
}

template <typename T>
const T& pick(const std::vector<T>& items, Random& random) {
  return items[random.below(items.size())];
}

}  // namespace

bool Mapspace::move_prime(MapPoint& point, Random& random) const {
  std::vector<int> dims;
  for (int dim = 0; dim < shape_.num_dimensions(); ++dim)
    if (!primes_[dim].empty()) dims.push_back(dim);
  if (dims.empty()) return false;
  int dim = pick(dims, random);
  std::vector<const Slot*> sources;
  for (const Slot& slot : slots_)
    if (limit(slot, dim).exact == 0 && factor(point, slot, dim) > 1) sources.push_back(&slot);
  if (sources.empty()) return false;
  const Slot& source = *pick(sources, random);
  // A random prime of the source factor: peel primes off a random number of times.
  std::int64_t value = factor(point, source, dim);
  std::int64_t prime = smallest_prime_factor(value);
  for (std::uint64_t skip = random.below(4); skip > 0 && value / prime > 1; --skip) {
    value /= prime;
    prime = smallest_prime_factor(value);
  }
  if (factor(point, source, dim) / prime < limit(source, dim).min) return false;
  factor(point, source, dim) /= prime;
  std::vector<const Slot*> targets;
  for (const Slot& slot : slots_)
    if (&slot != &source && slot_accepts(point, slot, dim, prime)) targets.push_back(&slot);
  if (targets.empty()) {
    factor(point, source, dim) *= prime;
    return false;
  }
  factor(point, *pick(targets, random), dim) *= prime;
  return true;
}

// Swaps two non-trivial loops of one level whose order is not fixed by a constraint.
bool Mapspace::swap_loops(MapPoint& point, Random& random) const {
  int level = static_cast<int>(random.below(shape_.num_levels()));
  bool spatial = shape_.storage[level].has_fanout() && random.chance(0.5);
  LevelMapping& mapping = point.levels[level];
  const TilingConstraint& tc = spatial ? constraints_.levels[level].spatial : constraints_.levels[level].temporal;
  std::vector<int>& order = spatial ? mapping.spatial_order : mapping.temporal_order;
  const std::vector<std::int64_t>& factors = spatial ? mapping.spatial : mapping.temporal;
  std::vector<int> positions;
  for (int position = 0; position < static_cast<int>(order.size()); ++position) {
    int dim = order[position];
    bool fixed = std::find(tc.permutation.begin(), tc.permutation.end(), dim) != tc.permutation.end();
    if (factors[dim] > 1 && !fixed) positions.push_back(position);
  }
  if (positions.size() < 2) return false;
  int first = pick(positions, random), second = pick(positions, random);
  if (first == second) return false;
  if (spatial && mapping.spatial_x[order[first]] != mapping.spatial_x[order[second]]) return false;
  std::swap(order[first], order[second]);
  return true;
}

bool Mapspace::flip_keep(MapPoint& point, Random& random) const {
  std::vector<std::pair<int, int>> free;
  for (int level = 0; level + 1 < shape_.num_levels(); ++level)
    for (int space = 0; space < shape_.num_data_spaces(); ++space)
      if (!constraints_.levels[level].keep[space]) free.emplace_back(level, space);
  if (free.empty()) return false;
  auto [level, space] = pick(free, random);
  point.levels[level].keep[space] = !point.levels[level].keep[space];
  return true;
}

// Moves the spatial loop of `dim` to the other axis if that axis' fanout allows it.
bool Mapspace::flip_axis_of(MapPoint& point, int level, int dim) const {
  LevelMapping& mapping = point.levels[level];
  const bool to_x = !mapping.spatial_x[dim];
  std::int64_t along = mapping.spatial[dim];
  for (int other = 0; other < shape_.num_dimensions(); ++other)
    if (other != dim && mapping.spatial_x[other] == to_x) along *= mapping.spatial[other];
  if (along > (to_x ? shape_.storage[level].fanout_x : shape_.storage[level].fanout_y)) return false;
  mapping.spatial_x[dim] = to_x;
  std::stable_partition(mapping.spatial_order.begin(), mapping.spatial_order.end(),
                        [&](int other) { return bool(mapping.spatial_x[other]); });
  return true;
}

// Moves one spatial loop to the other axis when neither the mesh nor the split forbid it.
bool Mapspace::flip_axis(MapPoint& point, Random& random) const {
  std::vector<std::pair<int, int>> free;
  for (int level = 0; level < shape_.num_levels(); ++level)
    for (int dim = 0; dim < shape_.num_dimensions(); ++dim)
      if (point.levels[level].spatial[dim] > 1 && !forced_axis(level, dim)) free.emplace_back(level, dim);
  if (free.empty()) return false;
  auto [level, dim] = pick(free, random);
  return flip_axis_of(point, level, dim);
}

std::vector<MapPoint> Mapspace::neighbours(const MapPoint& point) const {
  std::vector<MapPoint> result;
  for (int dim = 0; dim < shape_.num_dimensions(); ++dim) {
    for (const Slot& source : slots_) {
      const std::int64_t value = factor(point, source, dim);
      if (limit(source, dim).exact > 0 || value == 1) continue;
      for (std::int64_t prime = 2, rest = value; rest > 1; ++prime) {
        if (rest % prime != 0) continue;
        while (rest % prime == 0) rest /= prime;
        if (value / prime < limit(source, dim).min) continue;
        MapPoint reduced = point;
        factor(reduced, source, dim) /= prime;
        for (const Slot& target : slots_) {
          if (&target == &source || !slot_accepts(reduced, target, dim, prime)) continue;
          result.push_back(reduced);
          factor(result.back(), target, dim) *= prime;
        }
      }
    }
  }
  for (int level = 0; level < shape_.num_levels(); ++level) {
    const LevelMapping& mapping = point.levels[level];
    const std::vector<int>& fixed = constraints_.levels[level].temporal.permutation;
    for (std::size_t i = 0; i < mapping.temporal_order.size(); ++i)
      for (std::size_t j = i + 1; j < mapping.temporal_order.size(); ++j) {
        const int a = mapping.temporal_order[i], b = mapping.temporal_order[j];
        if (mapping.temporal[a] == 1 || mapping.temporal[b] == 1) continue;
        if (std::find(fixed.begin(), fixed.end(), a) != fixed.end() ||
            std::find(fixed.begin(), fixed.end(), b) != fixed.end())
          continue;
        result.push_back(point);
        std::swap(result.back().levels[level].temporal_order[i], result.back().levels[level].temporal_order[j]);
      }
    for (int space = 0; space < shape_.num_data_spaces(); ++space)
      if (level + 1 < shape_.num_levels() && !constraints_.levels[level].keep[space]) {
        result.push_back(point);
        result.back().levels[level].keep[space] = !mapping.keep[space];
      }
    for (int dim = 0; dim < shape_.num_dimensions(); ++dim) {
      if (mapping.spatial[dim] == 1 || forced_axis(level, dim)) continue;
      MapPoint flipped = point;
      if (flip_axis_of(flipped, level, dim)) result.push_back(std::move(flipped));
    }
  }
  return result;
}

MapPoint Mapspace::mutate(const MapPoint& point, Random& random) const {
  MapPoint next = point;
  int wanted = 1 + static_cast<int>(random.below(3));
  for (int done = 0, attempts = 0; done < wanted && attempts < 32; ++attempts) {
    std::uint64_t kind = random.below(10);
    bool moved = kind < 5   ? move_prime(next, random)
                 : kind < 8 ? swap_loops(next, random)
                 : kind < 9 ? flip_keep(next, random)
                            : flip_axis(next, random);
    if (moved) ++done;
  }
  return next;
}

}  // namespace cimloop::mapper
