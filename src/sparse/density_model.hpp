#pragma once
// Statistical density models of a tensor (Sparseloop): the probability that a tile of a given
// number of points holds exactly k non-zeros, optionally knowing that it is a sub-tile of a
// parent tile with a known occupancy, and the occupancy bounds used for capacities.
#include <cstdint>

#include "src/sparse/sparse_spec.hpp"

namespace cimloop::sparse {

// "This tile lies inside a parent tile of `shape` points holding exactly `occupancy` non-zeros."
struct OccupancyConstraint {
  std::int64_t shape = 0;
  std::int64_t occupancy = 0;
};

class DensityModel {
 public:
  DensityModel() = default;
  // `tensor_size`: points of the whole data space (the hypergeometric population unless the
  // spec gives one).
  DensityModel(const DensitySpec& spec, std::int64_t tensor_size);

  const char* name() const;
  DensityKind kind() const { return kind_; }

  double probability(std::int64_t shape, std::int64_t occupancy) const;
  double probability(std::int64_t shape, std::int64_t occupancy, const OccupancyConstraint& parent) const;
  double empty_probability(std::int64_t shape) const { return probability(shape, 0); }

  // Largest occupancy of a tile at the given confidence (1 = certain).
  std::int64_t max_occupancy(std::int64_t shape, double confidence = 1.0) const;
  std::int64_t min_occupancy(std::int64_t shape) const;
  double expected_occupancy(std::int64_t shape) const;

 private:
  double fixed_probability(double expected, std::int64_t occupancy) const;
  double hypergeometric(std::int64_t population, std::int64_t successes, std::int64_t draws,
                        std::int64_t occupancy) const;

  DensityKind kind_ = DensityKind::FixedStructured;
  double density_ = 1.0;
  std::int64_t population_ = 0;  // hypergeometric
  std::int64_t nonzeros_ = 0;    // hypergeometric: ceil(density * population)
};

}  // namespace cimloop::sparse
