#include "compat/timeloop/program_inputs.hpp"

#include <iostream>

#include "compat/timeloop/architecture_reader.hpp"
#include "compat/timeloop/energy_table_reader.hpp"
#include "compat/timeloop/yaml_values.hpp"
#include "src/architecture/energy_tables.hpp"

namespace cimloop::compat {

std::optional<accelergy::AccelergyResult> estimate_missing_tables(const MergedInput& merged, bool record_queries) {
  if (child(merged.root, "ERT").IsDefined()) return std::nullopt;
  // Like Timeloop, only tree-form architectures go through Accelergy.
  YAML::Node architecture = child(merged.root, "architecture");
  if (!architecture.IsDefined()) architecture = child(merged.root, "arch");
  if (architecture.IsDefined() && !is_tree_form(architecture) && !child(architecture, "nodes").IsDefined())
    return std::nullopt;
  accelergy::EstimationOptions options = accelergy::options_from_environment();
  options.sources = &merged.sources;
  options.record_queries = record_queries;
  accelergy::AccelergyResult tables = accelergy::estimate_tables(merged.root, options);
  for (const std::string& warning : tables.warnings) std::cerr << "WARNING: " << warning << '\n';
  return tables;
}

void apply_estimated_tables(const accelergy::AccelergyResult& tables, const MergedInput& merged, ModelInputs& inputs) {
  apply_energy_tables(parse_ert(tables.ert, merged.sources), inputs);
  arch::apply_area_table(inputs.arch, parse_art(tables.art, merged.sources));
}

OutputFiles estimated_table_files(const accelergy::AccelergyResult& tables, const std::string& output_dir,
                                  const std::string& prefix) {
  const std::vector<accelergy::OutputFile> written =
      accelergy::accelergy_output_files(tables, output_dir, prefix + ".");
  OutputFiles files;
  for (const accelergy::OutputFile& file : written) files.emplace_back(file.path, file.text);
  files.emplace_back(prefix + ".accelergy.log", accelergy::format_estimation_log(tables.log, tables.warnings, written));
  return files;
}

}  // namespace cimloop::compat
