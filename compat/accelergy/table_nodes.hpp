#pragma once
// YAML nodes for the values in Accelergy's output tables: rounded numbers as Accelergy
// prints them, attribute values and dictionaries, the versioned table bodies.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/accelergy/attributes.hpp"
#include "compat/accelergy/component_estimate.hpp"
#include "estimators/estimator.hpp"

namespace cimloop::accelergy {

// Reference toolchain: round(x, digits) (decimal places); current Accelergy: `digits`
// significant figures.
double rounded(double x, estimators::Toolchain toolchain, int digits);

// python_float_repr of the rounded value.
YAML::Node float_node(double x, estimators::Toolchain toolchain, int digits);

// What Accelergy writes for a sum: the integer 0 when nothing was summed.
YAML::Node sum_node(double x, bool nothing_summed, estimators::Toolchain toolchain, int digits);

// A scale factor as Python holds it: integral values as integers (the default 1), others as floats.
YAML::Node scale_node(double x);

YAML::Node value_node(const Value& v);
YAML::Node dict_node(const AttributeDict& dict);

// {version: '0.4', <list_key>: []}
YAML::Node versioned(const char* list_key);

// [{name, estimator}] in the given order.
YAML::Node sources_node(const std::vector<Provenance>& sources);

}  // namespace cimloop::accelergy
