// cimloop-report MACRO.yaml [--set NAME=VALUE ...] [--layer WORKLOAD.yaml | --network DIR]
//                [--sweep NAME=V1,V2,...] [--csv FILE]
// cimloop-report ARCH.yaml PROBLEM.yaml MAP.yaml COMPONENTS.yaml... [--set ...] [--sweep ...]
// Evaluates a CiM macro (macro.yaml at full utilisation, or v0.4 files through the chain for
// their layer and mapping) and prints TOPS, TOPS/W, TOPS/mm^2, energy per MAC and the
// per-component energy and area breakdown (table on stdout, optional CSV); with --network
// the best mapping of every layer in DIR instead (macro.yaml: enumerated; v0.4 files: the
// architecture and component classes, each layer searched by timeloop-mapper's search).
#include <boost/program_options.hpp>

#include <iostream>
#include <map>
#include <optional>

#include "src/cim/chain_network.hpp"
#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_report.hpp"
#include "src/cim/macro_source.hpp"
#include "src/cim/macro_variables.hpp"
#include "src/cim/network_evaluation.hpp"
#include "src/cim/output_file.hpp"
#include "src/cim/operating_point.hpp"
#include "src/common/error.hpp"

namespace po = boost::program_options;
using namespace cimloop::cim;

int main(int argc, char** argv) {
  try {
    po::options_description options("options");
    options.add_options()("help,h", "show this help")(
        "inputs", po::value<std::vector<std::string>>(),
        "examples/cim/*/macro.yaml, or the v0.4 files of a macro (arch, problem, map, components)")(
        "set", po::value<std::vector<std::string>>()->composing(),
        "operating point NAME=VALUE (an expression; repeatable, ';' separates several)")(
        "layer", po::value<std::string>(), "workload layer file with Inputs/Weights histograms")(
        "network", po::value<std::string>(),
        "folder of workload layers: best mapping per layer (v0.4 files: timeloop-mapper's search)")(
        "sweep", po::value<std::string>(), "NAME=V1,V2,...: one summary row per value")(
        "csv", po::value<std::string>(), "also write the report as CSV to this file");
    po::positional_options_description positional;
    positional.add("inputs", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help") || !vm.count("inputs")) {
      std::cout << "usage: cimloop-report MACRO.yaml [--set NAME=VALUE]... [--layer FILE] "
                   "[--network DIR] [--sweep NAME=V1,V2,...] [--csv FILE]\n"
                   "       cimloop-report V04_FILE... [--set NAME=VALUE]... [--sweep NAME=V1,V2,...] [--csv FILE]\n"
                   "       cimloop-report ARCH.yaml COMPONENTS.yaml... --network DIR [--set NAME=VALUE]... [--csv FILE]\n"
                << options;
      return vm.count("help") ? 0 : 1;
    }
    const std::vector<std::string> inputs = vm["inputs"].as<std::vector<std::string>>();
    const bool v04 = are_v04_macro_files(inputs);
    if (v04 && vm.count("layer"))
      throw cimloop::InputError("--layer takes a macro.yaml; with v0.4 files the layer is the problem file");
    std::map<std::string, double> overrides;
    std::map<std::string, std::string> text_overrides;
    if (vm.count("set"))
      for (const auto& text : vm["set"].as<std::vector<std::string>>()) {
        for (const auto& [name, value] : parse_operating_point(text)) overrides[name] = value;
        for (const auto& [name, value] : parse_operating_point_text(text)) text_overrides[name] = value;
      }
    if (vm.count("network")) {
      const std::string folder = vm["network"].as<std::string>();
      const NetworkReport report =
          v04 ? evaluate_network_chain(v04_macro_name(inputs), inputs, folder, v04_overrides(overrides, text_overrides))
              : evaluate_network(read_macro_spec(inputs.front()), folder, overrides, text_overrides);
      std::cout << format_network_table(report);
      if (vm.count("csv")) write_file_atomically(vm["csv"].as<std::string>(), format_network_csv(report));
      return 0;
    }
    const MacroSource macro(inputs);
    std::optional<LayerDistributions> layer;
    if (vm.count("layer")) layer = read_layer_distributions(vm["layer"].as<std::string>());
    const LayerDistributions* layer_or_defaults = layer ? &*layer : nullptr;
    if (vm.count("sweep")) {
      const auto [variable, values] = parse_sweep(vm["sweep"].as<std::string>());
      std::vector<MacroResult> results;
      for (double value : values) {
        std::map<std::string, double> point = overrides;
        point[variable] = value;
        results.push_back(macro.evaluate(point, text_overrides, layer_or_defaults));
      }
      std::cout << "macro " << macro.name() << "\n" << format_sweep_table(variable, values, results);
      if (vm.count("csv"))
        write_file_atomically(vm["csv"].as<std::string>(), format_sweep_csv(variable, values, results));
      return 0;
    }
    const MacroResult result = macro.evaluate(overrides, text_overrides, layer_or_defaults);
    for (const auto& c : result.components)
      if (!c.warning.empty()) std::cerr << "WARNING: " << c.warning << "\n";
    std::cout << format_report_table(result);
    if (vm.count("csv")) write_report_csv(result, vm["csv"].as<std::string>());
    return 0;
  } catch (const cimloop::InputError& e) {
    std::cerr << "ERROR: " << e.what() << "\n";
  } catch (const po::error& e) {
    std::cerr << "ERROR: " << e.what() << "\n";
  }
  return 1;
}
