#pragma once
// Reading Accelergy's energy and area tables (ERT/ART) as Timeloop takes them.
#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "src/architecture/energy_tables.hpp"

namespace cimloop::compat {

// `ert` is the value of the root key `ERT` ({version, tables}); a node that still has the
// `ERT` key is accepted too. Versions 0.2 (map form), 0.3 and 0.4 (list form).
arch::EnergyTable parse_ert(const YAML::Node& ert, const SourceMap& sources);
arch::AreaTable parse_art(const YAML::Node& art, const SourceMap& sources);

}  // namespace cimloop::compat
