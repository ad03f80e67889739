#include "compat/accelergy/instance.hpp"

#include <algorithm>
#include <cmath>

#include "compat/accelergy/legacy_primitives.hpp"
#include "src/common/error.hpp"

namespace cimloop::accelergy {
namespace {

using estimators::Toolchain;

const double kMaxCombinations = 1e6;

// Keys a subcomponent copies from its parent when it lacks them (v0.4).
const char* const kPropagatedKeys[] = {"technology", "global_cycle_seconds", "cycle_seconds",
                                       "action_latency_cycles", "n_instances"};

EvaluationSite site_for(const Instance& top, const std::string& path, const BuildContext& context) {
  std::string where = top.name.empty() ? path : top.name;
  if (!path.empty() && !top.name.empty()) where += "' subcomponent '" + path;
  return {where, context.legacy, context.warnings, context.functions};
}

double scale_value(const std::optional<Attribute>& scale, const Scope& scope, const EvaluationSite& site) {
  if (!scale) return 1;
  Value v = scale->pending ? evaluate_in(scale->value.text, scope, site, scale->name) : scale->value;
  if (!v.is_number()) throw InputError("component '" + site.component + "', " + scale->name + ": '" + v.str() + "' is not a number");
  return v.as_double();
}

// Evaluated attributes of subcomponent `def` of `parent`: its own attributes over the parent's
// bindings, the propagated keys, then its class defaults, evaluated again.
AttributeDict child_attributes(const Instance& parent, const SubcomponentDef& def, const CompoundClass* compound,
                               const EvaluationSite& site, const BuildContext& context) {
  AttributeDict attributes = raw_attributes(def.attributes);
  evaluate_attributes(attributes, &parent.attributes, site);
  for (const char* key : kPropagatedKeys) {
    if (context.legacy && std::string(key) != "global_cycle_seconds") continue;
    if (!attributes.contains(key) && parent.attributes.contains(key)) attributes.set(key, *parent.attributes.get(key));
  }
  if (compound) {
    attributes.append_missing(compound->defaults);
    check_specified(attributes, def.class_name, site);
    evaluate_attributes(attributes, nullptr, site);
  } else if (const LegacyPrimitiveClass* legacy = context.legacy ? legacy_primitive_class(def.class_name) : nullptr) {
    attributes.append_missing(legacy->defaults);
    evaluate_attributes(attributes, nullptr, site);
  }
  return attributes;
}

// The reference toolchain read a top-level compound's `area_scale` attribute as its own
// scale when no top-level key was given (and applied it on top of the subcomponent keys).
double top_area_scale(const std::optional<double>& key, const Instance& node, Toolchain toolchain) {
  if (key) return *key;
  if (toolchain == Toolchain::reference_2024_05 && node.compound) {
    const Value* attribute = node.attributes.get("area_scale");
    if (attribute && attribute->is_number()) return attribute->as_double();
  }
  return 1;
}

// A compound class that names a `primitive_type` is sent to the estimators as that class.
void apply_primitive_type(Instance& node) {
  if (!node.compound || node.compound->primitive_type.empty()) return;
  node.declared = node.compound;
  node.class_name = node.compound->primitive_type;
  node.compound = nullptr;
}

// `ancestors`: the compound classes from the top down to `node`, to reject a class that
// contains itself.
void build_children(Instance& node, const Instance& top, const BuildContext& context,
                    std::vector<const CompoundClass*>& ancestors) {
  if (std::find(ancestors.begin(), ancestors.end(), node.compound) != ancestors.end()) {
    throw InputError("component '" + top.name + "': class '" + node.compound->name + "' contains itself (through '" +
                     node.path + "')");
  }
  ancestors.push_back(node.compound);
  for (const SubcomponentDef& def : node.compound->subcomponents) {
    Instance child;
    EvaluationSite parent_site = site_for(top, node.path, context);
    EvaluatedName name = evaluate_ranged_name(def.name, node.attributes, parent_site);
    child.name = name.text;
    child.path = node.path.empty() ? name.text : node.path + "." + name.text;
    child.class_name = def.class_name;
    child.compound = context.classes.find(def.class_name);
    EvaluationSite site = site_for(top, child.path, context);
    child.attributes = child_attributes(node, def, child.compound, site, context);
    apply_primitive_type(child);
    child.count = node.count * name.count;
    std::optional<double> area_key;
    if (def.area_scale) area_key = scale_value(def.area_scale, node.attributes, parent_site);
    child.area_scale = node.area_scale * area_key.value_or(1);
    if (context.toolchain == Toolchain::current) {
      child.energy_scale = node.energy_scale * scale_value(def.energy_scale, node.attributes, parent_site);
    }
    if (child.compound) build_children(child, top, context, ancestors);
    node.children.push_back(std::move(child));
  }
  ancestors.pop_back();
}

// `scale`: the energy_scale chain times the instances named so far; `energy_scale`: the chain.
void expand(const Instance& top, const Instance& node, const ActionDef& action, const AttributeDict& arguments,
            double scale, double energy_scale, const std::string& prefix, const BuildContext& context,
            std::vector<PrimitiveAction>& out) {
  EvaluationSite site = site_for(top, node.path, context);
  site.component += "', action '" + action.name;
  AttributeDict scope = arguments;
  scope.set_outer(&node.attributes);
  for (const ActionTarget& target : action.targets) {
    EvaluatedName name = evaluate_ranged_name(target.name, scope, site);
    const Instance* child = nullptr;
    for (const Instance& c : node.children) {
      if (split_ranged_name(c.name).base == name.base) child = &c;
    }
    if (!child) throw InputError("component '" + site.component + "': unknown subcomponent '" + target.name + "'");
    std::string written = prefix + name.text;
    for (const SubActionDef& sub : target.actions) {
      const double sub_scale = scale_value(sub.energy_scale, scope, site);
      const double total = scale * sub_scale * name.count, chain = energy_scale * sub_scale;
      AttributeDict sub_arguments = raw_attributes(sub.arguments);
      evaluate_attributes(sub_arguments, &scope, site);
      if (!child->compound) {
        out.push_back({written, child, sub.name, std::move(sub_arguments), total, chain});
      } else if (const ActionDef* nested = child->compound->action(sub.name)) {
        expand(top, *child, *nested, sub_arguments, total, chain, written + ".", context, out);
      }  // a compound without that action contributes nothing, as in Accelergy
    }
  }
}

void collect_leaves(const Instance& node, std::vector<const Instance*>& out) {
  if (!node.compound) {
    out.push_back(&node);
    return;
  }
  for (const Instance& child : node.children) collect_leaves(child, out);
}

long long integral_bound(const Value& v, const std::string& text, const EvaluationSite& site) {
  if (!v.is_number() || v.as_double() != std::floor(v.as_double())) {
    throw InputError("component '" + site.component + "': range bound '" + text + "' is not an integer");
  }
  return static_cast<long long>(v.as_double());
}

}  // namespace

EvaluatedName evaluate_ranged_name(const std::string& name, const Scope& scope, const EvaluationSite& site) {
  RangedName parts = split_ranged_name(name);
  if (!parts.has_range()) return {name, name, 1};
  long long low = integral_bound(evaluate_in(parts.low, scope, site, "range of '" + name + "'"), parts.low, site);
  long long high = integral_bound(evaluate_in(parts.high, scope, site, "range of '" + name + "'"), parts.high, site);
  std::string text = parts.base + "[" + std::to_string(low);
  if (parts.low != parts.high || name.find("..") != std::string::npos) text += ".." + std::to_string(high);
  return {text + "]", parts.base, static_cast<double>(high - low + 1)};
}

Instance instantiate(const std::string& component_name, const std::string& class_name, AttributeDict attributes,
                     std::optional<double> area_scale_key, double top_energy_scale, const BuildContext& context) {
  Instance top;
  top.name = component_name;
  top.class_name = class_name;
  top.attributes = std::move(attributes);
  top.compound = context.classes.find(class_name);
  top.area_scale = top_area_scale(area_scale_key, top, context.toolchain);
  apply_primitive_type(top);
  if (context.toolchain == Toolchain::current) top.energy_scale = top_energy_scale;
  std::vector<const CompoundClass*> ancestors;
  if (top.compound) build_children(top, top, context, ancestors);
  return top;
}

std::vector<PrimitiveAction> expand_action(const Instance& top, const ActionDef& action, const AttributeDict& arguments,
                                           const BuildContext& context) {
  std::vector<PrimitiveAction> out;
  expand(top, top, action, arguments, 1, 1, "", context, out);
  return out;
}

std::vector<const Instance*> primitive_leaves(const Instance& top) {
  std::vector<const Instance*> out;
  collect_leaves(top, out);
  return out;
}

std::vector<AttributeDict> argument_combinations(const ActionDef& action, const Scope& scope, const EvaluationSite& site) {
  std::vector<AttributeDict> combinations(1);
  for (const auto& [name, text] : action.arguments) {
    std::vector<Value> values;
    size_t dots = text.find("..");
    if (dots == std::string::npos) {
      values.push_back(evaluate_in(text, scope, site, "argument '" + name + "'"));
    } else {
      long long low = integral_bound(evaluate_in(text.substr(0, dots), scope, site, "argument '" + name + "'"), text, site);
      long long high = integral_bound(evaluate_in(text.substr(dots + 2), scope, site, "argument '" + name + "'"), text, site);
      for (long long v = low; v <= high; ++v) values.push_back(Value::from_int(v));
    }
    // Accelergy lists every combination; refuse tables that could not be written anyway.
    if (static_cast<double>(values.size()) * static_cast<double>(combinations.size()) > kMaxCombinations) {
      throw InputError("component '" + site.component + "', action '" + action.name + "': more than " +
                       std::to_string(static_cast<long long>(kMaxCombinations)) + " argument combinations");
    }
    // The first argument varies fastest: existing combinations stay innermost.
    std::vector<AttributeDict> next;
    for (const Value& v : values) {
      for (AttributeDict c : combinations) {
        c.set(name, v);
        next.push_back(std::move(c));
      }
    }
    combinations = std::move(next);
  }
  return combinations;
}

}  // namespace cimloop::accelergy
