#include "src/workload/workload.hpp"

#include <limits>

namespace cimloop::workload {

int Workload::dimension_index(std::string_view name) const {
  for (int i = 0; i < num_dimensions(); ++i)
    if (dimension_names[i] == name) return i;
  return -1;
}

int Workload::data_space_index(std::string_view name) const {
  for (int i = 0; i < num_data_spaces(); ++i)
    if (data_spaces[i].name == name) return i;
  return -1;
}

std::optional<std::int64_t> Workload::checked_footprint(int t, const std::int64_t* extents) const {
  // |coefficient| and extent are below 2^63 each: a term fits in 127 bits, and every sum or
  // product is checked against the limit before the next one.
  constexpr __int128 kLimit = std::numeric_limits<std::int64_t>::max();
  __int128 size = 1;
  for (const auto& rank : data_spaces[t].ranks) {
    __int128 span = 1;
    for (const Term& term : rank) {
      const __int128 coefficient = term.coefficient < 0 ? -static_cast<__int128>(term.coefficient) : term.coefficient;
      if ((span += coefficient * (extents[term.dimension] - 1)) > kLimit) return std::nullopt;
    }
    if ((size *= span) > kLimit) return std::nullopt;
  }
  return static_cast<std::int64_t>(size);
}

}  // namespace cimloop::workload
