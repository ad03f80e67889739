#include "compat/accelergy/attributes.hpp"

#include "src/common/error.hpp"

namespace cimloop::accelergy {

const Value* AttributeDict::get(std::string_view name) const {
  for (const Attribute& a : entries_) {
    if (a.name == name) return &a.value;
  }
  return nullptr;
}

void AttributeDict::set(const std::string& name, Value value, bool pending) {
  for (Attribute& a : entries_) {
    if (a.name == name) {
      a.value = std::move(value);
      a.pending = pending;
      return;
    }
  }
  entries_.push_back({name, std::move(value), pending});
}

void AttributeDict::append_missing(const AttributeDict& other) {
  for (const Attribute& a : other.entries_) {
    if (!contains(a.name)) entries_.push_back(a);
  }
}

const Value* AttributeDict::find(std::string_view name) const {
  for (const Attribute& a : entries_) {
    if (a.name != name) continue;
    if (!a.pending) return &a.value;
    const Value* outer = outer_ ? outer_->find(name) : nullptr;
    if (outer) return outer;
    throw ExpressionError("'" + std::string(name) +
                          "' is not evaluated yet (it is defined later in the same attributes, or the "
                          "references form a cycle)");
  }
  return outer_ ? outer_->find(name) : nullptr;
}

namespace {

// A YAML sequence as a list: scalars converted as plain attribute values (not evaluated),
// maps kept as their flow text.
Value sequence_value(const YAML::Node& sequence) {
  std::vector<Value> items;
  for (const YAML::Node& item : sequence) {
    if (item.IsSequence()) items.push_back(sequence_value(item));
    else if (item.IsScalar() && item.Tag() != "!") items.push_back(convert_plain_scalar(item.Scalar()));
    else items.push_back(raw_attribute("", item).value);
  }
  return Value::from_list(std::move(items));
}

}  // namespace

Attribute raw_attribute(const std::string& name, const YAML::Node& node) {
  if (!node || node.IsNull()) return {name, Value::none(), false};
  if (node.IsSequence()) return {name, sequence_value(node), false};
  if (!node.IsScalar()) {
    YAML::Node flow = YAML::Clone(node);  // a parsed node keeps its block style otherwise
    flow.SetStyle(YAML::EmitterStyle::Flow);
    YAML::Emitter out;
    out << flow;
    return {name, Value::from_string(out.c_str(), true), false};
  }
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return {name, Value::from_string(text, true), false};
  Value value = convert_plain_scalar(text);
  // The class-default marker is a literal, quoted or not.
  return {name, value, value.is_string() && text != "must_specify"};
}

AttributeDict raw_attributes(const YAML::Node& map) {
  AttributeDict dict;
  if (!map || !map.IsMap()) return dict;
  for (const auto& kv : map) {
    Attribute a = raw_attribute(kv.first.Scalar(), kv.second);
    dict.set(a.name, a.value, a.pending);
  }
  return dict;
}

namespace {

std::string describe(const EvaluationSite& site, const std::string& what) {
  return "component '" + site.component + "', " + what;
}

}  // namespace

void check_specified(const AttributeDict& attributes, const std::string& class_name, const EvaluationSite& site) {
  for (const Attribute& a : attributes.entries()) {
    if (a.value.is_string() && a.value.text == "must_specify") {
      throw InputError(describe(site, "attribute '" + a.name + "'") + ": must be specified (required by class '" +
                       class_name + "')");
    }
  }
}

YAML::Node sequence_or_empty(const YAML::Node& node) {
  return node && node.IsSequence() ? node : YAML::Node(YAML::NodeType::Sequence);
}


Value evaluate_in(const std::string& text, const Scope& scope, const EvaluationSite& site,
                    const std::string& what) {
  try {
    return evaluate_expression(text, scope, site.functions);
  } catch (const ExpressionError& e) {
    throw InputError(describe(site, what) + ": cannot evaluate '" + text + "': " + e.what());
  }
}

void evaluate_attributes(AttributeDict& dict, const Scope* outer, const EvaluationSite& site) {
  dict.set_outer(outer);
  for (size_t i = 0; i < dict.entries().size(); ++i) {
    const Attribute& a = dict.entries()[i];
    if (!a.pending) continue;
    std::string name = a.name, text = a.value.text;
    try {
      Value value = evaluate_expression(text, dict, site.functions);
      if (value.is_function()) value.source = text;  // written back as its expression, as Accelergy does
      dict.set(name, std::move(value));
    } catch (const ExpressionError& e) {
      if (!site.legacy) {
        dict.set_outer(nullptr);
        throw InputError(describe(site, "attribute '" + name + "'") + ": cannot evaluate '" + text +
                         "': " + e.what());
      }
      dict.set(name, Value::from_string(text));
      if (site.warnings) {
        site.warnings->push_back(describe(site, "attribute '" + name + "'") + ": '" + text +
                                 "' kept as a string (" + e.what() + ")");
      }
    }
  }
  dict.set_outer(nullptr);
}

}  // namespace cimloop::accelergy
