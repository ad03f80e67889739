#pragma once
// Reading the `mapper` section of a Timeloop input. Legacy hyphenated keys and values
// (`search-size`, `random-pruned`) are accepted as well as the underscored ones.
#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "src/mapper/mapper_settings.hpp"

namespace cimloop::compat {

// `mapper` may be undefined (all defaults). Throws InputError naming file, line and key.
mapper::MapperSettings parse_mapper_settings(const YAML::Node& mapper, const SourceMap& sources);

}  // namespace cimloop::compat
