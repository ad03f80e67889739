#pragma once
// What cimloop-explore keeps of one work unit (a point x a layer): the quantities that add up
// over a network's layers, the per-component energy and area, and the best mapping. Stored
// as one JSON object in the content cache; numbers are written in their shortest exact form
// so that a cached unit gives the same table bytes as a fresh run.
#include <string>
#include <utility>
#include <vector>

#include "compat/cimloop/macro_run.hpp"
#include "compat/cimloop/pim_analysis.hpp"

namespace cimloop::compat::cimloop {

struct UnitMeasure {
  double computes = 0;          // real MACs
  double cycles = 0;
  double cycle_seconds = 0;
  double utilization = 0;       // the arithmetic's spatial utilisation (fraction)
  double array_utilization = 0; // of the arrays in use (see PimFigures)
  double weight_loads = 0;      // weights written into the arrays
  double one_bit_scale = 1;     // input bits x weight bits
  double mappings_evaluated = 0;
  PimShares energy_by_role;     // J
  std::vector<std::pair<std::string, double>> component_energy;  // J, innermost first
  std::vector<std::pair<std::string, double>> component_area;    // m^2
  std::string mapping;          // map.txt of the best mapping ("" for a network)
  std::string error;            // why the unit has no result (e.g. no valid mapping); "" when it has
};

// A unit that failed: kept in the cache like a result, so a re-run does not retry it.
UnitMeasure failed_unit(const std::string& error);

UnitMeasure measure_unit(const MacroRun& run, const PimCategories& categories);

// A network's figures from its layers' (an error when one of them failed): sums, with the utilisations weighted by cycles
// (arithmetic) and by weight loads (arrays); areas are the largest per component.
UnitMeasure network_measure(const std::vector<const UnitMeasure*>& layers);

std::string measure_to_json(const UnitMeasure& measure);
// Throws InputError naming `source` when the text is not a measure.
UnitMeasure measure_from_json(const std::string& text, const std::string& source);

// Shortest text that reads back as the same double (no exponent for integers below 1e15).
std::string exact_number(double value);
// A JSON string literal.
std::string json_string(const std::string& text);

}  // namespace cimloop::compat::cimloop
