#pragma once
// Flattening of an Accelergy v0.2-v0.4 "subtree/local" architecture (spec §1.2a): full
// dotted names with evaluated list ranges, inherited attributes, propagated keys and class
// defaults, all evaluated (spec §1.4).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/accelergy/component_classes.hpp"
#include "src/common/error.hpp"

namespace cimloop::accelergy {

struct FlatComponent {
  std::string name;        // "system_top_level.ifmap_spad[1..168]"
  std::string class_name;  // subclass if given, else class
  AttributeDict attributes;  // evaluated, in Accelergy's output order
  std::vector<std::string> required_actions;
  std::optional<double> area_scale;  // top-level key
  double energy_scale = 1;           // top-level key
  YAML::Node definition;             // the `local` entry as written
};

struct FlattenContext {
  const ClassLibrary& classes;
  const Scope& variables;
  bool legacy = false;
  std::vector<std::string>* warnings = nullptr;
  std::function<std::string(const YAML::Node&)> locate;  // "file:line" of a node, or ""
  const compat::cimloop::ExpressionFunctions* functions = nullptr;
};

// Runs `work`, prefixing an InputError with the location of `node` when it is known.
template <typename Work>
auto with_location(const std::function<std::string(const YAML::Node&)>& locate, const YAML::Node& node, Work work)
    -> decltype(work()) {
  try {
    return work();
  } catch (const InputError& e) {
    std::string where = locate ? locate(node) : "";
    if (where.empty()) throw;
    throw InputError(where + ": " + e.what());
  }
}

// Input version of the architecture (0.4 when absent).
double architecture_version(const YAML::Node& architecture);

// Throws InputError naming the component and attribute on expression errors or missing
// required attributes.
std::vector<FlatComponent> flatten_architecture(const YAML::Node& architecture, const FlattenContext& context);

// Evaluates the top-level `variables` block in order.
AttributeDict evaluate_variables(const YAML::Node& variables, const EvaluationSite& site);

}  // namespace cimloop::accelergy
