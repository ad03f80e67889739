#pragma once
// Human-readable table and CSV of a macro evaluation: headline metrics and the per-component
// energy/area breakdown.
#include <string>
#include <vector>

#include "src/cim/macro_evaluator.hpp"

namespace cimloop::cim {

std::string format_report_table(const MacroResult& result);
std::string format_report_csv(const MacroResult& result);
// One row per operating point of a sweep over `variable`: headline metrics and each
// component's energy per activation.
std::string format_sweep_table(const std::string& variable, const std::vector<double>& values,
                               const std::vector<MacroResult>& results);
std::string format_sweep_csv(const std::string& variable, const std::vector<double>& values,
                             const std::vector<MacroResult>& results);
// Atomic write of format_report_csv.
void write_report_csv(const MacroResult& result, const std::string& path);

}  // namespace cimloop::cim
