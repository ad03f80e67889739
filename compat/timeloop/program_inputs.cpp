#include "compat/timeloop/program_inputs.hpp"

#include <iostream>

#include "compat/timeloop/yaml_values.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/architecture/energy_tables.hpp"
#include "src/architecture/parse_arch.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat {

MergedInput merge_program_inputs(const std::vector<std::string>& files, const ProgramInputOptions& options) {
  const bool raw_v04 = v04::any_raw_v04(files);
  if (!raw_v04 && !options.dump_processed.empty())
    throw InputError("--dump-processed: none of the input files is a raw v0.4 specification");
  return raw_v04 ? v04::merged_from_v04(files, options.template_vars, options.purpose, options.dump_processed)
                 : load_merged_inputs(files);
}

std::optional<accelergy::AccelergyResult> estimate_missing_tables(const MergedInput& merged) {
  if (child(merged.root, "ERT").IsDefined()) return std::nullopt;
  // Like Timeloop, only tree-form architectures go through Accelergy; the legacy form uses the
  // built-in formulas.
  YAML::Node architecture = child(merged.root, "architecture");
  if (!architecture.IsDefined()) architecture = child(merged.root, "arch");
  if (architecture.IsDefined() && !arch::is_tree_form(architecture) && !child(architecture, "nodes").IsDefined())
    return std::nullopt;
  accelergy::EstimationOptions options;
  options.sources = &merged.sources;
  accelergy::AccelergyResult tables = accelergy::estimate_tables(merged.root, options);
  for (const std::string& warning : tables.warnings) std::cerr << "WARNING: " << warning << '\n';
  return tables;
}

void use_estimated_tables(const accelergy::AccelergyResult& tables, const MergedInput& merged,
                          const std::string& output_dir, const std::string& prefix, ModelInputs& inputs) {
  arch::apply_energy_table(inputs.arch, arch::parse_ert(tables.ert, merged.sources));
  arch::apply_area_table(inputs.arch, arch::parse_art(tables.art, merged.sources));
  accelergy::write_accelergy_outputs(tables, output_dir, prefix + ".");
}

}  // namespace cimloop::compat
