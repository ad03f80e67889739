// Sparseloop density models: fixed-structured occupancy splits the expected count between its
// floor and ceiling, the hypergeometric model is the exact draw-without-replacement law, and
// a sub-tile of a tile with known occupancy follows that tile's density.
#include <gtest/gtest.h>

#include <cmath>

#include "src/sparse/density_model.hpp"

namespace cimloop::sparse {
namespace {

DensityModel fixed(double density) { return DensityModel({DensityKind::FixedStructured, density, 0, 0}, 0); }

TEST(FixedStructuredDensity, OccupancyIsFloorOrCeilingOfTheExpectedCount) {
  const DensityModel model = fixed(0.43);
  // 3 points at density 0.43: 1.29 non-zeros expected, so 1 (71%) or 2 (29%).
  EXPECT_NEAR(model.probability(3, 1), 0.71, 1e-12);
  EXPECT_NEAR(model.probability(3, 2), 0.29, 1e-12);
  EXPECT_EQ(model.probability(3, 0), 0.0);
  EXPECT_EQ(model.max_occupancy(3), 2);
  EXPECT_EQ(model.max_occupancy(3, 0.5), 1);  // confidence below the floor's share
  EXPECT_EQ(model.min_occupancy(3), 1);
  EXPECT_EQ(model.empty_probability(1), 1.0 - 0.43);
  // An integral expectation is certain.
  EXPECT_EQ(fixed(0.25).probability(16, 4), 1.0);
  EXPECT_EQ(fixed(0.25).max_occupancy(16), 4);
}

TEST(FixedStructuredDensity, SubTilesFollowTheParentTile) {
  const DensityModel model = fixed(0.25);
  // A 64-point tile holding 32 non-zeros: one of its points is empty half of the time.
  EXPECT_EQ(model.probability(1, 0, {64, 32}), 0.5);
  EXPECT_EQ(model.probability(8, 0, {64, 32}), 0.0);
  EXPECT_EQ(model.probability(8, 4, {64, 32}), 1.0);
}

TEST(FixedStructuredDensity, ExpectedCountsUseDoubleArithmetic) {
  // 230400 * 0.275 is just above 63360 in double precision: the ceiling is 63361, as the
  // reference prints for eyeriss-like Inputs in DRAM.
  EXPECT_EQ(fixed(0.275).max_occupancy(230400), 63361);
  EXPECT_EQ(fixed(0.275).min_occupancy(230400), 63360);
}

TEST(HypergeometricDensity, DrawsWithoutReplacement) {
  // 48 points at density 0.4333: ceil(20.7984) = 21 non-zeros.
  const DensityModel model({DensityKind::Hypergeometric, 0.4333, 0, 0}, 48);
  EXPECT_EQ(model.max_occupancy(48), 21);
  EXPECT_EQ(model.max_occupancy(3), 3);
  // P(3-point tile empty) = C(27,3) / C(48,3).
  EXPECT_NEAR(model.empty_probability(3), 2925.0 / 17296.0, 1e-12);
  double total = 0, mean = 0;
  for (int k = 0; k <= 6; ++k) {
    total += model.probability(6, k);
    mean += k * model.probability(6, k);
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  EXPECT_NEAR(mean, 6.0 * 21 / 48, 1e-12);
  EXPECT_NEAR(model.expected_occupancy(1), 21.0 / 48, 1e-12);
  EXPECT_EQ(model.probability(6, 7), 0.0);
  // The whole tensor holds exactly its non-zeros.
  EXPECT_NEAR(model.probability(48, 21), 1.0, 1e-12);
  // The reference's minimum density is the integer quotient (48 - 48 + 21) / 48 = 0.
  EXPECT_EQ(model.min_occupancy(48), 0);
  EXPECT_EQ(DensityModel({DensityKind::Hypergeometric, 1.0, 0, 0}, 48).min_occupancy(10), 10);
}

}  // namespace
}  // namespace cimloop::sparse
