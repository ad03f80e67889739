#pragma once
// What timeloop-model and timeloop-mapper do with their input files before evaluating: raw
// v0.4 specifications are processed natively, and when no ERT is given the energy/area tables
// are estimated as Accelergy would, applied, and written beside the outputs.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compat/accelergy/tables.hpp"
#include "compat/config/input_files.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/v04/process_v04.hpp"

namespace cimloop::compat {

struct ProgramInputOptions {
  v04::Purpose purpose = v04::Purpose::Model;
  std::map<std::string, std::string> template_vars;  // Jinja2 variables for raw v0.4 inputs
  std::string dump_processed;                        // where to write the processed form, if set
};

// The merged input, raw v0.4 files processed first. Throws InputError.
MergedInput merge_program_inputs(const std::vector<std::string>& files, const ProgramInputOptions& options);

// Estimated ERT/ART when the merged input has no ERT and a tree-form (or raw v0.4)
// architecture; legacy-form architectures keep the built-in formulas. Warnings go to stderr.
// Call before
// load_model_inputs, which rebinds nodes of the tree.
std::optional<accelergy::AccelergyResult> estimate_missing_tables(const MergedInput& merged);

// Applies estimated tables to `inputs` and writes <dir>/<prefix>.ERT.yaml, .ART.yaml, the
// summaries and the flattened architecture.
void use_estimated_tables(const accelergy::AccelergyResult& tables, const MergedInput& merged,
                          const std::string& output_dir, const std::string& prefix, ModelInputs& inputs);

}  // namespace cimloop::compat
