#include "compat/accelergy/verbose_tables.hpp"

#include "compat/accelergy/table_nodes.hpp"

namespace cimloop::accelergy {
namespace {

YAML::Node arguments_node(const ActionEnergy& a) {
  return a.null_arguments ? YAML::Node(YAML::NodeType::Null) : dict_node(a.arguments);
}

// Share of the action's (rounded) energy, as Accelergy prints it: "12.34%", or "0%" when the
// action costs nothing.
std::string percentage(double part, double rounded_total, const Rounding& rounding) {
  if (rounded_total == 0) return "0%";
  return python_float_repr(rounded(100 * part / rounded_total, rounding.toolchain, 2)) + "%";
}

YAML::Node subaction_node(const SubactionEnergy& s, double rounded_total, const Rounding& rounding) {
  YAML::Node node;
  node["subcomponent_name"] = s.subcomponent;
  node["subaction_name"] = s.action;
  node["arguments"] = dict_node(s.arguments);
  node["energy"] = python_float_repr(s.energy);
  node["scale_energy_by"] = scale_node(s.energy_scale);
  node["interpreted_energy"] = python_float_repr(s.interpreted);
  node["percentage"] = percentage(s.interpreted, rounded_total, rounding);
  node["estimator"] = s.estimator;
  return node;
}

// A primitive (or a class estimated as its primitive_type): one query per action.
bool estimated_whole(const ComponentEstimate& c) { return c.primitive || c.by_primitive_type; }

}  // namespace

YAML::Node verbose_energy_estimations(const ComponentEstimate& c, const Rounding& rounding) {
  YAML::Node list(YAML::NodeType::Sequence);
  if (estimated_whole(c)) {
    YAML::Node sources(YAML::NodeType::Map);
    for (const Provenance& p : c.energy_sources) sources[p.name]["estimator"] = p.estimator;
    list.push_back(sources);
    return list;
  }
  for (const ActionEnergy& a : c.actions) {
    const double total = rounded(a.energy, rounding.toolchain, rounding.precision);
    YAML::Node entry;
    entry["action_name"] = a.name;
    entry["arguments"] = arguments_node(a);
    entry["energy"] = sum_node(a.energy, a.no_primitives, rounding.toolchain, rounding.precision);
    entry["subaction_estimations"] = YAML::Node(YAML::NodeType::Sequence);
    for (const SubactionEnergy& s : a.subactions)
      entry["subaction_estimations"].push_back(subaction_node(s, total, rounding));
    list.push_back(entry);
  }
  return list;
}

YAML::Node verbose_area_estimations(const ComponentEstimate& c, const Rounding& rounding) {
  if (estimated_whole(c)) return YAML::Node(c.area_sources.empty() ? "" : c.area_sources.front().estimator);
  YAML::Node list(YAML::NodeType::Sequence);
  for (const PrimitivePart& p : c.parts) {
    YAML::Node node;
    node["name"] = p.name;
    node["estimator"] = p.estimator;
    node["area"] = float_node(p.area, rounding.toolchain, rounding.precision);
    node["area_scale"] = scale_node(p.area_scale);
    node["total_component_area"] = float_node(p.area * p.area_scale * p.count, rounding.toolchain, rounding.precision);
    list.push_back(node);
  }
  return list;
}

YAML::Node flattened_verbose_entry(const FlatComponent& f, const ComponentEstimate& c) {
  YAML::Node entry;
  entry["name"] = c.name;
  entry["class"] = f.class_name;
  if (!c.primitive) {
    entry["attributes"] = dict_node(f.attributes);
    entry["primitive_components"] = YAML::Node(YAML::NodeType::Sequence);
    for (const PrimitivePart& p : c.parts) {
      YAML::Node part;
      part["name"] = p.name;
      part["class"] = p.class_name;
      part["attributes"] = dict_node(p.attributes);
      part["area_scale"] = scale_node(p.area_scale);
      part["energy_scale"] = scale_node(p.energy_scale);
      entry["primitive_components"].push_back(part);
    }
  }
  // A primitive's actions are its name and arguments; a compound's add its primitive actions.
  entry["actions"] = YAML::Node(YAML::NodeType::Sequence);
  for (const ActionEnergy& a : c.actions) {
    YAML::Node action;
    action["name"] = a.name;
    action["arguments"] = arguments_node(a);
    if (!c.primitive) action["primitive_actions"] = YAML::Node(YAML::NodeType::Sequence);
    for (const SubactionEnergy& s : a.subactions) {
      YAML::Node primitive;
      primitive["name"] = s.subcomponent;
      primitive["action"] = s.action;
      primitive["arguments"] = dict_node(s.arguments);
      primitive["energy_scale"] = scale_node(s.energy_scale);
      action["primitive_actions"].push_back(primitive);
    }
    entry["actions"].push_back(action);
  }
  return entry;
}

}  // namespace cimloop::accelergy
