#include "compat/v04/array_processor.hpp"

#include <cctype>
#include <string>
#include <vector>

namespace cimloop::compat::v04 {
namespace {

void collect_array_containers(const YAML::Node& nodes, std::vector<YAML::Node>& out) {
  if (!nodes.IsSequence()) return;
  for (const YAML::Node& node : nodes) {
    if (node.Tag() == "!ArrayContainer") out.push_back(node);
    else if (node.IsMap()) collect_array_containers(find_key(node, "nodes"), out);  // !Hierarchical, ...
  }
}

long long mesh(const YAML::Node& node, const char* axis, const Symbols& symbols, const SpecLoader& loader) {
  const YAML::Node value = find_key(find_key(node, "spatial"), axis);
  if (!value.IsDefined() || value.IsNull()) return 1;
  const std::string key = std::string("ArrayContainer.spatial.") + axis;
  return positive_integer(evaluate_node(value, symbols, loader, key), loader, key);
}

bool lists(const YAML::Node& tensors, const std::string& tensor) {
  if (!tensors.IsSequence()) return false;
  for (const YAML::Node& item : tensors)
    if (item.IsScalar() && (item.Scalar() == tensor || item.Scalar() == "*")) return true;
  return false;
}

double number_or(const Symbols& symbols, const std::string& name, double fallback) {
  const auto found = symbols.find(name);
  return found != symbols.end() && found->second.is_number() ? found->second.as_double() : fallback;
}

YAML::Node number(double value) { return value_to_yaml(Value::from_float(value)); }
YAML::Node integer(long long value) { return value_to_yaml(Value::from_int(value)); }

const char* const kArrayVariables[] = {"ARRAY_WORDLINES", "ARRAY_BITLINES", "ARRAY_PARALLEL_INPUTS",
                                       "ARRAY_PARALLEL_OUTPUTS", "ARRAY_PARALLEL_WEIGHTS"};

// The processor's variables computed from the architecture with the symbols of a first pass.
void add_array_variables(const std::vector<YAML::Node>& containers, const Symbols& symbols, const SpecLoader& loader,
                         YAML::Node& overrides) {
  long long rows = 1, columns = 1;
  long long parallel[3] = {1, 1, 1};
  const char* tensors[3] = {"Inputs", "Outputs", "Weights"};
  for (const YAML::Node& node : containers) {
    const long long x = mesh(node, "meshX", symbols, loader);
    const long long y = mesh(node, "meshY", symbols, loader);
    if (x != 1 && y != 1) loader.fail(node, "ArrayContainer.spatial", "an !ArrayContainer needs meshX == 1 or meshY == 1");
    rows *= y;
    columns *= x;
    const YAML::Node no_reuse = find_key(find_key(find_key(node, "constraints"), "spatial"), "no_reuse");
    for (int t = 0; t < 3; ++t)
      if (lists(no_reuse, tensors[t])) parallel[t] *= x * y;
  }
  overrides["ARRAY_WORDLINES"] = number(static_cast<double>(rows) * number_or(symbols, "CIM_UNIT_DEPTH_CELLS", 1));
  overrides["ARRAY_BITLINES"] = number(static_cast<double>(columns) * number_or(symbols, "CIM_UNIT_WIDTH_CELLS", 1));
  overrides["ARRAY_PARALLEL_INPUTS"] = integer(parallel[0]);
  overrides["ARRAY_PARALLEL_OUTPUTS"] = integer(parallel[1]);
  overrides["ARRAY_PARALLEL_WEIGHTS"] = integer(parallel[2]);
}

// `variables` (versioned: `version` first) with every key of `overrides` replaced, or, when
// absent, added after `version` so later expressions can use it.
YAML::Node with_overrides(const YAML::Node& variables, const YAML::Node& overrides) {
  YAML::Node out(YAML::NodeType::Map);
  for (const auto& entry : variables) {
    const YAML::Node replaced = find_key(overrides, entry.first.Scalar());
    out.force_insert(entry.first, replaced.IsDefined() ? replaced : entry.second);
    if (entry.first.Scalar() != "version") continue;
    for (const auto& added : overrides)
      if (!find_key(variables, added.first.Scalar()).IsDefined()) out.force_insert(added.first, added.second);
  }
  return out;
}

}  // namespace

YAML::Node evaluate_variables_with_arrays(const YAML::Node& variables, const Sections& sections,
                                          const SpecLoader& loader, Symbols& symbols) {
  YAML::Node overrides(YAML::NodeType::Map);
  const YAML::Node histograms = find_key(sections.problem, "histograms");
  if (histograms.IsMap())
    for (const char* tensor : {"Inputs", "Weights", "Outputs"})
      if (const YAML::Node hist = find_key(histograms, tensor); hist.IsSequence()) {
        std::string name = tensor;
        for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        overrides[name + "_HIST"] = hist;
      }
  std::vector<YAML::Node> containers;
  collect_array_containers(find_key(sections.architecture, "nodes"), containers);
  const Symbols initial = symbols;
  if (containers.empty()) return evaluate_map(with_overrides(variables, overrides), symbols, loader, "variables");
  // First pass, for the meshes only: 1 stands in for the array's variables, so that
  // expressions using them (e.g. a cycle time that scales with ARRAY_BITLINES) evaluate.
  YAML::Node first_pass = YAML::Clone(overrides);
  for (const char* name : kArrayVariables) first_pass[name] = integer(1);
  evaluate_map(with_overrides(variables, first_pass), symbols, loader, "variables");
  add_array_variables(containers, symbols, loader, overrides);
  symbols = initial;  // second pass: every expression sees the array's values
  return evaluate_map(with_overrides(variables, overrides), symbols, loader, "variables");
}

}  // namespace cimloop::compat::v04
