#pragma once
// timeloopfe's `maximize_dims` constraint macro: each listed group of dimensions gets the
// largest factors that fit the node's fan-out (spatial) or `maximize_dims_capacity`
// (temporal), given what the other `=` factors of the specification leave of each dimension.
// Spatial constraints first, then temporal ones, innermost node first; the allocation is
// timeloopfe's greedy search, ties broken in its order, so the factors equal the front end's
// (a dimension larger than the capacity may get a factor that does not divide it: an
// imperfect factorization, as CiMLoop's Raella maps its weight bits).
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "compat/v04/reduction.hpp"

namespace cimloop::compat::v04 {

// Replaces every `maximize_dims` (and `maximize_dims_capacity`) of the levels' directives by
// the factors it stands for. Throws InputError for a dimension already constrained, not a
// problem dimension, or a temporal group without a capacity.
void expand_maximize_dims(ReducedArchitecture& architecture, const ReductionContext& context);

// timeloopfe's greedy_allocate: the (dimension, lowest, highest) factors that use the most of
// `capacity` for dimensions of the given sizes (in this order), and that utilisation.
struct GreedyAllocation {
  std::vector<std::tuple<std::string, long long, long long>> parts;
  double utilization = 1;
};
GreedyAllocation greedy_allocate(const std::vector<std::pair<std::string, long long>>& dims, long long capacity);

// The prime factors of x, smallest first, with repeats (timeloopfe's num2list_of_prime_factors).
std::vector<long long> prime_factors(long long x);

}  // namespace cimloop::compat::v04
