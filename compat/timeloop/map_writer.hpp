#pragma once
// Timeloop's mapping printouts: `timeloop-model.map.txt` (loop nest with per-level tile
// headers) and `timeloop-model.map.tenssella.txt`.
#include <string>

#include "src/architecture/arch_spec.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/evaluation.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat {

std::string format_map(const arch::ArchSpec& arch, const workload::Workload& workload,
                       const mapping::Mapping& mapping, const model::EvalResult& result);

std::string format_tenssella(const arch::ArchSpec& arch, const workload::Workload& workload,
                             const mapping::Mapping& mapping);

}  // namespace cimloop::compat
