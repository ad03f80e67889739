#include "compat/accelergy/component_estimate.hpp"

#include <algorithm>
#include <cmath>

#include "compat/accelergy/legacy_primitives.hpp"
#include "src/common/error.hpp"

namespace cimloop::accelergy {
namespace {

estimators::Value to_estimator_value(const Value& v) {
  if (v.is_string()) return estimators::Value(v.text);
  if (v.kind == Value::Kind::List) {
    std::vector<double> numbers;
    for (const Value& item : v.items) {
      if (!item.is_number()) return estimators::Value(v.str());  // not a distribution: its text
      numbers.push_back(item.as_double());
    }
    return estimators::Value(std::move(numbers));
  }
  return estimators::Value(v.as_double());
}

estimators::Attributes to_estimator_attributes(const AttributeDict& dict) {
  estimators::Attributes out;
  for (const Attribute& a : dict.entries()) {
    if (!a.value.is_none()) out.emplace(a.name, to_estimator_value(a.value));
  }
  return out;
}

estimators::SelectionOptions selection_options(const AttributeDict& attributes) {
  estimators::SelectionOptions options;
  if (const Value* forced = attributes.get("plug_in"); forced && !forced->is_none()) options.forced_estimator = forced->str();
  for (const char* key : {"min_accuracy", "minimum_accuracy"}) {
    if (const Value* v = attributes.get(key); v && v->is_number()) options.min_accuracy = v->as_double();
  }
  return options;
}

double n_instances(const AttributeDict& attributes) {
  const Value* v = attributes.get("n_instances");
  return v && v->is_number() ? v->as_double() : 1;
}

struct Where {
  const FlatComponent& component;
  const Instance& leaf;
};

std::string describe(const Where& where) {
  std::string text = "component '" + where.component.name + "'";
  if (!where.leaf.path.empty()) text += ", subcomponent '" + where.leaf.path + "'";
  return text + " (class '" + where.leaf.class_name + "')";
}

estimators::Selection select(const estimators::Query& query, const Where& where, const BuildContext& context,
                             const estimators::Registry& registry) {
  try {
    estimators::Selection s = registry.select(query, selection_options(where.leaf.attributes));
    if (!s.estimate.warning.empty() && context.warnings) {
      std::string line = describe(where) + ": " + s.estimate.warning;
      if (std::find(context.warnings->begin(), context.warnings->end(), line) == context.warnings->end()) {
        context.warnings->push_back(line);
      }
    }
    return s;
  } catch (const estimators::Declined& d) {
    throw InputError(describe(where) + ": " + d.what());
  }
}

estimators::Query base_query(const Instance& leaf, const BuildContext& context) {
  estimators::Query q;
  q.class_name = leaf.class_name;
  q.attributes = to_estimator_attributes(leaf.attributes);
  q.toolchain = context.toolchain;
  q.input_version = context.legacy ? 0.3 : 0.4;
  return q;
}

// The action's arguments with the required keys the reference Accelergy copies from the
// leaf's attributes: global_cycle_seconds and action_latency_cycles; for a compound's
// subcomponent of a v0.4 input also cycle_seconds (the arguments' own global_cycle_seconds
// unless given), technology and n_instances. A None argument counts as absent.
AttributeDict with_required_arguments(AttributeDict arguments, const AttributeDict& attributes, bool subcomponent,
                                      const BuildContext& context) {
  auto given = [&](const char* key) {
    const Value* v = arguments.get(key);
    return v && !v->is_none();
  };
  auto copy = [&](const char* key) {
    const Value* v = attributes.get(key);
    if (v && !v->is_none() && !given(key)) arguments.set(key, *v);
  };
  copy("global_cycle_seconds");
  copy("action_latency_cycles");
  if (!subcomponent || context.legacy) return arguments;
  if (given("global_cycle_seconds") && !given("cycle_seconds"))
    arguments.set("cycle_seconds", *arguments.get("global_cycle_seconds"));
  copy("technology");
  copy("n_instances");
  return arguments;
}

// "name=value, ..." of the keys that have a value, as Accelergy shows a call.
std::string call_text(const AttributeDict& dict) {
  std::string text;
  for (const Attribute& a : dict.entries()) {
    if (a.value.is_none()) continue;
    if (!text.empty()) text += ", ";
    text += a.name + "=" + a.value.str();
  }
  return text;
}

void record(const Where& where, const std::string& action, const AttributeDict* arguments,
            const estimators::Selection& s, const BuildContext& context) {
  if (!context.log) return;
  std::string query = where.leaf.class_name + "(" + call_text(where.leaf.attributes) + ")";
  if (arguments) query += "." + action + "(" + call_text(*arguments) + ")";
  std::string component = where.component.name + (where.leaf.path.empty() ? "" : "." + where.leaf.path);
  context.log->add({std::move(component), query, arguments == nullptr, s.estimator, s.accuracy, s.estimate.value,
                    s.estimate.warning});
}

struct PrimitiveEnergy {
  double energy = 0;  // pJ, leak already multiplied by n_instances
  std::string estimator;
  AttributeDict arguments;  // as given to the estimator
};

// Energy of one primitive action of `leaf`.
PrimitiveEnergy primitive_energy(const Where& where, const std::string& action, const AttributeDict& arguments,
                                 bool subcomponent, const BuildContext& context, const estimators::Registry& registry) {
  PrimitiveEnergy out;
  out.arguments = with_required_arguments(arguments, where.leaf.attributes, subcomponent, context);
  estimators::Query q = base_query(where.leaf, context);
  q.action = action;
  q.arguments = to_estimator_attributes(out.arguments);
  estimators::Selection s = select(q, where, context, registry);
  record(where, action, &out.arguments, s, context);
  out.estimator = s.estimator;
  out.energy = s.estimate.value * (action == "leak" ? n_instances(where.leaf.attributes) : 1.0);
  return out;
}

void note_source(std::vector<Provenance>& sources, const std::string& name, const std::string& estimator) {
  for (const Provenance& p : sources) {
    if (p.name == name) return;
  }
  sources.push_back({name, estimator});
}

void estimate_primitive_actions(const FlatComponent& c, const Instance& top, const BuildContext& context,
                                const estimators::Registry& registry, ComponentEstimate& out) {
  AttributeDict arguments;
  for (const char* key : {"global_cycle_seconds", "action_latency_cycles"}) {
    if (const Value* v = top.attributes.get(key)) arguments.set(key, *v);
  }
  for (const std::string& action : c.required_actions) {
    PrimitiveEnergy e = primitive_energy({c, top}, action, {}, false, context, registry);
    out.actions.push_back({action, arguments, context.legacy, e.energy * top.energy_scale});
    note_source(out.energy_sources, c.name, e.estimator);
  }
  // v0.3 primitives without required actions take the actions of the primitive library.
  const LegacyPrimitiveClass* legacy = context.legacy ? legacy_primitive_class(top.class_name) : nullptr;
  if (!legacy || !c.required_actions.empty()) return;
  EvaluationSite site{c.name, context.legacy, context.warnings, context.functions};
  for (const ActionDef& action : legacy->actions) {
    for (const AttributeDict& combination : argument_combinations(action, top.attributes, site)) {
      PrimitiveEnergy e = primitive_energy({c, top}, action.name, combination, false, context, registry);
      out.actions.push_back({action.name, combination, combination.entries().empty(), e.energy});
      note_source(out.energy_sources, c.name, e.estimator);
    }
  }
}

void estimate_compound_actions(const FlatComponent& c, const Instance& top, const BuildContext& context,
                               const estimators::Registry& registry, ComponentEstimate& out) {
  for (const std::string& required : c.required_actions) {
    if (!top.compound->action(required)) {
      throw InputError("component '" + c.name + "': required action '" + required + "' is not defined by class '" +
                       top.class_name + "'");
    }
  }
  EvaluationSite site{c.name, context.legacy, context.warnings, context.functions};
  for (const ActionDef& action : top.compound->actions) {
    for (const AttributeDict& arguments : argument_combinations(action, top.attributes, site)) {
      const std::vector<PrimitiveAction> primitive_actions = expand_action(top, action, arguments, context);
      ActionEnergy total{action.name, arguments, false, 0, primitive_actions.empty()};
      for (const PrimitiveAction& pa : primitive_actions) {
        PrimitiveEnergy e = primitive_energy({c, *pa.leaf}, pa.action, pa.arguments, true, context, registry);
        total.energy += e.energy * pa.scale * pa.leaf->energy_scale;
        note_source(out.energy_sources, pa.written_name, e.estimator);
        if (context.log) {
          total.subactions.push_back({pa.written_name, pa.action, std::move(e.arguments), e.energy, pa.energy_scale,
                                      e.energy * pa.scale, e.estimator});
        }
      }
      out.actions.push_back(std::move(total));
    }
  }
}

void estimate_area(const FlatComponent& c, const Instance& top, const BuildContext& context,
                   const estimators::Registry& registry, ComponentEstimate& out) {
  for (const Instance* leaf : primitive_leaves(top)) {
    estimators::Selection s = select(base_query(*leaf, context), {c, *leaf}, context, registry);
    record({c, *leaf}, "", nullptr, s, context);
    const double area = s.estimate.value * n_instances(leaf->attributes);
    out.area += area * leaf->area_scale * leaf->count;
    note_source(out.area_sources, leaf->path.empty() ? c.name : leaf->path, s.estimator);
    if (context.log && leaf != &top) {
      out.parts.push_back({leaf->path, leaf->class_name, leaf->attributes, leaf->area_scale, leaf->energy_scale,
                           leaf->count, area, s.estimator});
    }
  }
}

// An estimate that is negative, NaN or infinite (an estimator or expression fed attributes
// with no physical sense, e.g. 0 * inf) would be written into the tables as if it were a cost.
void check_costs(const ComponentEstimate& out) {
  auto check = [&](double value, const std::string& what) {
    if (value >= 0 && std::isfinite(value)) return;
    throw InputError("component '" + out.name + "': " + what + " is " + compat::v04::python_float_repr(value) +
                     ", not a finite non-negative number; check the attributes it is estimated from");
  };
  for (const ActionEnergy& action : out.actions) check(action.energy, "the energy of action '" + action.name + "'");
  check(out.area, "the area");
}

}  // namespace

ComponentEstimate estimate_component(const FlatComponent& component, const BuildContext& context,
                                     const estimators::Registry& registry) {
  Instance top = instantiate(component.name, component.class_name, component.attributes, component.area_scale,
                             component.energy_scale, context);
  ComponentEstimate out;
  out.name = component.name;
  out.primitive = top.compound == nullptr && top.declared == nullptr;
  out.by_primitive_type = top.declared != nullptr;
  if (top.declared) {
    for (const ActionDef& action : top.declared->actions) {
      PrimitiveEnergy e = primitive_energy({component, top}, action.name, {}, false, context, registry);
      out.actions.push_back({action.name, {}, false, e.energy});
      note_source(out.energy_sources, component.name, e.estimator);
    }
  } else if (out.primitive) {
    estimate_primitive_actions(component, top, context, registry, out);
  } else {
    estimate_compound_actions(component, top, context, registry, out);
  }
  estimate_area(component, top, context, registry, out);
  check_costs(out);
  return out;
}

}  // namespace cimloop::accelergy
