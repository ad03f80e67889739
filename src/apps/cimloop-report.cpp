// cimloop-report TOP [--macro M] [--iso I] [--system S] [--var NAME=VALUE]... [--set NAME=EXPR]...
//                [--sweep NAME=V1,V2,...] [--dnn D] [--threads N] [--map MAP.yaml] [--csv FILE]
// Runs a CiMLoop-style specification (e.g. CiMLoop's models/top.yaml.jinja2) as CiMLoop's
// scripts do and prints what its MacroOutputStats gives: TOPS, TOPS/W, TOPS/mm^2 (and 1b
// forms), energy per MAC, energy, area and the per-component breakdown. With --macro it is
// CiMLoop's quick_run (iso = the macro, system ws_dummy_buffer_one_macro, maximum
// utilisation); with --dnn every layer of TOP's workloads/D as CiMLoop's run_layer (system
// ws_dummy_buffer_many_macro unless --system), one row per layer and the network's total.
#include <boost/program_options.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "compat/cimloop/macro_report.hpp"
#include "compat/cimloop/macro_run.hpp"
#include "compat/timeloop/output_files.hpp"
#include "compat/timeloop/program_cli.hpp"
#include "src/common/error.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace cimloop::compat::cimloop;

namespace {

std::pair<std::string, std::string> assignment(const std::string& text, const char* option) {
  const size_t equals = text.find('=');
  if (equals == 0 || equals == std::string::npos)
    throw cimloop::InputError(std::string(option) + " needs NAME=VALUE, got '" + text + "'");
  return {text.substr(0, equals), text.substr(equals + 1)};
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at = text.find(separator); ; at = text.find(separator, start)) {
    out.push_back(text.substr(start, at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

// The layer names (file stems) of TOP's workloads/D, in order.
std::vector<std::string> layers_of(const std::string& top, const std::string& dnn) {
  const fs::path folder = fs::path(top).parent_path() / "workloads" / dnn;
  if (!fs::is_directory(folder)) throw cimloop::InputError("--dnn " + dnn + ": no folder " + folder.string());
  std::vector<std::string> layers;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".yaml") layers.push_back(entry.path().stem().string());
  std::sort(layers.begin(), layers.end());
  if (layers.empty()) throw cimloop::InputError("--dnn " + dnn + ": no layer files in " + folder.string());
  return layers;
}

// Energy and computes add up over layers, as CiMLoop aggregates a network's runs.
MacroOutputStats network_total(const std::vector<LabelledStats>& layers) {
  MacroOutputStats total = layers.front().stats;
  for (size_t i = 1; i < layers.size(); ++i) {
    const MacroOutputStats& layer = layers[i].stats;
    total.computes += layer.computes;
    total.cycles += layer.cycles;
    for (auto& [name, energy] : total.per_component_energy)
      for (const auto& [other, value] : layer.per_component_energy)
        if (other == name) energy += value;
  }
  return total;
}

int run(const po::variables_map& vm) {
  MacroRunSpec base;
  base.files = {vm["top"].as<std::string>()};
  if (vm.count("macro")) base = quick_run(base.files.front(), vm["macro"].as<std::string>());
  for (const char* key : {"iso", "system"})
    if (vm.count(key)) base.jinja[key] = vm[key].as<std::string>();
  if (vm.count("var"))
    for (const std::string& text : vm["var"].as<std::vector<std::string>>()) {
      const auto [name, value] = assignment(text, "--var");
      base.jinja[name] = value;
    }
  if (vm.count("set"))
    for (const std::string& text : vm["set"].as<std::vector<std::string>>()) {
      const auto [name, value] = assignment(text, "--set");
      base.overrides[name] = value;
    }
  if (vm.count("threads")) base.threads = vm["threads"].as<int>();
  if (vm.count("map")) base.mapping_file = vm["map"].as<std::string>();

  std::vector<std::pair<std::string, MacroRunSpec>> runs;
  if (vm.count("dnn")) {
    const std::string dnn = vm["dnn"].as<std::string>();
    base.overrides.erase("MAX_UTILIZATION");
    if (!vm.count("system")) base.jinja["system"] = "ws_dummy_buffer_many_macro";
    for (const std::string& layer : layers_of(base.files.front(), dnn)) {
      MacroRunSpec spec = base;
      spec.jinja["dnn"] = dnn;
      spec.jinja["layer"] = layer;
      runs.emplace_back(layer, spec);
    }
  } else if (vm.count("sweep")) {
    const auto [name, values] = assignment(vm["sweep"].as<std::string>(), "--sweep");
    for (const std::string& value : split(values, ',')) {
      MacroRunSpec spec = base;
      spec.overrides[name] = value;
      runs.emplace_back(name + "=" + value, spec);
    }
  } else {
    runs.emplace_back("run", base);
  }

  std::vector<LabelledStats> results;
  for (const auto& [label, spec] : runs) results.push_back({label, run_macro(spec).stats});
  if (vm.count("dnn")) results.push_back({"total", network_total(results)});
  std::cout << (results.size() == 1 ? format_report_table(results.front().stats) : format_summary_table(results));
  if (vm.count("csv")) cimloop::compat::write_files_atomically({{vm["csv"].as<std::string>(), format_report_csv(results)}});
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("top", po::value<std::string>(),
                                                    "the specification's entry file, e.g. CiMLoop's models/top.yaml.jinja2")(
      "macro", po::value<std::string>(), "CiMLoop's quick_run of this macro (iso = macro, maximum utilisation)")(
      "iso", po::value<std::string>(), "Jinja variable iso")("system", po::value<std::string>(), "Jinja variable system")(
      "var", po::value<std::vector<std::string>>()->composing(), "Jinja variable NAME=VALUE (repeatable)")(
      "set", po::value<std::vector<std::string>>()->composing(), "variable override NAME=EXPRESSION (repeatable)")(
      "sweep", po::value<std::string>(), "NAME=V1,V2,...: one run per value")(
      "dnn", po::value<std::string>(), "every layer of workloads/DNN next to TOP")(
      "threads", po::value<int>(), "mapper threads (default: the specification's num_threads)")(
      "map", po::value<std::string>(), "evaluate this mapping (a timeloop-mapper map.yaml) instead of searching")(
      "csv", po::value<std::string>(), "also write the runs as CSV to this file");
  po::positional_options_description positional;
  positional.add("top", 1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help") || !vm.count("top")) {
      std::cout << "usage: cimloop-report TOP [--macro M] [--var NAME=VALUE]... [--set NAME=EXPR]... "
                   "[--sweep NAME=V1,V2,...] [--dnn D] [--map MAP.yaml] [--csv FILE]\n"
                << options;
      return vm.count("help") ? 0 : 1;
    }
    return cimloop::compat::run_reporting_errors([&] { return run(vm); });
  } catch (const po::error& e) {
    return cimloop::compat::print_errors(e.what());
  }
}
