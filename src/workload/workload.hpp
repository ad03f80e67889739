#pragma once
// The problem being mapped: named one-letter dimensions with bounds, and data spaces whose
// coordinates are affine projections of the dimensions (rank = sum of coefficient * dimension).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cimloop::workload {

// Fixed upper limits let the simulation keep per-dimension state in plain arrays.
inline constexpr int kMaxDimensions = 16;
inline constexpr int kMaxDataSpaces = 8;
inline constexpr int kMaxRanks = 8;

struct Term {
  int dimension = 0;
  std::int64_t coefficient = 1;
};

struct DataSpace {
  std::string name;
  bool read_write = false;
  std::vector<std::vector<Term>> ranks;  // rank coordinate = sum of its terms
};

struct Workload {
  std::vector<std::string> dimension_names;  // declaration order
  std::vector<std::int64_t> bounds;          // per dimension
  std::vector<DataSpace> data_spaces;

  int num_dimensions() const { return static_cast<int>(dimension_names.size()); }
  int num_data_spaces() const { return static_cast<int>(data_spaces.size()); }
  int dimension_index(std::string_view name) const;   // -1 when unknown
  int data_space_index(std::string_view name) const;  // -1 when unknown
  // Points of data space `t` touched by a box of operations with `extents` (one per
  // dimension): per rank sum |coefficient| * (extent - 1) + 1, multiplied over ranks.
  std::int64_t footprint(int t, const std::int64_t* extents) const {
    std::int64_t size = 1;
    for (const auto& rank : data_spaces[t].ranks) {
      std::int64_t span = 1;
      for (const Term& term : rank) span += (term.coefficient < 0 ? -term.coefficient : term.coefficient) * (extents[term.dimension] - 1);
      size *= span;
    }
    return size;
  }
  // footprint(), or nothing when it does not fit in 64 bits (inputs checked before the model
  // counts with them).
  std::optional<std::int64_t> checked_footprint(int t, const std::int64_t* extents) const;
};

}  // namespace cimloop::workload
