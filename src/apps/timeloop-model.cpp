// timeloop-model FILE... [-o DIR]: evaluates one mapping like Timeloop's timeloop-model and
// writes <prefix>.stats.txt, .map.txt and .map.tenssella.txt into DIR (default ".").
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
#include "compat/timeloop/stats_writer.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/common/error.hpp"
#include "src/model/evaluation.hpp"
#include "src/model/mapping_checks.hpp"

namespace {

using namespace cimloop;

constexpr const char* kUsage =
    "usage: timeloop-model FILE... [-o DIR] [--delta-rule reference|head] [--var NAME=VALUE]...\n"
    "                      [--dump-processed FILE]\n"
    "  FILE  YAML (.yaml/.yml) or libconfig (.cfg) inputs, merged in order: architecture, problem,\n"
    "        mapping, ERT and ART (energy/area tables). Raw Timeloop v0.4 specifications (Jinja2\n"
    "        templates, !Container/!Component nodes, <<< merges) are processed natively\n"
    "  --var NAME=VALUE  Jinja2 template variable for v0.4 inputs (repeatable)\n"
    "  --dump-processed FILE  write the processed form of v0.4 inputs to FILE\n"
    "  -o    output directory (default: current directory)\n"
    "  --delta-rule  working-set delta rule: reference (default, Timeloop 2024 outputs) or head\n"
    "                (Timeloop 2025); also TIMELOOP_DELTA_RULE=head\n";

struct Arguments {
  std::vector<std::string> inputs;
  std::string output_dir = ".";
  std::string delta_rule;
  compat::v04::V04Options v04;
};

bool parse_arguments(int argc, char** argv, Arguments& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg == "-o" || arg == "--delta-rule" || compat::v04::is_v04_option(arg)) {
      if (i + 1 >= argc) {
        std::cerr << "ERROR: " << arg << " needs a value.\nERROR: error parsing command line.\n";
        return false;
      }
      const std::string value = argv[++i];
      if (arg == "-o" || arg == "--delta-rule") {
        (arg == "-o" ? args.output_dir : args.delta_rule) = value;
      } else if (const std::string error = compat::v04::add_v04_option(arg, value, args.v04); !error.empty()) {
        std::cerr << "ERROR: " << error << "\nERROR: error parsing command line.\n";
        return false;
      }
    } else if (arg == "timeloop-mapper.map.yaml") {
      std::cerr << "WARNING: ignoring timeloop-mapper.map.yaml on the command line\n";
    } else {
      args.inputs.push_back(arg);
      std::cout << "input file: " << arg << '\n';
    }
  }
  if (!compat::check_output_dir(args.output_dir)) return false;
  if (args.inputs.empty()) {
    std::cerr << "ERROR: no input files given.\n" << kUsage;
    return false;
  }
  if (!args.delta_rule.empty() && args.delta_rule != "reference" && args.delta_rule != "head") {
    std::cerr << "ERROR: --delta-rule must be reference or head.\nERROR: error parsing command line.\n";
    return false;
  }
  return true;
}

int run(const Arguments& args) {
  const compat::MergedInput merged = compat::v04::load_program_inputs(args.inputs, args.v04, compat::v04::Purpose::Model);
  const std::optional<accelergy::AccelergyResult> estimated = compat::estimate_missing_tables(merged);
  for (const std::string& warning : merged.warnings) std::cout << warning << '\n';
  compat::ModelInputs inputs = compat::load_model_inputs(merged);
  for (const std::string& message : inputs.stdout_messages) std::cout << message << '\n';
  if (estimated) compat::use_estimated_tables(*estimated, merged, args.output_dir, inputs.out_prefix, inputs);
  const mapping::MappingSpec spec = compat::load_mapping_spec(merged, inputs);
  for (const std::string& message : inputs.stderr_messages) std::cerr << message << '\n';
  mapping::Mapping mapping = mapping::build_mapping(spec, inputs.arch, inputs.workload);
  if (inputs.auto_bypass_on_failure) model::bypass_overfull_levels(inputs.arch, inputs.workload, mapping);

  model::ModelOptions options = model::options_from_environment();
  if (args.delta_rule == "head") options.nest.delta_rule = nest::DeltaRule::Head;
  if (args.delta_rule == "reference") options.nest.delta_rule = nest::DeltaRule::Reference;
  model::Evaluator evaluator(inputs.arch, inputs.workload, options);
  const model::EvalResult& result = evaluator.evaluate(mapping);
  if (!result.valid) return compat::print_errors("couldn't map level " + result.failed_level + ": " + result.failure);

  compat::StatsOptions stats_options = compat::stats_options_from_environment();
  const std::string prefix = args.output_dir + "/" + inputs.out_prefix;
  compat::write_files_atomically({
      {prefix + ".stats.txt", compat::format_stats(inputs.arch, inputs.workload, mapping, result, stats_options)},
      {prefix + ".map.txt", compat::format_map(inputs.arch, inputs.workload, mapping, result)},
      {prefix + ".map.tenssella.txt", compat::format_tenssella(inputs.arch, inputs.workload, mapping)},
  });
  const double per_compute = result.energy / static_cast<double>(result.arithmetic.computes);
  char summary[128];
  std::snprintf(summary, sizeof summary, "Utilization = %4.2f | pJ/Compute = %8.3f\n", result.utilization, per_compute);
  std::cout << summary;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args;
  if (!parse_arguments(argc, argv, args)) return 1;
  return cimloop::compat::run_reporting_errors([&] { return run(args); });
}
