// timeloopfe's maximize_dims allocation against the values its greedy_allocate gives
// (timeloop-python 346b922, pytimeloop.timeloopfe.v4.processors.constraint_macro), including
// the ties it breaks in Python's set order and the imperfect split of a dimension larger than
// the capacity.
#include <gtest/gtest.h>

#include "compat/v04/maximize_dims.hpp"

using cimloop::compat::v04::greedy_allocate;

namespace {

using Parts = std::vector<std::tuple<std::string, long long, long long>>;

void expect_allocation(const std::vector<std::pair<std::string, long long>>& dims, long long capacity, const Parts& parts,
                       double utilization) {
  const auto result = greedy_allocate(dims, capacity);
  EXPECT_EQ(result.parts, parts);
  EXPECT_DOUBLE_EQ(result.utilization, utilization);
}

}  // namespace

TEST(V04MaximizeDims, GreedyAllocationAsTimeloopfe) {
  expect_allocation({{"M", 1000}}, 32, {{"M", 8, 32}}, 31.25);
  expect_allocation({{"C", 6}, {"R", 3}, {"S", 3}}, 8, {{"C", 2, 2}, {"C", 3, 3}}, 6);
  expect_allocation({{"C", 77}, {"M", 12}}, 30, {{"M", 2, 2}, {"M", 3, 3}, {"C", 2, 5}}, 28.875);
  expect_allocation({{"Y", 16}, {"M", 170}}, 48, {{"Y", 2, 2}, {"Y", 2, 2}, {"Y", 2, 2}, {"Y", 2, 2}, {"M", 2, 3}},
                    47.719298245614034);
  expect_allocation({{"C", 2 * 3 * 5 * 7 * 11}, {"R", 13}}, 40, {{"C", 30, 40}}, 39.827586206896555);
  expect_allocation({{"C", 5}}, 1, {}, 1);
  // Primes are tried in Python's set order (slot = value mod table size), not sorted.
  expect_allocation({{"C", 77}}, 100, {{"C", 11, 11}, {"C", 7, 7}}, 77);
  expect_allocation({{"C", 2 * 3 * 7 * 11 * 13}}, 1000000, {{"C", 2, 2}, {"C", 11, 11}, {"C", 3, 3}, {"C", 13, 13}, {"C", 7, 7}},
                    6006);
}

TEST(V04MaximizeDims, PrimeFactors) {
  EXPECT_EQ(cimloop::compat::v04::prime_factors(360), (std::vector<long long>{2, 2, 2, 3, 3, 5}));
  EXPECT_EQ(cimloop::compat::v04::prime_factors(97), (std::vector<long long>{97}));
  EXPECT_TRUE(cimloop::compat::v04::prime_factors(1).empty());
}
