#pragma once
// The report of CiMLoop-style runs: the headline metrics CiMLoop's MacroOutputStats gives
// (TOPS, TOPS/W, TOPS/mm^2 and their 1b forms, energy per MAC, energy, area, latency) and the
// per-component energy and area, as a table and as CSV (one row per run).
#include <string>
#include <vector>

#include "compat/cimloop/macro_stats.hpp"

namespace cimloop::compat::cimloop {

struct LabelledStats {
  std::string label;  // e.g. "VOLTAGE=0.8" of a sweep, or a layer's name
  MacroOutputStats stats;
};

// Metrics then components (non-zero energy or area) of one run.
std::string format_report_table(const MacroOutputStats& stats);
// One line per run: the label and the headline metrics.
std::string format_summary_table(const std::vector<LabelledStats>& runs);
// Header then one row per run: label, metrics, every component's energy (J) and area (m^2).
std::string format_report_csv(const std::vector<LabelledStats>& runs);

}  // namespace cimloop::compat::cimloop
