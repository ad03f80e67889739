#pragma once
// A component instantiated from its class: compound classes expand into a tree of
// subcomponent instances with evaluated attributes (spec §2.1a), and compound actions
// expand into primitive actions with accumulated scales (§2.1b).
#include <optional>
#include <string>
#include <vector>

#include "compat/accelergy/component_classes.hpp"
#include "compat/accelergy/estimation_log.hpp"
#include "estimators/estimator.hpp"

namespace cimloop::accelergy {

struct BuildContext {
  const ClassLibrary& classes;
  estimators::Toolchain toolchain = estimators::Toolchain::reference_2024_05;
  bool legacy = false;  // input version < 0.4
  std::vector<std::string>* warnings = nullptr;
  const compat::cimloop::ExpressionFunctions* functions = nullptr;
  EstimationLog* log = nullptr;  // records the queries and keeps the details of the estimates
};

struct Instance {
  std::string name;        // definition name, ranges evaluated: "storage[1..2048]"
  std::string path;        // relative to the top component: "storage.storage[1..2048]"
  std::string class_name;
  AttributeDict attributes;  // evaluated
  const CompoundClass* compound = nullptr;  // null for primitives
  // A compound class with `primitive_type`: estimated as one primitive of that class.
  const CompoundClass* declared = nullptr;
  std::vector<Instance> children;
  double count = 1;         // instances named by the ranges along the path
  double area_scale = 1;    // multiplier on the primitive's area (toolchain rules)
  double energy_scale = 1;  // subcomponent energy_scale chain (current Accelergy only)
};

// Instantiates a top-level component whose attributes are already evaluated.
// `area_scale_key` / `top_energy_scale`: the component's own top-level keys.
Instance instantiate(const std::string& component_name, const std::string& class_name,
                     AttributeDict attributes, std::optional<double> area_scale_key,
                     double top_energy_scale, const BuildContext& context);

struct PrimitiveAction {
  std::string written_name;  // the subcomponent path as written in the actions
  const Instance* leaf = nullptr;
  std::string action;
  AttributeDict arguments;
  double scale = 1;         // energy_scale chain x instance counts named in the actions
  double energy_scale = 1;  // the energy_scale chain alone
};

// Expands `action` of compound instance `top` with argument values `arguments`.
std::vector<PrimitiveAction> expand_action(const Instance& top, const ActionDef& action,
                                           const AttributeDict& arguments, const BuildContext& context);

// Every primitive leaf below `top` (the top itself when it is primitive), in definition order.
std::vector<const Instance*> primitive_leaves(const Instance& top);

// Argument combinations of a compound action: ranges "lo..hi" expand to every value,
// the first argument varying fastest. Bounds are evaluated in `scope`.
std::vector<AttributeDict> argument_combinations(const ActionDef& action, const Scope& scope,
                                                 const EvaluationSite& site);

// Evaluates the bounds of a ranged name: "storage[1..width]" -> "storage[1..32]", count 32.
struct EvaluatedName {
  std::string text;
  std::string base;
  double count = 1;
};
EvaluatedName evaluate_ranged_name(const std::string& name, const Scope& scope, const EvaluationSite& site);

}  // namespace cimloop::accelergy
