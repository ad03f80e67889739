#pragma once
// Turning a merged Timeloop input (root keys problem, architecture/arch, mapping, ERT, ART,
// model, variables) into the parsed model objects.
#include <optional>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "src/architecture/arch_spec.hpp"
#include "src/architecture/energy_tables.hpp"
#include "src/mapping/mapping.hpp"
#include "src/sparse/sparse_spec.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat {

struct ModelInputs {
  workload::Workload workload;
  arch::ArchSpec arch;  // energies and areas applied from ERT/ART when present
  bool tree_form = false;  // architecture in tree form (else legacy arithmetic/storage form)
  bool has_ert = false;
  bool has_art = false;
  std::string out_prefix = "timeloop-model";
  bool auto_bypass_on_failure = false;  // model.auto_bypass_on_failure
  std::optional<sparse::SparseSpec> sparse;  // when the input has `sparse_optimizations`
  std::vector<std::string> stdout_messages;  // warnings Timeloop prints on stdout
  std::vector<std::string> stderr_messages;  // warnings Timeloop prints on stderr
};

// Reads workload, architecture and (if present) the ERT/ART tables. Throws InputError.
ModelInputs load_model_inputs(const MergedInput& merged);

// Applies an ERT to the architecture (and to the sparse actions of a sparse design).
void apply_energy_tables(const arch::EnergyTable& table, ModelInputs& inputs);

// The root `mapping` list as a MappingSpec (warnings appended to inputs.stderr_messages).
mapping::MappingSpec load_mapping_spec(const MergedInput& merged, ModelInputs& inputs);

}  // namespace cimloop::compat
