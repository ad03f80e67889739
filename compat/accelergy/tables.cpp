#include "compat/accelergy/tables.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "compat/accelergy/component_estimate.hpp"
#include "compat/accelergy/table_nodes.hpp"
#include "compat/accelergy/verbose_tables.hpp"
#include "compat/accelergy/yaml_writer.hpp"
#include "src/common/error.hpp"

namespace cimloop::accelergy {
namespace {

double rounded(double x, const EstimationOptions& options) {
  return accelergy::rounded(x, options.toolchain, options.precision);
}

YAML::Node float_node(double x, const EstimationOptions& options) {
  return accelergy::float_node(x, options.toolchain, options.precision);
}

YAML::Node sum_node(double x, bool nothing_summed, const EstimationOptions& options) {
  return accelergy::sum_node(x, nothing_summed, options.toolchain, options.precision);
}

YAML::Node ert_entry(const ComponentEstimate& c, const EstimationOptions& options) {
  YAML::Node entry;
  entry["name"] = c.name;
  entry["actions"] = YAML::Node(YAML::NodeType::Sequence);
  for (const ActionEnergy& a : c.actions) {
    YAML::Node action;
    action["name"] = a.name;
    action["arguments"] = a.null_arguments ? YAML::Node(YAML::NodeType::Null) : dict_node(a.arguments);
    action["energy"] = sum_node(a.energy, a.no_primitives, options);
    entry["actions"].push_back(action);
  }
  return entry;
}

YAML::Node ert_summary_entry(const ComponentEstimate& c, const EstimationOptions& options) {
  YAML::Node entry;
  entry["name"] = c.name;
  entry["actions"] = YAML::Node(YAML::NodeType::Sequence);
  std::vector<std::string> seen;
  for (const ActionEnergy& a : c.actions) {
    if (std::find(seen.begin(), seen.end(), a.name) != seen.end()) continue;
    seen.push_back(a.name);
    std::vector<double> energies;
    for (const ActionEnergy& b : c.actions) {
      if (b.name == a.name) energies.push_back(rounded(b.energy, options));
    }
    YAML::Node action;
    action["name"] = a.name;
    if (energies.size() == 1) {
      action["energy"] = sum_node(energies[0], a.no_primitives, options);
    } else {
      double sum = 0;
      for (double e : energies) sum += e;
      action["average_energy"] = float_node(sum / energies.size(), options);
      action["max_energy"] = float_node(*std::max_element(energies.begin(), energies.end()), options);
      action["min_energy"] = float_node(*std::min_element(energies.begin(), energies.end()), options);
    }
    entry["actions"].push_back(action);
  }
  entry["primitive_estimation(s)"] = sources_node(c.energy_sources);
  return entry;
}

YAML::Node art_entry(const ComponentEstimate& c, const EstimationOptions& options, bool summary) {
  YAML::Node entry;
  entry["name"] = c.name;
  entry["area"] = sum_node(c.area, c.area_sources.empty(), options);
  if (summary) {
    if (c.primitive) {
      entry["primitive_estimations"] = c.area_sources.empty() ? "" : c.area_sources.front().estimator;
    } else {
      entry["primitive_estimations"] = sources_node(c.area_sources);
    }
  }
  return entry;
}

YAML::Node flattened_entry(const FlatComponent& c) {
  YAML::Node entry;
  for (const auto& kv : c.definition) {
    std::string key = kv.first.Scalar();
    if (key == "name") {
      entry["name"] = c.name;
    } else if (key == "attributes") {
      entry["attributes"] = dict_node(c.attributes);
    } else {
      entry[key] = YAML::Clone(kv.second);  // a copy: linking input nodes merges whole documents
    }
  }
  if (!c.definition["attributes"]) entry["attributes"] = dict_node(c.attributes);
  return entry;
}

// The functions of `globals.expression_custom_functions` (paths as timeloopfe writes them:
// absolute, or relative to the working directory).
compat::cimloop::ExpressionFunctions expression_functions(const YAML::Node& globals,
                                                         const std::function<std::string(const YAML::Node&)>& locate) {
  const YAML::Node files = globals.IsDefined() && globals.IsMap() ? globals["expression_custom_functions"] : YAML::Node();
  if (!files || files.IsNull()) return {};
  std::string where = locate(files);
  where += (where.empty() ? "" : ": ") + std::string("globals.expression_custom_functions");
  if (!files.IsSequence()) throw InputError(where + ": must be a list of files");
  std::vector<std::string> paths;
  for (const YAML::Node& file : files) {
    if (!file.IsScalar()) throw InputError(where + ": must be a list of files");
    paths.push_back(file.Scalar());
  }
  return compat::cimloop::ExpressionFunctions::from_files(paths, where);
}

// Accelergy's -v tables: the summaries with the detailed estimations (same entry order as
// the plain ones) and the flattened architecture with compounds first, then primitives.
void add_verbose_tables(const std::vector<FlatComponent>& components, const std::vector<ComponentEstimate>& estimates,
                        const EstimationOptions& options, AccelergyResult& result) {
  const Rounding rounding{options.toolchain, options.precision};
  YAML::Node ert_summary = versioned("table_summary"), art_summary = versioned("table_summary");
  for (bool primitives : {true, false}) {
    for (const ComponentEstimate& c : estimates) {
      if (c.primitive != primitives) continue;
      if (!c.actions.empty()) {
        YAML::Node entry = ert_summary_entry(c, options);
        entry["primitive_estimation(s)"] = verbose_energy_estimations(c, rounding);
        ert_summary["table_summary"].push_back(entry);
      }
      YAML::Node entry = art_entry(c, options, true);
      entry["primitive_estimations"] = verbose_area_estimations(c, rounding);
      art_summary["table_summary"].push_back(entry);
    }
  }
  YAML::Node flattened = versioned("local");
  for (bool primitives : {false, true}) {
    for (size_t i = 0; i < components.size(); ++i) {
      if (estimates[i].primitive != primitives) continue;
      flattened["local"].push_back(flattened_verbose_entry(components[i], estimates[i]));
    }
  }
  result.ert_summary_verbose["ERT_summary"] = ert_summary;
  result.art_summary_verbose["ART_summary"] = art_summary;
  result.flattened_architecture_verbose["architecture"] = flattened;
}

}  // namespace

estimators::Toolchain parse_toolchain(const std::string& name, const std::string& where) {
  if (name == "reference") return estimators::Toolchain::reference_2024_05;
  if (name == "current") return estimators::Toolchain::current;
  throw InputError(where + ": expected 'reference' or 'current', got '" + name + "'");
}

EstimationOptions options_from_environment() {
  EstimationOptions options;
  if (const char* name = std::getenv("CIMLOOP_ACCELERGY_TOOLCHAIN"); name && *name) {
    options.toolchain = parse_toolchain(name, "CIMLOOP_ACCELERGY_TOOLCHAIN");
  }
  return options;
}

AccelergyResult estimate_tables(const YAML::Node& root, const EstimationOptions& options) {
  AccelergyResult result;
  const estimators::Registry& registry = options.registry ? *options.registry : estimators::Registry::builtin();
  ClassLibrary classes;
  classes.add(root["compound_components"]);
  bool legacy = architecture_version(root["architecture"]) < 0.4;
  std::function<std::string(const YAML::Node&)> locate = [&](const YAML::Node& node) {
    return options.sources ? options.sources->locate(node) : std::string();
  };
  const compat::cimloop::ExpressionFunctions functions = expression_functions(root["globals"], locate);
  AttributeDict variables = with_location(locate, root["variables"], [&] {
    return evaluate_variables(root["variables"], {"variables", legacy, &result.warnings, &functions});
  });
  FlattenContext flatten{classes, variables, legacy, &result.warnings, locate, &functions};
  std::vector<FlatComponent> components = flatten_architecture(root["architecture"], flatten);
  EstimationLog log;
  EstimationLog* recorded = options.record_queries || options.verbose_tables ? &log : nullptr;
  BuildContext context{classes, options.toolchain, legacy, &result.warnings, &functions, recorded};

  std::vector<ComponentEstimate> estimates;
  const compat::ScopedEnvironmentVariables environment(root);  // e.g. the macro's component tables
  for (const FlatComponent& c : components) {
    estimates.push_back(with_location(locate, c.definition, [&] { return estimate_component(c, context, registry); }));
  }

  YAML::Node ert = versioned("tables"), art = versioned("tables");
  YAML::Node ert_summary = versioned("table_summary"), art_summary = versioned("table_summary");
  for (bool primitives : {true, false}) {  // Accelergy lists primitive components first
    for (const ComponentEstimate& c : estimates) {
      if (c.primitive != primitives) continue;
      if (!c.actions.empty()) {
        ert["tables"].push_back(ert_entry(c, options));
        ert_summary["table_summary"].push_back(ert_summary_entry(c, options));
      }
      art["tables"].push_back(art_entry(c, options, false));
      art_summary["table_summary"].push_back(art_entry(c, options, true));
    }
  }
  YAML::Node flattened = versioned("local");
  for (const FlatComponent& c : components) flattened["local"].push_back(flattened_entry(c));

  result.ert["ERT"] = ert;
  result.art["ART"] = art;
  result.ert_summary["ERT_summary"] = ert_summary;
  result.art_summary["ART_summary"] = art_summary;
  result.flattened_architecture["architecture"] = flattened;
  if (options.verbose_tables) add_verbose_tables(components, estimates, options, result);
  if (options.record_queries) result.log = log.records();
  return result;
}

bool output_selected(const std::vector<std::string>& outputs, const std::string& name) {
  return std::find(outputs.begin(), outputs.end(), name) != outputs.end() ||
         std::find(outputs.begin(), outputs.end(), "all") != outputs.end();
}

std::vector<OutputFile> accelergy_output_files(const AccelergyResult& result, const std::string& directory,
                                               const std::string& prefix, const std::vector<std::string>& outputs,
                                               bool verbose) {
  struct Output {
    const char* option;     // -f name
    const char* file;       // base name
    const YAML::Node* tree;
    const char* description;
  };
  const Output plain[] = {
      {"flattened_arch", "flattened_architecture", &result.flattened_architecture, "flattened architecture"},
      {"ERT", "ERT", &result.ert, "energy reference table"},
      {"ERT_summary", "ERT_summary", &result.ert_summary, "energy reference table summary"},
      {"ART", "ART", &result.art, "area reference table"},
      {"ART_summary", "ART_summary", &result.art_summary, "area reference table summary"}};
  const Output detailed[] = {
      {"flattened_arch", "flattened_architecture_verbose", &result.flattened_architecture_verbose,
       "verbose flattened architecture"},
      {"ERT", "ERT", &result.ert, "energy reference table"},
      {"ERT_summary", "ERT_summary_verbose", &result.ert_summary_verbose, "verbose energy reference table summary"},
      {"ART", "ART", &result.art, "area reference table"},
      {"ART_summary", "ART_summary_verbose", &result.art_summary_verbose, "verbose area reference table summary"}};
  std::vector<OutputFile> files;
  for (const Output& o : verbose ? detailed : plain) {
    if (!output_selected(outputs, o.option)) continue;
    if (o.tree->IsNull()) throw InputError(std::string("internal: the ") + o.description + " was not built");
    const std::string path = (std::filesystem::path(directory) / (prefix + o.file + ".yaml")).string();
    files.push_back({path, to_accelergy_yaml(*o.tree), std::string(o.description)});
  }
  return files;
}

}  // namespace cimloop::accelergy
