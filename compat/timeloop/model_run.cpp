// timeloop-model's body (see model_run.hpp).
#include "compat/timeloop/model_run.hpp"

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "compat/accelergy/tables.hpp"
#include "compat/config/input_files.hpp"
#include "compat/timeloop/map_writer.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/timeloop/output_files.hpp"
#include "compat/timeloop/program_inputs.hpp"
#include "compat/timeloop/sparse_stats_writer.hpp"
#include "compat/timeloop/stats_writer.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/model/mapping_checks.hpp"
#include "src/sparse/sparse_evaluator.hpp"

namespace cimloop::compat {

namespace {

// Designs with `sparse_optimizations` (Sparseloop): sparse layout and summary line.
int run_sparse(const ProgramArguments& args, const model::ModelOptions& options, const ModelInputs& inputs,
               const mapping::MappingSpec& spec, const mapping::Mapping& mapping, const OutputFiles& table_files) {
  sparse::SparseEvaluator evaluator(inputs.arch, inputs.workload, *inputs.sparse, options);
  const sparse::SparseEvalResult& result = evaluator.evaluate(spec, mapping);
  const model::EvalResult& totals = result.totals;
  if (!totals.valid) return print_errors("couldn't map level " + totals.failed_level + ": " + totals.failure);
  const std::string prefix = args.output_dir + "/" + inputs.out_prefix;
  const std::vector<std::int64_t> shapes = sparse_tile_shapes(result);
  write_files_atomically({
      {prefix + ".stats.txt", format_sparse_stats(inputs.arch, inputs.workload, mapping, *inputs.sparse, result,
                                                  stats_options_from_environment())},
      {prefix + ".map.txt", format_map(inputs.arch, inputs.workload, mapping, totals, &shapes)},
      {prefix + ".map.tenssella.txt", format_tenssella(inputs.arch, inputs.workload, mapping)},
  }, table_files);
  std::cout << format_sparse_summary(*inputs.sparse, result);
  return 0;
}

}  // namespace

int run_timeloop_model(const ProgramArguments& args, const model::ModelOptions& options) {
  const MergedInput merged = v04::load_program_inputs(args.inputs, args.v04, v04::Purpose::Model);
  apply_environment_variables(merged.root);  // as Timeloop does with a v0.4 input's globals
  const std::optional<accelergy::AccelergyResult> estimated = estimate_missing_tables(merged, true);
  for (const std::string& warning : merged.warnings) std::cout << warning << '\n';
  ModelInputs inputs = load_model_inputs(merged);
  for (const std::string& message : inputs.stdout_messages) std::cout << message << '\n';
  OutputFiles table_files;
  if (estimated) {
    apply_estimated_tables(*estimated, merged, inputs);
    table_files = estimated_table_files(*estimated, args.output_dir, inputs.out_prefix);
  }
  const mapping::MappingSpec spec = load_mapping_spec(merged, inputs);
  for (const std::string& message : inputs.stderr_messages) std::cerr << message << '\n';
  mapping::Mapping mapping = mapping::build_mapping(spec, inputs.arch, inputs.workload);
  if (inputs.auto_bypass_on_failure) model::bypass_overfull_levels(inputs.arch, inputs.workload, mapping);

  if (inputs.sparse) return run_sparse(args, options, inputs, spec, mapping, table_files);
  model::Evaluator evaluator(inputs.arch, inputs.workload, options);
  const model::EvalResult& result = evaluator.evaluate(mapping);
  if (!result.valid) return print_errors("couldn't map level " + result.failed_level + ": " + result.failure);

  StatsOptions stats_options = stats_options_from_environment();
  const std::string prefix = args.output_dir + "/" + inputs.out_prefix;
  write_files_atomically({
      {prefix + ".stats.txt", format_stats(inputs.arch, inputs.workload, mapping, result, stats_options)},
      {prefix + ".map.txt", format_map(inputs.arch, inputs.workload, mapping, result)},
      {prefix + ".map.tenssella.txt", format_tenssella(inputs.arch, inputs.workload, mapping)},
  }, table_files);
  std::cout << format_summary(result);
  return 0;
}

}  // namespace cimloop::compat
