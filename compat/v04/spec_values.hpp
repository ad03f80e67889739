#pragma once
// YAML scalars as expression values and back, and the evaluation of v0.4 attribute /
// variable expressions. A string value is evaluated as a Python expression over the symbols
// in scope; it stays a plain string when it is not an expression (`"65nm"`, `SET ME`) or names
// something unknown (`LPDDR4`). Arithmetic on known values that fails (division by zero, bad
// operand types, unknown functions) is an error naming file, line and key.
#include <map>
#include <string>

#include <yaml-cpp/yaml.h>

#include "compat/v04/spec_loader.hpp"
#include "compat/v04/value.hpp"

namespace cimloop::compat::v04 {

using Symbols = std::map<std::string, Value>;

// Plain YAML scalars as YAML 1.2 types (int, float, bool, null), quoted ones as strings,
// sequences as lists, maps as dicts.
Value yaml_to_value(const YAML::Node& node);
YAML::Node value_to_yaml(const Value& value);

// `value`, when given, receives the node's value as expressions see it: the evaluated value
// of an expression (a function stays a function), else the node as read.
YAML::Node evaluate_node(const YAML::Node& node, const Symbols& symbols, const SpecLoader& loader, const std::string& key,
                         Value* value = nullptr);

// Evaluates the values of a map in order; each evaluated value is visible to the later ones
// (and is added to `symbols`). With `top_level_only` (variables and attributes, as timeloopfe
// parses them), map and list values are kept as written: e.g. the expressions of
// per_dataspace_bandwidth_consumption_scale reach Timeloop as text.
YAML::Node evaluate_map(const YAML::Node& map, Symbols& symbols, const SpecLoader& loader, const std::string& key,
                        bool top_level_only = false);

// The specification version, '0.4', as the string the Python front end writes.
YAML::Node version_text();

// A positive integer from an evaluated node, else an error at `written`, the node in the
// user's file that gave it (an evaluated node has no place in any file).
long long positive_integer(const YAML::Node& node, const YAML::Node& written, const SpecLoader& loader,
                           const std::string& key);

}  // namespace cimloop::compat::v04
