// timeloop-model FILE... [-o DIR]: evaluates one mapping like Timeloop's timeloop-model and
// writes <prefix>.stats.txt, .map.txt and .map.tenssella.txt into DIR (default "."); when it
// estimates the energy/area tables itself, also Accelergy's files there and
// <prefix>.accelergy.log in the current directory. All at the end, none on failure.
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "compat/accelergy/tables.hpp"
#include "compat/config/input_files.hpp"
#include "compat/timeloop/map_writer.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/timeloop/output_files.hpp"
#include "compat/timeloop/program_cli.hpp"
#include "compat/timeloop/program_inputs.hpp"
#include "compat/timeloop/sparse_stats_writer.hpp"
#include "compat/timeloop/stats_writer.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/common/error.hpp"
#include "src/model/evaluation.hpp"
#include "src/model/mapping_checks.hpp"
#include "src/sparse/sparse_evaluator.hpp"

namespace {

using namespace cimloop;

constexpr const char* kUsage =
    "usage: timeloop-model FILE... [-o DIR] [--delta-rule reference|head] [--var NAME=VALUE]... [--set NAME=EXPR]...\n"
    "                      [--dump-processed FILE]\n"
    "  FILE  YAML (.yaml/.yml) or libconfig (.cfg) inputs, merged in order: architecture, problem,\n"
    "        mapping, ERT and ART (energy/area tables). Raw Timeloop v0.4 specifications (Jinja2\n"
    "        templates, !Container/!Component nodes, <<< merges) are processed natively\n"
    "  --var NAME=VALUE  Jinja2 template variable for v0.4 inputs (repeatable)\n"
    "  --set NAME=EXPRESSION  replace the v0.4 variable NAME, e.g. an operating point (repeatable)\n"
    "  --dump-processed FILE  write the processed form of v0.4 inputs to FILE\n"
    "  -o    output directory (default: current directory)\n"
    "  --delta-rule  working-set delta rule: reference (default, Timeloop 2024 outputs) or head\n"
    "                (Timeloop 2025); also TIMELOOP_DELTA_RULE=head\n";

// The --delta-rule value as a model option; false (after a message) for an unknown rule.
bool apply_delta_rule(const compat::ProgramArguments& args, model::ModelOptions& options) {
  const auto rule = args.options.find("--delta-rule");
  if (rule == args.options.end()) return true;
  if (rule->second == "head") options.nest.delta_rule = nest::DeltaRule::Head;
  else if (rule->second == "reference") options.nest.delta_rule = nest::DeltaRule::Reference;
  else {
    std::cerr << "ERROR: --delta-rule must be reference or head.\nERROR: error parsing command line.\n";
    return false;
  }
  return true;
}

// Designs with `sparse_optimizations` (Sparseloop): sparse layout and summary line.
int run_sparse(const compat::ProgramArguments& args, const model::ModelOptions& options,
               const compat::ModelInputs& inputs, const mapping::MappingSpec& spec, const mapping::Mapping& mapping,
               const compat::OutputFiles& table_files) {
  sparse::SparseEvaluator evaluator(inputs.arch, inputs.workload, *inputs.sparse, options);
  const sparse::SparseEvalResult& result = evaluator.evaluate(spec, mapping);
  const model::EvalResult& totals = result.totals;
  if (!totals.valid) return compat::print_errors("couldn't map level " + totals.failed_level + ": " + totals.failure);
  const std::string prefix = args.output_dir + "/" + inputs.out_prefix;
  const std::vector<std::int64_t> shapes = compat::sparse_tile_shapes(result);
  compat::write_files_atomically({
      {prefix + ".stats.txt", compat::format_sparse_stats(inputs.arch, inputs.workload, mapping, *inputs.sparse, result,
                                                          compat::stats_options_from_environment())},
      {prefix + ".map.txt", compat::format_map(inputs.arch, inputs.workload, mapping, totals, &shapes)},
      {prefix + ".map.tenssella.txt", compat::format_tenssella(inputs.arch, inputs.workload, mapping)},
  }, table_files);
  std::cout << compat::format_sparse_summary(*inputs.sparse, result);
  return 0;
}

int run(const compat::ProgramArguments& args, const model::ModelOptions& options) {
  const compat::MergedInput merged = compat::v04::load_program_inputs(args.inputs, args.v04, compat::v04::Purpose::Model);
  compat::apply_environment_variables(merged.root);  // as Timeloop does with a v0.4 input's globals
  const std::optional<accelergy::AccelergyResult> estimated = compat::estimate_missing_tables(merged, true);
  for (const std::string& warning : merged.warnings) std::cout << warning << '\n';
  compat::ModelInputs inputs = compat::load_model_inputs(merged);
  for (const std::string& message : inputs.stdout_messages) std::cout << message << '\n';
  compat::OutputFiles table_files;
  if (estimated) {
    compat::apply_estimated_tables(*estimated, merged, inputs);
    table_files = compat::estimated_table_files(*estimated, args.output_dir, inputs.out_prefix);
  }
  const mapping::MappingSpec spec = compat::load_mapping_spec(merged, inputs);
  for (const std::string& message : inputs.stderr_messages) std::cerr << message << '\n';
  mapping::Mapping mapping = mapping::build_mapping(spec, inputs.arch, inputs.workload);
  if (inputs.auto_bypass_on_failure) model::bypass_overfull_levels(inputs.arch, inputs.workload, mapping);

  if (inputs.sparse) return run_sparse(args, options, inputs, spec, mapping, table_files);
  model::Evaluator evaluator(inputs.arch, inputs.workload, options);
  const model::EvalResult& result = evaluator.evaluate(mapping);
  if (!result.valid) return compat::print_errors("couldn't map level " + result.failed_level + ": " + result.failure);

  compat::StatsOptions stats_options = compat::stats_options_from_environment();
  const std::string prefix = args.output_dir + "/" + inputs.out_prefix;
  compat::write_files_atomically({
      {prefix + ".stats.txt", compat::format_stats(inputs.arch, inputs.workload, mapping, result, stats_options)},
      {prefix + ".map.txt", compat::format_map(inputs.arch, inputs.workload, mapping, result)},
      {prefix + ".map.tenssella.txt", compat::format_tenssella(inputs.arch, inputs.workload, mapping)},
  }, table_files);
  std::cout << compat::format_summary(result);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cimloop::compat::ProgramArguments args;
  if (!cimloop::compat::parse_program_arguments(argc, argv, {kUsage, {"--delta-rule"}, true}, args)) return 1;
  cimloop::model::ModelOptions options = cimloop::model::options_from_environment();
  options.nest.network_statistics = true;  // the stats file reports the networks
  if (!apply_delta_rule(args, options)) return 1;
  return cimloop::compat::run_reporting_errors([&] { return run(args, options); });
}
