#pragma once
// Reading the mapper's constraints from a merged Timeloop input: `architecture.constraints`,
// `arch_constraints`, `architecture_constraints` and `mapspace_constraints` (each a map with
// `targets:` or a list).
#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "src/mapper/constraints.hpp"

namespace cimloop::compat {

// Reads every constraint list of the merged input `root`. Throws InputError (file, line, key)
// for unknown targets, dimensions or data spaces, malformed factors, factors that cannot
// divide a dimension and fanouts no mapping can meet.
mapper::Constraints parse_constraints(const YAML::Node& root, const mapper::MapspaceShape& shape,
                                      const SourceMap& sources);

}  // namespace cimloop::compat
