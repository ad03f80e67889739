#include "compat/accelergy/component_classes.hpp"

#include <algorithm>

#include "src/common/error.hpp"

namespace cimloop::accelergy {
namespace {

// Every class, subcomponent and action entry starts with its name: checking for a map here keeps
// the look-ups that follow from throwing yaml-cpp's BadSubscript on a scalar entry.
std::string required_text(const YAML::Node& node, const std::string& key, const std::string& where) {
  if (!node.IsMap()) throw InputError(where + ": expected a map with key '" + key + "'");
  const YAML::Node value = node[key];
  if (!value || !value.IsScalar()) throw InputError(where + ": missing key '" + key + "'");
  return value.Scalar();
}

// First key present among `keys` (later keys win over earlier ones when both are given).
std::optional<Attribute> scale_attribute(const YAML::Node& node, std::initializer_list<const char*> keys) {
  std::optional<Attribute> found;
  for (const char* key : keys) {
    if (node[key]) found = raw_attribute(key, node[key]);
  }
  return found;
}

SubcomponentDef parse_subcomponent(const YAML::Node& node, const std::string& where) {
  SubcomponentDef def;
  def.name = required_text(node, "name", where + ", subcomponent");
  def.class_name = required_text(node, "class", where + ", subcomponent '" + def.name + "'");
  if (node["attributes"]) def.attributes = node["attributes"];
  def.area_scale = scale_attribute(node, {"area_share", "area_scale"});
  def.energy_scale = scale_attribute(node, {"energy_scale"});
  return def;
}

// Accelergy keeps actions, and the subcomponents of an action, in dictionaries keyed by name:
// a later entry of a name replaces the earlier one in its place (CiMLoop's DACs define `read`
// twice; RAELLA's input buffer lists `buf` twice in one action, and only its write counts).
template <typename T>
void put_by_name(std::vector<T>& list, T item) {
  auto same = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.name == item.name; });
  if (same == list.end()) {
    list.push_back(std::move(item));
  } else {
    *same = std::move(item);
  }
}

ActionDef parse_action(const YAML::Node& node, const std::string& where) {
  ActionDef action;
  action.name = required_text(node, "name", where + ", action");
  std::string action_where = where + ", action '" + action.name + "'";
  if (const YAML::Node args = node["arguments"]; args && args.IsMap()) {
    for (const auto& kv : args) action.arguments.emplace_back(kv.first.Scalar(), kv.second.Scalar());
  }
  for (const YAML::Node& target : sequence_or_empty(node["subcomponents"])) {
    ActionTarget t;
    t.name = required_text(target, "name", action_where + ", subcomponent");
    for (const YAML::Node& sub : sequence_or_empty(target["actions"])) {
      SubActionDef s;
      s.name = required_text(sub, "name", action_where + ", subcomponent '" + t.name + "' action");
      s.energy_scale = scale_attribute(sub, {"action_share", "energy_scale", "repeat"});
      if (sub["arguments"]) s.arguments = sub["arguments"];
      t.actions.push_back(std::move(s));
    }
    put_by_name(action.targets, std::move(t));
  }
  return action;
}

CompoundClass parse_class(const YAML::Node& node) {
  CompoundClass c;
  c.name = required_text(node, "name", "compound_components class");
  std::string where = "compound class '" + c.name + "'";
  for (const char* key : {"attributes", "subcomponents", "actions"}) {
    if (!node[key] && !node["primitive_type"]) throw InputError(where + ": missing key '" + key + "'");
  }
  c.defaults = raw_attributes(node["attributes"]);
  if (node["primitive_type"]) c.primitive_type = node["primitive_type"].Scalar();
  for (const YAML::Node& sub : sequence_or_empty(node["subcomponents"])) c.subcomponents.push_back(parse_subcomponent(sub, where));
  for (const YAML::Node& action : sequence_or_empty(node["actions"])) put_by_name(c.actions, parse_action(action, where));
  return c;
}

}  // namespace

const SubcomponentDef* CompoundClass::subcomponent(const std::string& base_name) const {
  for (const SubcomponentDef& s : subcomponents) {
    if (split_ranged_name(s.name).base == base_name) return &s;
  }
  return nullptr;
}

const ActionDef* CompoundClass::action(const std::string& action_name) const {
  for (const ActionDef& a : actions) {
    if (a.name == action_name) return &a;
  }
  return nullptr;
}

void ClassLibrary::add(const YAML::Node& compound_components) {
  if (!compound_components) return;
  if (compound_components.IsSequence()) {
    for (const YAML::Node& part : compound_components) add(part);
    return;
  }
  for (const YAML::Node& node : sequence_or_empty(compound_components["classes"])) {
    CompoundClass c = parse_class(node);
    std::string name = c.name;
    classes_[name] = std::move(c);
  }
}

const CompoundClass* ClassLibrary::find(const std::string& name) const {
  auto it = classes_.find(name);
  return it == classes_.end() ? nullptr : &it->second;
}

RangedName split_ranged_name(const std::string& name) {
  size_t open = name.find('[');
  if (open == std::string::npos || name.back() != ']') return {name, "", ""};
  std::string inside = name.substr(open + 1, name.size() - open - 2);
  size_t dots = inside.find("..");
  if (dots == std::string::npos) return {name.substr(0, open), inside, inside};
  return {name.substr(0, open), inside.substr(0, dots), inside.substr(dots + 2)};
}

}  // namespace cimloop::accelergy
