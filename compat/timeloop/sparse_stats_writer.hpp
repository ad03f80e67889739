#pragma once
// Timeloop's stats.txt in the sparse layout (any input with `sparse_optimizations`):
// algorithmic/actual/gated/skipped counts, representation formats and their accesses,
// metadata energies and the data/format bandwidth split, and two energy-per-compute blocks.
#include <cstdint>
#include <string>
#include <vector>

#include "compat/timeloop/stats_writer.hpp"
#include "src/sparse/sparse_evaluator.hpp"

namespace cimloop::compat {

std::string format_sparse_stats(const arch::ArchSpec& arch, const workload::Workload& workload,
                                const mapping::Mapping& mapping, const sparse::SparseSpec& spec,
                                const sparse::SparseEvalResult& result, const StatsOptions& options);

// The line timeloop-model prints on success: "Utilization = U | pJ/Algorithmic-Compute = A |
// pJ/Compute = E" when an optimisation is active, else the dense "Utilization = U | pJ/Compute = E".
std::string format_sparse_summary(const sparse::SparseSpec& spec, const sparse::SparseEvalResult& result);

// The dense tile shapes ([level * data spaces + t]) that map.txt prints beside the
// compressed utilized capacities.
std::vector<std::int64_t> sparse_tile_shapes(const sparse::SparseEvalResult& result);

}  // namespace cimloop::compat
