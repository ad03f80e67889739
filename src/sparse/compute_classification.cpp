// Which computes are actual, gated or skipped (Sparseloop's two-operand compute analysis):
// each operand is an effectual non-zero (ENZ), a stored zero (EZ) or absent because its
// format does not store zeros (NE); storage skipping conditioned on one operand changes what
// the other operand is likely to be.
#include <algorithm>
#include <cmath>

#include "src/sparse/sparse_analysis.hpp"

namespace cimloop::sparse {
namespace {

enum State { kNonZero, kZero, kAbsent };

struct Operand {
  double density = 1;
  bool has_metadata = false;
  std::array<double, 3> state{};  // by State
};

void set_states(Operand& operand, double nonzero) {
  operand.state[kNonZero] = nonzero;
  operand.state[kZero] = operand.has_metadata ? 0.0 : 1.0 - nonzero;
  operand.state[kAbsent] = operand.has_metadata ? 1.0 - nonzero : 0.0;
}

bool valid_probability(double p) { return p >= -1e-5 && p <= 1 + 1e-5; }

}  // namespace

bool SparseAnalysis::classify_computes() {
  std::array<int, 2> inputs{};
  int count = 0;
  for (int t = 0; t < spaces_; ++t)
    if (!workload_.data_spaces[t].read_write && count++ < 2) inputs[count - 1] = t;
  if (count != 2) {
    return fail(-1, "the sparse compute analysis needs exactly two read-only operands (the workload has " +
                        std::to_string(count) + ")");
  }
  std::array<Operand, 2> operands;
  for (int o = 0; o < 2; ++o) {
    const int t = inputs[o];
    int innermost = 0;
    while (innermost < levels_ && !tile(innermost, t).kept) ++innermost;
    operands[o].has_metadata = innermost < levels_ && tile(innermost, t).has_metadata();
    operands[o].density = std::round(1e6 * densities_[t].expected_occupancy(1)) / 1e6;
    set_states(operands[o], operands[o].density);
  }
  // An operand whose storage accesses were skipped on the other operand being empty is seen
  // by the compute only when that other operand is non-empty.
  auto condition = [&](int o, int on) -> bool {
    const double ratio = 1.0 - storage_probability_[inputs[on]];
    const double nonzero = operands[o].density / ratio;
    if (!valid_probability(nonzero) || !valid_probability(1.0 - nonzero)) return false;
    set_states(operands[o], std::clamp(nonzero, 0.0, 1.0));
    for (double& p : operands[o].state) p = std::clamp(p, 0.0, 1.0);
    return true;
  };
  const bool a_optimized = storage_optimized_[inputs[0]], b_optimized = storage_optimized_[inputs[1]];
  bool legal = true;
  if (a_optimized || b_optimized) {
    if (b_optimized) legal = condition(0, 1);
    if (a_optimized) legal = condition(1, 0) && legal;
  }
  if (!legal) return fail(-1, "illegal operand probability, can be due to rounding");

  double gated = 0, skipped = 0, absent = 0;
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) {
      const double p = operands[0].state[a] * operands[1].state[b];
      if (a == kAbsent && b == kAbsent) {
        absent += p;
      } else if (a == kAbsent || b == kAbsent) {
        if (spec_.compute_skipping) skipped += p;
        else if (spec_.compute_gating) gated += p;
      } else if (a == kZero || b == kZero) {
        if (spec_.compute_gating) gated += p;
      }
    }
  }
  const double total = static_cast<double>(compute_.random);
  compute_.skipped = static_cast<std::uint64_t>(std::floor(total * skipped));
  compute_.gated = static_cast<std::uint64_t>(std::floor(total * gated));
  compute_.random =
      compute_.random - compute_.skipped - compute_.gated - static_cast<std::uint64_t>(std::floor(total * absent));
  return true;
}

}  // namespace cimloop::sparse
