#pragma once
// YAML text in the layout Accelergy writes (ruamel round-trip style): 4-space mapping
// indentation, sequences 2 spaces inside their key, `{}` for empty maps. Scalars are written
// as stored; scalars tagged "!" are double-quoted, and `version` values single-quoted.
#include <string>

#include <yaml-cpp/yaml.h>

namespace cimloop::accelergy {

std::string to_accelergy_yaml(const YAML::Node& root);

}  // namespace cimloop::accelergy
