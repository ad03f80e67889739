#include "compat/accelergy/tables.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "compat/accelergy/component_estimate.hpp"
#include "compat/accelergy/yaml_writer.hpp"
#include "src/common/error.hpp"

namespace cimloop::accelergy {
namespace {

const char* const kOutputVersion = "0.4";

// Reference toolchain: round(x, p) (decimal places); current Accelergy: p significant figures.
double rounded(double x, const EstimationOptions& options) {
  char buffer[64];
  bool decimals = options.toolchain == estimators::Toolchain::reference_2024_05;
  std::snprintf(buffer, sizeof buffer, decimals ? "%.*f" : "%.*g", options.precision, x);
  return std::strtod(buffer, nullptr);
}

YAML::Node float_node(double x, const EstimationOptions& options) {
  return YAML::Node(python_float_repr(rounded(x, options)));
}

// What Accelergy writes for a sum: the integer 0 when nothing was summed.
YAML::Node sum_node(double x, bool nothing_summed, const EstimationOptions& options) {
  return nothing_summed ? YAML::Node("0") : float_node(x, options);
}

YAML::Node value_node(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Undefined:
    case Value::Kind::None: return YAML::Node(YAML::NodeType::Null);
    case Value::Kind::Bool: return YAML::Node(v.boolean ? "true" : "false");
    case Value::Kind::Int:
    case Value::Kind::Float: return YAML::Node(v.str());
    case Value::Kind::String: break;
    case Value::Kind::Dict:
    case Value::Kind::List: {  // written as its flow text, as the input's sequences were
      YAML::Node node(v.str());
      node.SetTag("!");
      return node;
    }
    case Value::Kind::Function: return YAML::Node(v.source);  // as Accelergy writes a callable
  }
  YAML::Node node(v.text);
  if (v.quoted) node.SetTag("!");
  return node;
}

YAML::Node dict_node(const AttributeDict& dict) {
  YAML::Node node(YAML::NodeType::Map);
  for (const Attribute& a : dict.entries()) node[a.name] = value_node(a.value);
  return node;
}

YAML::Node versioned(const char* list_key) {
  YAML::Node body(YAML::NodeType::Map);
  body["version"] = kOutputVersion;
  body[list_key] = YAML::Node(YAML::NodeType::Sequence);
  return body;
}

YAML::Node sources_node(const std::vector<Provenance>& sources) {
  YAML::Node list(YAML::NodeType::Sequence);
  for (const Provenance& p : sources) {
    YAML::Node entry;
    entry["name"] = p.name;
    entry["estimator"] = p.estimator;
    list.push_back(entry);
  }
  return list;
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
  AttributeDict variables = evaluate_variables(root["variables"], {"variables", legacy, &result.warnings, &functions});
  FlattenContext flatten{classes, variables, legacy, &result.warnings, locate, &functions};
  std::vector<FlatComponent> components = flatten_architecture(root["architecture"], flatten);
  BuildContext context{classes, options.toolchain, legacy, &result.warnings, &functions};

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
  return result;
}

void write_accelergy_outputs(const AccelergyResult& result, const std::string& directory, const std::string& prefix,
                             const std::vector<std::string>& outputs) {
  std::string base = directory.empty() ? prefix : directory + "/" + prefix;
  auto wanted = [&](const std::string& name) {
    return std::find(outputs.begin(), outputs.end(), name) != outputs.end() ||
           std::find(outputs.begin(), outputs.end(), "all") != outputs.end();
  };
  const std::pair<const char*, const YAML::Node*> files[] = {
      {"ERT", &result.ert}, {"ART", &result.art}, {"ERT_summary", &result.ert_summary},
      {"ART_summary", &result.art_summary}, {"flattened_arch", &result.flattened_architecture}};
  for (const auto& [name, tree] : files) {
    if (!wanted(name)) continue;
    std::string file = std::string(name) == "flattened_arch" ? "flattened_architecture" : name;
    write_file_atomically(base + file + ".yaml", to_accelergy_yaml(*tree));
  }
}

}  // namespace cimloop::accelergy
