// timeloop-mapper FILE... [-o DIR]: searches the constrained mapspace for the best mapping
// (by the `mapper.optimization_metrics`) and writes <prefix>.map.yaml, .stats.txt and
// .map.txt into DIR (default "."); the stats are exactly timeloop-model's for that mapping.
// Estimated energy/area tables are written as timeloop-model writes them, with the results.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/map_writer.hpp"
#include "compat/timeloop/map_yaml_writer.hpp"
#include "compat/timeloop/mapper_settings_reader.hpp"
#include "compat/timeloop/mapper_run.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/timeloop/output_files.hpp"
#include "compat/timeloop/program_cli.hpp"
#include "compat/timeloop/program_inputs.hpp"
#include "compat/timeloop/sparse_stats_writer.hpp"
#include "compat/timeloop/stats_writer.hpp"
#include "compat/timeloop/yaml_values.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/common/error.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/model_bridge.hpp"
#include "src/mapper/progress.hpp"
#include "src/mapper/search.hpp"
#include "src/model/evaluation.hpp"
#include "src/model/network_energy.hpp"
#include "src/sparse/sparse_evaluator.hpp"

namespace {

using namespace cimloop;

constexpr const char* kUsage =
    "usage: timeloop-mapper FILE... [-o DIR] [--seed N] [--var NAME=VALUE]... [--set NAME=EXPR]... [--dump-processed FILE]\n"
    "  FILE  YAML (.yaml/.yml) or libconfig (.cfg) inputs, merged in order: architecture (with\n"
    "        constraints), problem, mapper settings, architecture_constraints, and optionally ERT\n"
    "        and ART (estimated like Accelergy when absent). Raw Timeloop v0.4 specifications are\n"
    "        processed natively\n"
    "  -o    output directory (default: current directory)\n"
    "  --seed  random seed of the search (overrides mapper.seed; default 0)\n"
    "  --var NAME=VALUE  Jinja2 template variable for v0.4 inputs (repeatable)\n"
    "  --set NAME=EXPRESSION  replace the v0.4 variable NAME, e.g. an operating point (repeatable)\n"
    "  --dump-processed FILE  write the processed form of v0.4 inputs to FILE\n"
    "Settings come from the `mapper` section: algorithm, search_size, timeout, victory_condition,\n"
    "num_threads, search_units, optimization_metrics, out_prefix, max_temporal_loops_in_a_mapping and\n"
    "seed. The result depends on search_units (default 8), not on num_threads.\n"
    "On a terminal a progress line is shown; Ctrl-C stops the search and writes the best so far.\n";

// The --seed value, if given; false (after a message) when it is not a non-negative integer.
bool read_seed(const compat::ProgramArguments& args, std::optional<std::uint64_t>& seed) {
  const auto option = args.options.find("--seed");
  if (option == args.options.end()) return true;
  const std::string& value = option->second;
  if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
    std::cerr << "ERROR: --seed needs a non-negative integer.\nERROR: error parsing command line.\n";
    return false;
  }
  seed = std::stoull(value);
  return true;
}

