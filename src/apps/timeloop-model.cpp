// timeloop-model FILE... [-o DIR]: evaluates one mapping like Timeloop's timeloop-model and
// writes <prefix>.stats.txt, .map.txt and .map.tenssella.txt into DIR (default "."); when it
// estimates the energy/area tables itself, also Accelergy's files there and
// <prefix>.accelergy.log in the current directory. All at the end, none on failure.
#include <iostream>

#include "compat/timeloop/model_run.hpp"
#include "compat/timeloop/program_cli.hpp"
#include "src/model/evaluation.hpp"

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

}  // namespace

int main(int argc, char** argv) {
  cimloop::compat::ProgramArguments args;
  if (!cimloop::compat::parse_program_arguments(argc, argv, {kUsage, {"--delta-rule"}, true}, args)) return 1;
  cimloop::model::ModelOptions options = cimloop::model::options_from_environment();
  options.nest.network_statistics = true;  // the stats file reports the networks
  if (!apply_delta_rule(args, options)) return 1;
  return cimloop::compat::run_reporting_errors([&] { return cimloop::compat::run_timeloop_model(args, options); });
}
