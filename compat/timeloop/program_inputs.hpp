#pragma once
// Energy/area tables for programs whose inputs carry no ERT: they are estimated as Accelergy
// would, applied to the parsed architecture, and written beside the outputs.
#include <optional>
#include <string>

#include "compat/accelergy/tables.hpp"
#include "compat/config/input_files.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/timeloop/output_files.hpp"

namespace cimloop::compat {

// Estimated ERT/ART when the merged input has no ERT and a tree-form (or raw v0.4)
// architecture; legacy-form architectures keep the built-in formulas. Warnings go to stderr.
// `record_queries`: also record the queries for the log (estimated_table_files).
// Call before load_model_inputs, which rebinds nodes of the tree.
std::optional<accelergy::AccelergyResult> estimate_missing_tables(const MergedInput& merged,
                                                                  bool record_queries = false);

// Applies estimated tables to `inputs`.
void apply_estimated_tables(const accelergy::AccelergyResult& tables, const MergedInput& merged, ModelInputs& inputs);

// What Timeloop leaves of its Accelergy run, as (path, text): <dir>/<prefix>.ERT.yaml, .ART.yaml,
// the summaries and the flattened architecture, and <prefix>.accelergy.log in the current
// directory (spec §1.3), which names the estimator of every query, the warnings and the files.
OutputFiles estimated_table_files(const accelergy::AccelergyResult& tables, const std::string& output_dir,
                                  const std::string& prefix);

}  // namespace cimloop::compat
