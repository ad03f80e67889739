#pragma once
// cimloop-explore's results table: one row per point x layer and one per point x network
// (the sum of its layers), with the axis values, energy, latency, area, utilisation, the PIM
// figures (energy by role, MACs per weight load), per-component energy and area, and the best
// mapping; written as CSV and as JSON Lines with the same columns, in the plan's order.
#include <string>
#include <utility>
#include <vector>

#include "compat/cimloop/sweep_file.hpp"
#include "compat/cimloop/sweep_measure.hpp"

namespace cimloop::compat::cimloop {

struct TableCell {
  std::string text;
  bool number = false;  // written unquoted in JSON
  bool present = true;  // false: empty in CSV, null in JSON
};

struct TableRow {
  std::vector<std::pair<std::string, TableCell>> cells;
};

// `measures[u]` is unit u's measure (every unit present).
std::vector<TableRow> sweep_rows(const SweepPlan& plan, const std::vector<UnitMeasure>& measures);

// Every row with the union of the columns, in first-seen order.
std::string format_csv(const std::vector<TableRow>& rows);
std::string format_json_lines(const std::vector<TableRow>& rows);

}  // namespace cimloop::compat::cimloop
