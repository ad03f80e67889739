#pragma once
// Loads a CiMLoop workload layer file: its leading Jinja `{{include_text('file')}}` line is
// replaced by that file (relative to the layer), other Jinja lines are dropped, and the
// result is parsed as YAML.
#include <string>

#include <yaml-cpp/yaml.h>

namespace cimloop::cim {

// Throws InputError naming the file (and line) when it cannot be read or parsed.
YAML::Node load_workload_file(const std::string& path);

}  // namespace cimloop::cim
