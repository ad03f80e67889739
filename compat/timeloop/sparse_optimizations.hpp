#pragma once
// The root `sparse_optimizations` section: per target level the representation formats
// (ranks, word bits, flattening), the gating/skipping options and the compute optimisations,
// checked and reported as Timeloop's parser does.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/timeloop/yaml_values.hpp"
#include "src/architecture/arch_spec.hpp"
#include "src/sparse/sparse_spec.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat {

// Fills spec.levels, compute flags and `optimized`; spec.metadata must already be read
// (formats take their default word bits from it). Throws InputError / StdoutInputError.
void parse_sparse_optimizations(const YAML::Node& section, const arch::ArchSpec& arch,
                                const workload::Workload& workload, const ValueReader& reader,
                                sparse::SparseSpec& spec, std::vector<std::string>& stdout_messages);

}  // namespace cimloop::compat
