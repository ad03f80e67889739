#pragma once
// `accelergy -l`: the component classes and actions each estimator of a registry prices.
#include <string>

#include "estimators/estimator.hpp"

namespace cimloop::accelergy {

// Per estimator, in the registry's order: "<estimator>:" then "  <class>: <actions>" lines
// ("any action" when it takes every action name; a condition in parentheses).
std::string list_components(const estimators::Registry& registry);

}  // namespace cimloop::accelergy
