#pragma once
// Reading the workload from Timeloop's `problem` section (shape + instance).
#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat {

// `problem` is the value of the root key `problem` (shape + instance); instance values naming
// an entry of `variables` (the root map) take its value. Throws InputError.
workload::Workload parse_workload(const YAML::Node& problem, const SourceMap& sources);
workload::Workload parse_workload(const YAML::Node& problem, const SourceMap& sources, const YAML::Node& variables);

}  // namespace cimloop::compat
