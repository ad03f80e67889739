#pragma once
// Compound component classes (spec §1.5): attributes with defaults, subcomponents, and
// actions made of sub-actions on subcomponents.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/accelergy/attributes.hpp"

namespace cimloop::accelergy {

struct SubActionDef {
  std::string name;
  std::optional<Attribute> energy_scale;  // energy_scale / repeat / action_share
  YAML::Node arguments;                   // name -> expression
};

struct ActionTarget {
  std::string name;  // subcomponent as written in the action, e.g. "storage[1..width]"
  std::vector<SubActionDef> actions;
};

struct ActionDef {
  std::string name;
  std::vector<std::pair<std::string, std::string>> arguments;  // name -> "lo..hi" or a value
  std::vector<ActionTarget> targets;
};

struct SubcomponentDef {
  std::string name;  // may carry a range, e.g. "comparator[1..depth]"
  std::string class_name;
  YAML::Node attributes;
  std::optional<Attribute> area_scale;    // area_scale / area_share
  std::optional<Attribute> energy_scale;  // subcomponent energy_scale (current Accelergy only)
};

struct CompoundClass {
  std::string name;
  AttributeDict defaults;  // raw, in class order
  std::string primitive_type;
  std::vector<SubcomponentDef> subcomponents;
  std::vector<ActionDef> actions;

  const SubcomponentDef* subcomponent(const std::string& base_name) const;
  const ActionDef* action(const std::string& name) const;
};

class ClassLibrary {
 public:
  // Adds the classes of a `compound_components` node ({version, classes: [...]}, or a
  // sequence of such nodes). Throws InputError naming the class and the missing key.
  void add(const YAML::Node& compound_components);
  const CompoundClass* find(const std::string& name) const;

 private:
  std::map<std::string, CompoundClass> classes_;
};

// "name[lo..hi]" -> {"name", "lo", "hi"}; "name[i]" -> {"name", "i", "i"}; no brackets ->
// {"name", "", ""}.
struct RangedName {
  std::string base;
  std::string low, high;
  bool has_range() const { return !low.empty(); }
};
RangedName split_ranged_name(const std::string& name);

}  // namespace cimloop::accelergy
