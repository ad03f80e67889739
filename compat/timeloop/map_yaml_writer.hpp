#pragma once
// timeloop-mapper.map.yaml: the chosen mapping as directives timeloop-model reads back.
// Layout as the reference mapper writes it: one `datatype` entry per storage level (innermost
// first), then per level a `spatial` entry (levels with fanout only) and a `temporal` entry;
// factors as `C1 M8 ...` in declaration order; no newline after the last line.
#include <string>

#include "src/architecture/arch_spec.hpp"
#include "src/mapping/mapping.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat {

std::string format_map_yaml(const mapping::MappingSpec& spec, const arch::ArchSpec& arch,
                            const workload::Workload& workload);

}  // namespace cimloop::compat
