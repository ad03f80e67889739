#pragma once
// Per-action energy and area of one macro component from its attributes (CiMLoop spec §2.4,
// §3.7): the class -> estimator dispatch of the CiM macros, using the models in
// estimators/cim. Attributes are expressions over the macro variables; absent ones take the
// defaults CiMLoop's cim_component_attributes give (rows = ARRAY_WORDLINES, ...).
#include <string>
#include <vector>

#include "src/cim/macro_variables.hpp"

namespace cimloop::cim {

struct ComponentEstimate {
  double read_pj = 0;            // per action, after energy_scale
  double leak_pj_per_cycle = 0;  // per instance
  double area_um2 = 0;           // per instance, after area_scale
  std::string warning;           // an estimator extrapolated (e.g. ADC above 10 GS/s)
};

// Throws InputError naming the component for unknown models or bad attributes.
ComponentEstimate estimate_component(const ComponentSpec& component, MacroVariables& vars);

// Model names accepted in `model:`; library entries are accepted by their own names and
// table-characterised classes as "table:<class>".
std::vector<std::string> component_model_names();

}  // namespace cimloop::cim
