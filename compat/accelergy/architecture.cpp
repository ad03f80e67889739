#include "compat/accelergy/architecture.hpp"

#include <cmath>

#include "compat/accelergy/instance.hpp"
#include "compat/accelergy/legacy_primitives.hpp"
#include "src/common/error.hpp"

namespace cimloop::accelergy {
namespace {

std::string scalar(const YAML::Node& node, const std::string& key, const std::string& where) {
  const YAML::Node value = node[key];
  if (!value || !value.IsScalar()) throw InputError(where + ": missing key '" + key + "'");
  return value.Scalar();
}

std::string joined(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

std::optional<double> numeric_key(const YAML::Node& node, const char* key, const EvaluationSite& site,
                                  const Scope& scope) {
  if (!node[key]) return std::nullopt;
  Attribute raw = raw_attribute(key, node[key]);
  Value v = raw.pending ? evaluate_in(raw.value.text, scope, site, key) : raw.value;
  if (!v.is_number()) throw InputError("component '" + site.component + "', " + key + ": not a number");
  return v.as_double();
}

// The attribute `key`, or its upper-case spelling (CiMLoop's GLOBAL_CYCLE_SECONDS), which
// Accelergy accepts for the keys it requires.
const Value* key_or_upper_case(const AttributeDict& attributes, const std::string& key) {
  if (const Value* value = attributes.get(key)) return value;
  std::string upper = key;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return attributes.get(upper);
}

// Accelergy's v0.4 defaults for the keys every component carries, in its order.
void add_propagated_defaults(AttributeDict& attributes, const EvaluationSite& site) {
  if (site.legacy) return;
  auto propagate = [&](const std::string& key, const Value* fallback) {
    if (attributes.contains(key)) return;
    const Value* value = key_or_upper_case(attributes, key);
    if (!value) value = fallback;
    if (value) attributes.set(key, Value(*value));
  };
  const Value* cycle = key_or_upper_case(attributes, "global_cycle_seconds");
  if (!cycle) {
    throw InputError("component '" + site.component + "', attribute 'global_cycle_seconds': required but not given");
  }
  // A clock period is a positive time; an expression Accelergy cannot evaluate stays text.
  if (cycle->is_number() && !(cycle->as_double() > 0 && std::isfinite(cycle->as_double()))) {
    throw InputError("component '" + site.component + "', attribute 'global_cycle_seconds': must be a positive "
                     "number of seconds, got " + cycle->str());
  }
  const Value one = Value::from_int(1);
  propagate("global_cycle_seconds", nullptr);
  propagate("action_latency_cycles", &one);
  propagate("cycle_seconds", attributes.get("global_cycle_seconds"));
  propagate("technology", nullptr);
  propagate("n_instances", &one);
}

FlatComponent flatten_local(const YAML::Node& local, const std::string& prefix, const AttributeDict& inherited,
                            const FlattenContext& context) {
  FlatComponent c;
  std::string raw_name = scalar(local, "name", "architecture local component under '" + prefix + "'");
  EvaluationSite site{joined(prefix, raw_name), context.legacy, context.warnings, context.functions};
  c.name = joined(prefix, evaluate_ranged_name(raw_name, context.variables, site).text);
  site.component = c.name;
  c.class_name = local["subclass"] ? local["subclass"].Scalar() : scalar(local, "class", "component '" + c.name + "'");
  c.definition = local;
  c.attributes = raw_attributes(local["attributes"]);
  c.attributes.append_missing(inherited);
  evaluate_attributes(c.attributes, &context.variables, site);
  add_propagated_defaults(c.attributes, site);
  const LegacyPrimitiveClass* legacy = context.legacy ? legacy_primitive_class(c.class_name) : nullptr;
  if (legacy && !context.classes.find(c.class_name)) {
    c.attributes.append_missing(legacy->defaults);
    evaluate_attributes(c.attributes, &context.variables, site);
  }
  if (const CompoundClass* compound = context.classes.find(c.class_name)) {
    c.attributes.append_missing(compound->defaults);
    check_specified(c.attributes, c.class_name, site);
    evaluate_attributes(c.attributes, &context.variables, site);
  }
  for (const YAML::Node& action : sequence_or_empty(local["required_actions"])) c.required_actions.push_back(action.Scalar());
  c.area_scale = numeric_key(local, "area_scale", site, c.attributes);
  c.energy_scale = numeric_key(local, "energy_scale", site, c.attributes).value_or(1);
  return c;
}

void flatten_node(const YAML::Node& node, const std::string& prefix, const AttributeDict& inherited,
                  const FlattenContext& context, std::vector<FlatComponent>& out) {
  std::string raw_name = scalar(node, "name", "architecture subtree under '" + prefix + "'");
  EvaluationSite site{joined(prefix, raw_name), context.legacy, context.warnings, context.functions};
  std::string path = joined(prefix, evaluate_ranged_name(raw_name, context.variables, site).text);
  site.component = path;
  AttributeDict shared = raw_attributes(node["attributes"]);
  shared.append_missing(inherited);
  with_location(context.locate, node, [&] { evaluate_attributes(shared, &context.variables, site); });
  // Accelergy lists the components of sub-trees before the node's own (2020 references).
  for (const YAML::Node& child : sequence_or_empty(node["subtree"])) flatten_node(child, path, shared, context, out);
  for (const YAML::Node& local : sequence_or_empty(node["local"])) {
    out.push_back(with_location(context.locate, local, [&] { return flatten_local(local, path, shared, context); }));
  }
}

}  // namespace

double architecture_version(const YAML::Node& architecture) {
  if (!architecture || !architecture["version"]) return 0.4;
  Value v = convert_plain_scalar(architecture["version"].Scalar());
  return v.is_number() ? v.as_double() : 0.4;
}

std::vector<FlatComponent> flatten_architecture(const YAML::Node& architecture, const FlattenContext& context) {
  if (!architecture || !architecture.IsMap()) throw InputError("architecture: missing or not a map");
  if (architecture["nodes"]) {
    throw InputError("architecture: the v0.4 'nodes' form must be processed by the front end first "
                     "(use the parsed-processed-input.yaml layout with 'subtree'/'local')");
  }
  std::vector<FlatComponent> out;
  AttributeDict none;
  for (const YAML::Node& node : sequence_or_empty(architecture["subtree"])) flatten_node(node, "", none, context, out);
  for (const YAML::Node& local : sequence_or_empty(architecture["local"])) {
    out.push_back(with_location(context.locate, local, [&] { return flatten_local(local, "", none, context); }));
  }
  return out;
}

AttributeDict evaluate_variables(const YAML::Node& variables, const EvaluationSite& site) {
  AttributeDict dict = raw_attributes(variables);
  evaluate_attributes(dict, nullptr, site);
  return dict;
}

}  // namespace cimloop::accelergy
