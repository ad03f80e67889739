#pragma once
// Technology nodes and scaling factors shared by the estimators.
#include <optional>

#include "estimators/estimator.hpp"

namespace cimloop::estimators {

// Node in nm from a technology attribute ("45nm", 45, "45"); nullopt when not numeric.
std::optional<double> technology_nm(const Value* technology);

// Stillmaker-Baas energy / area factor from node `from` to node `to` (nm) as the library
// plug-in computes it (data/technology_scaling.yaml); nullopt outside 7..130 nm.
std::optional<double> energy_scaling(double from, double to);
std::optional<double> area_scaling(double from, double to);

}  // namespace cimloop::estimators
