#include "src/sparse/density_model.hpp"

#include <algorithm>
#include <cmath>

namespace cimloop::sparse {
namespace {

long double log_factorial(std::int64_t n) { return std::lgamma(static_cast<long double>(n) + 1.0L); }

long double log_choose(std::int64_t n, std::int64_t k) {
  return log_factorial(n) - log_factorial(k) - log_factorial(n - k);
}

}  // namespace

DensityModel::DensityModel(const DensitySpec& spec, std::int64_t tensor_size)
    : kind_(spec.kind), density_(spec.density) {
  if (kind_ == DensityKind::Hypergeometric) {
    population_ = spec.tensor_size > 0 ? spec.tensor_size : tensor_size;
    nonzeros_ = static_cast<std::int64_t>(std::ceil(density_ * static_cast<double>(population_)));
  }
}

const char* DensityModel::name() const {
  switch (kind_) {
    case DensityKind::Hypergeometric: return "hypergeometric";
    case DensityKind::Banded: return "banded";
    case DensityKind::FixedStructured: break;
  }
  return "fixed_structured";
}

// The occupancy is the expected count rounded down or up, with the fractional part as the
// probability of rounding up.
double DensityModel::fixed_probability(double expected, std::int64_t occupancy) const {
  const double low = std::floor(expected), high = std::ceil(expected);
  const double fraction = expected - low;
  if (static_cast<double>(occupancy) == low) return 1.0 - fraction;
  if (static_cast<double>(occupancy) == high) return fraction;
  return 0.0;
}

double DensityModel::hypergeometric(std::int64_t population, std::int64_t successes, std::int64_t draws,
                                    std::int64_t occupancy) const {
  if (occupancy < 0 || occupancy > successes || occupancy > draws || draws > population) return 0.0;
  if (draws + successes > population && occupancy < draws + successes - population) return 0.0;
  const long double log_p = log_choose(successes, occupancy) + log_choose(population - successes, draws - occupancy) -
                            log_choose(population, draws);
  return static_cast<double>(std::exp(log_p));
}

double DensityModel::probability(std::int64_t shape, std::int64_t occupancy) const {
  if (kind_ == DensityKind::Hypergeometric) return hypergeometric(population_, nonzeros_, shape, occupancy);
  return fixed_probability(static_cast<double>(shape) * density_, occupancy);
}

double DensityModel::probability(std::int64_t shape, std::int64_t occupancy, const OccupancyConstraint& parent) const {
  if (kind_ == DensityKind::Hypergeometric) return hypergeometric(parent.shape, parent.occupancy, shape, occupancy);
  const double density =
      parent.shape == 0 ? 0.0 : static_cast<double>(parent.occupancy) / static_cast<double>(parent.shape);
  return fixed_probability(static_cast<double>(shape) * density, occupancy);
}

std::int64_t DensityModel::max_occupancy(std::int64_t shape, double confidence) const {
  if (kind_ == DensityKind::Hypergeometric) {
    const std::int64_t top = std::min(shape, nonzeros_);
    if (confidence >= 1.0) return top;
    double cumulative = 0;
    for (std::int64_t k = 0; k < top; ++k) {
      cumulative += probability(shape, k);
      if (cumulative >= confidence) return k;
    }
    return top;
  }
  const double expected = static_cast<double>(shape) * density_;
  const double low = std::floor(expected);
  return static_cast<std::int64_t>(confidence <= 1.0 - (expected - low) ? low : std::ceil(expected));
}

std::int64_t DensityModel::min_occupancy(std::int64_t shape) const {
  if (shape == 0) return 0;
  double min_density;
  if (kind_ == DensityKind::Hypergeometric) {
    // Integer quotient as the reference computes it: 0 unless every point is non-zero.
    min_density = shape <= population_ - nonzeros_
                      ? 0.0
                      : static_cast<double>((shape - population_ + nonzeros_) / shape);
  } else {
    min_density = std::floor(static_cast<double>(shape) * density_) / static_cast<double>(shape);
  }
  return static_cast<std::int64_t>(std::floor(min_density * static_cast<double>(shape)));
}

double DensityModel::expected_occupancy(std::int64_t shape) const {
  if (kind_ != DensityKind::Hypergeometric) return static_cast<double>(shape) * density_;
  double expected = 0;
  for (std::int64_t k = 0; k <= std::min(shape, nonzeros_); ++k) expected += static_cast<double>(k) * probability(shape, k);
  return expected;
}

}  // namespace cimloop::sparse
