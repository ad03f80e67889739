#pragma once
// Sparseloop's inputs in Timeloop's files: the root `sparse_optimizations` (formats, action
// and compute optimisations), the problem's `densities`/`commonDensity`, the storage levels'
// metadata attributes, and the ERT actions of the fine-grained accesses.
#include <optional>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "src/architecture/arch_spec.hpp"
#include "src/architecture/energy_tables.hpp"
#include "src/sparse/sparse_spec.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat {

// The sparse inputs when the merged input has a root `sparse_optimizations` (any value),
// else nothing. Messages Timeloop prints on stdout are appended to `stdout_messages`.
// Throws InputError (StdoutInputError where the reference reports on stdout).
std::optional<sparse::SparseSpec> load_sparse_spec(const MergedInput& merged, const arch::ArchSpec& arch,
                                                   const workload::Workload& workload,
                                                   std::vector<std::string>& stdout_messages);

// Energies of the gated/skipped/metadata/(de)compression actions from an ERT (actions the
// table lacks cost 0, except gated/skipped computes, which fall back to a compute).
void apply_sparse_energies(sparse::SparseSpec& spec, const arch::ArchSpec& arch, const arch::EnergyTable& table);

}  // namespace cimloop::compat
