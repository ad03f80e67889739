#pragma once
// Timeloop's mapping printouts: `timeloop-model.map.txt` (loop nest with per-level tile
// headers) and `timeloop-model.map.tenssella.txt`.
#include <cstdint>
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/evaluation.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat {

// Each level's header names every kept tile as "<shape> (<utilized capacity>)"; the two
// differ only for compressed tiles, whose shapes come in `tile_shapes`
// ([level * data spaces + t]; null = dense, the shape is the utilized capacity).
std::string format_map(const arch::ArchSpec& arch, const workload::Workload& workload,
                       const mapping::Mapping& mapping, const model::EvalResult& result,
                       const std::vector<std::int64_t>* tile_shapes = nullptr);

std::string format_tenssella(const arch::ArchSpec& arch, const workload::Workload& workload,
                             const mapping::Mapping& mapping);

}  // namespace cimloop::compat
