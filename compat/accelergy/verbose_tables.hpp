#pragma once
// The parts of Accelergy's `-v` outputs (spec §1.7) that the plain ones lack: per compound
// action the energy of every sub-action (ERT_summary_verbose.yaml), per compound the area of
// every primitive (ART_summary_verbose.yaml), and the flattened architecture with each
// compound's primitives and primitive actions (flattened_architecture_verbose.yaml).
// They need estimates made with BuildContext::log set (the details are kept then).
#include <yaml-cpp/yaml.h>

#include "compat/accelergy/architecture.hpp"
#include "compat/accelergy/component_estimate.hpp"
#include "estimators/estimator.hpp"

namespace cimloop::accelergy {

struct Rounding {
  estimators::Toolchain toolchain = estimators::Toolchain::reference_2024_05;
  int precision = 6;
};

// The `primitive_estimation(s)` list of ERT_summary_verbose.yaml.
YAML::Node verbose_energy_estimations(const ComponentEstimate& c, const Rounding& rounding);

// The `primitive_estimations` of ART_summary_verbose.yaml: the estimator (primitives), or
// per primitive its estimator, area, area_scale and total area.
YAML::Node verbose_area_estimations(const ComponentEstimate& c, const Rounding& rounding);

// The entry of flattened_architecture_verbose.yaml.
YAML::Node flattened_verbose_entry(const FlatComponent& f, const ComponentEstimate& c);

}  // namespace cimloop::accelergy
