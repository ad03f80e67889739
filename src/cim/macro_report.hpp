#pragma once
// Human-readable table and CSV of a macro evaluation: headline metrics and the per-component
// energy/area breakdown.
#include <string>

#include "src/cim/macro_evaluator.hpp"

namespace cimloop::cim {

std::string format_report_table(const MacroResult& result);
std::string format_report_csv(const MacroResult& result);
// Atomic write of format_report_csv.
void write_report_csv(const MacroResult& result, const std::string& path);

}  // namespace cimloop::cim