// Runs the search with the progress line and Ctrl-C handling; prints a one-line account.
mapper::SearchResult run_search(const mapper::Mapspace& mapspace, const mapper::MapperSettings& settings,
                                const compat::ModelInputs& inputs, const model::ModelOptions& options) {
  mapper::SearchMonitor monitor;
  const auto start = std::chrono::steady_clock::now();
  mapper::SearchResult result;
  {
    mapper::InterruptGuard interrupt(monitor);
    if (mapper::unbounded(settings))
      std::cout << "Note: search_size, victory_condition and timeout are all 0; each of the " << settings.search_units << " search units stops after "
                << mapper::unbounded_victory_condition() << " valid mappings without improvement (or on Ctrl-C)."
                << std::endl;
    mapper::ProgressLine progress(monitor, settings.metrics, mapper::stderr_is_terminal());
    result = mapper::search(
        mapspace, settings,
        mapper::model_evaluators(inputs.arch, inputs.workload, mapspace, settings.metrics, options,
                                 inputs.sparse ? &*inputs.sparse : nullptr),
        monitor);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Searched " << result.visited << " mappings (" << result.evaluated << " evaluated, " << result.valid
            << " valid) in " << seconds << " s" << (result.stopped_early ? ", stopped early" : "") << '\n';
  return result;
}

// Writes the best mapping's map.yaml, stats.txt and map.txt with `table_files`; returns the
// summary line.
std::string write_dense_outputs(const std::string& prefix, const compat::ModelInputs& inputs,
                                const mapping::MappingSpec& spec, const mapping::Mapping& mapping,
                                const model::ModelOptions& options, const compat::OutputFiles& table_files) {
  model::ModelOptions report_options = options;
  report_options.nest.network_statistics = true;  // the stats file reports the networks
  model::Evaluator evaluator(inputs.arch, inputs.workload, report_options);
  const model::EvalResult& best = evaluator.evaluate(mapping);
  compat::write_files_atomically({
      {prefix + ".map.yaml", compat::format_map_yaml(spec, inputs.arch, inputs.workload)},
      {prefix + ".stats.txt", compat::format_stats(inputs.arch, inputs.workload, mapping, best,
                                                   compat::stats_options_from_environment())},
      {prefix + ".map.txt", compat::format_map(inputs.arch, inputs.workload, mapping, best)},
  }, table_files);
  return compat::format_summary(best);
}

std::string write_sparse_outputs(const std::string& prefix, const compat::ModelInputs& inputs,
                                 const mapping::MappingSpec& spec, const mapping::Mapping& mapping,
                                 const model::ModelOptions& options, const compat::OutputFiles& table_files) {
  sparse::SparseEvaluator evaluator(inputs.arch, inputs.workload, *inputs.sparse, options);
  const sparse::SparseEvalResult& best = evaluator.evaluate(spec, mapping);
  const std::vector<std::int64_t> shapes = compat::sparse_tile_shapes(best);
  compat::write_files_atomically({
      {prefix + ".map.yaml", compat::format_map_yaml(spec, inputs.arch, inputs.workload)},
      {prefix + ".stats.txt", compat::format_sparse_stats(inputs.arch, inputs.workload, mapping, *inputs.sparse, best,
                                                          compat::stats_options_from_environment())},
      {prefix + ".map.txt", compat::format_map(inputs.arch, inputs.workload, mapping, best.totals, &shapes)},
  }, table_files);
  return compat::format_sparse_summary(*inputs.sparse, best);
}

int run(const compat::ProgramArguments& args, std::optional<std::uint64_t> seed) {
  const compat::MergedInput merged =
      compat::v04::load_program_inputs(args.inputs, args.v04, compat::v04::Purpose::Mapper);
  compat::apply_environment_variables(merged.root);  // as Timeloop does with a v0.4 input's globals
  const std::optional<accelergy::AccelergyResult> estimated = compat::estimate_missing_tables(merged, true);
  for (const std::string& warning : merged.warnings) std::cout << warning << '\n';
  compat::ModelInputs inputs = compat::load_model_inputs(merged);
  for (const std::string& message : inputs.stdout_messages) std::cout << message << '\n';
  mapper::MapperSettings settings = compat::parse_mapper_settings(compat::child(merged.root, "mapper"), merged.sources);
  if (seed) settings.seed = *seed;
  compat::OutputFiles table_files;
  if (estimated) {
    compat::apply_estimated_tables(*estimated, merged, inputs);
    table_files = compat::estimated_table_files(*estimated, args.output_dir, settings.out_prefix);
  }
  const mapper::Mapspace mapspace = compat::input_mapspace(merged, inputs, settings);
  for (const std::string& warning : mapspace.constraints().warnings) std::cerr << "WARNING: " << warning << '\n';
  model::ModelOptions options = model::options_from_environment();
  options.nest.network_statistics = model::prices_networks(inputs.arch);  // the search weighs network energy
  const compat::RebuiltMapping found = compat::rebuilt_mapping(run_search(mapspace, settings, inputs, options), mapspace, inputs);
  const std::string prefix = args.output_dir + "/" + settings.out_prefix;
  std::cout << "Summary stats for best mapping found by mapper:\n  "
            << (inputs.sparse ? write_sparse_outputs(prefix, inputs, found.spec, found.mapping, options, table_files)
                              : write_dense_outputs(prefix, inputs, found.spec, found.mapping, options, table_files));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  cimloop::compat::ProgramArguments args;
  std::optional<std::uint64_t> seed;
  if (!cimloop::compat::parse_program_arguments(argc, argv, {kUsage, {"--seed"}}, args) || !read_seed(args, seed))
    return 1;
  return cimloop::compat::run_reporting_errors([&] { return run(args, seed); });
}
