#include "compat/v04/spec_values.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <regex>

#include "compat/v04/expression.hpp"
#include "compat/v04/yaml_arena.hpp"

namespace cimloop::compat::v04 {
namespace {

bool is_plain(const YAML::Node& node) { return node.Tag() != "!"; }

// The specification objects timeloopfe puts in scope: `spec.variables.get(NAME, DEFAULT)`
// (and `variables.get`, once the variables are parsed), the value of a variable evaluated so
// far, else DEFAULT (None when not given); `<node>.get_fanout()` and
// `<node>.spatial.get_fanout()`, the node's meshX * meshY.
void add_spec_access(ExpressionScope& scope, const Symbols& symbols, const SpecLoader& loader) {
  auto functions = std::move(scope.call);
  scope.call = [&symbols, &loader, functions](const std::string& name, const CallArguments& args) -> std::optional<Value> {
    if (name == "spec.variables.get" || name == "variables.get") {
      const auto bound = bind_arguments({name, {"key", "default"}, 1}, args);
      if (bound[0]->kind == Value::Kind::String)
        if (const auto found = symbols.find(bound[0]->text); found != symbols.end()) return found->second;
      return bound[1] ? *bound[1] : Value::none();
    }
    for (const std::string suffix : {".spatial.get_fanout", ".get_fanout"})
      if (name.size() > suffix.size() && name.ends_with(suffix)) {
        const std::string node = name.substr(0, name.size() - suffix.size());
        const auto found = loader.nodes().find(node);
        if (found == loader.nodes().end()) throw UnknownNameError(node);
        bind_arguments({name, {}, 0}, args);
        const Value* spatial = found->second.member("spatial");
        return Value::from_int(spatial->member("meshX")->as_int() * spatial->member("meshY")->as_int());
      }
    return functions ? functions(name, args) : std::nullopt;
  };
}

}  // namespace

Value yaml_to_value(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return Value::none();
  if (node.IsSequence()) {
    std::vector<Value> items;
    for (const YAML::Node& item : node) items.push_back(yaml_to_value(item));
    return Value::from_list(std::move(items));
  }
  if (node.IsMap()) {
    std::vector<std::pair<std::string, Value>> entries;
    for (const auto& entry : node)
      if (entry.first.IsScalar()) entries.emplace_back(entry.first.Scalar(), yaml_to_value(entry.second));
    return Value::from_dict(entries);
  }
  if (!node.IsScalar()) return Value();
  const std::string& text = node.Scalar();
  if (!is_plain(node)) return Value::from_string(text);
  static const std::regex integer(R"([-+]?[0-9]+)");
  static const std::regex real(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(text, integer)) {
    errno = 0;
    const long long value = std::strtoll(text.c_str(), nullptr, 10);
    return errno == ERANGE ? Value::from_float(std::strtod(text.c_str(), nullptr)) : Value::from_int(value);
  }
  if (std::regex_match(text, real)) return Value::from_float(std::strtod(text.c_str(), nullptr));
  if (text == "true" || text == "True" || text == "TRUE") return Value::from_bool(true);
  if (text == "false" || text == "False" || text == "FALSE") return Value::from_bool(false);
  if (text == "null" || text == "Null" || text == "NULL" || text == "~") return Value::none();
  return Value::from_string(text);
}

YAML::Node value_to_yaml(const Value& value) {
  switch (value.kind) {
    case Value::Kind::Undefined:
    case Value::Kind::None: return YAML::Node(YAML::NodeType::Null);
    case Value::Kind::Bool: return YAML::Node(value.boolean ? "true" : "false");
    case Value::Kind::Int: return YAML::Node(std::to_string(value.integer));
    case Value::Kind::Float: return YAML::Node(python_float_repr(value.real));
    case Value::Kind::String: {
      YAML::Node node(value.text);
      node.SetTag("!");  // stays a string when read back
      return node;
    }
    case Value::Kind::List: {
      YAML::Node list = fresh_node(YAML::NodeType::Sequence);
      for (const Value& item : value.items) list.push_back(value_to_yaml(item));
      return list;
    }
    case Value::Kind::Dict: {
      YAML::Node map = fresh_node(YAML::NodeType::Map);
      for (const Value& entry : value.items) map[entry.items[0].text] = value_to_yaml(entry.items[1]);
      return map;
    }
    case Value::Kind::Function: return YAML::Node(value.source);  // evaluated again when read
  }
  return YAML::Node();
}

YAML::Node evaluate_node(const YAML::Node& node, const Symbols& symbols, const SpecLoader& loader, const std::string& key,
                         Value* value) {
  if (node.IsMap()) {
    Symbols inner = symbols;
    YAML::Node out = evaluate_map(node, inner, loader, key);
    if (value) *value = yaml_to_value(out);
    return out;
  }
  if (node.IsSequence()) {
    YAML::Node out = fresh_node(YAML::NodeType::Sequence);
    for (const YAML::Node& item : node) out.push_back(evaluate_node(item, symbols, loader, key));
    if (value) *value = yaml_to_value(out);
    return out;
  }
  const Value literal = yaml_to_value(node);
  if (value) *value = literal;
  // Quoted strings are strings, never expressions (timeloopfe does not parse them).
  if (literal.kind != Value::Kind::String || (!is_plain(node) && !loader.is_block_scalar(node))) return node;
  ExpressionScope scope;
  scope.lookup = [&symbols, &loader](const std::string& name) -> std::optional<Value> {
    if (const auto found = symbols.find(name); found != symbols.end()) return found->second;
    if (const auto node = loader.nodes().find(name); node != loader.nodes().end()) return node->second;
    return std::nullopt;
  };
  loader.expression_functions().install(scope);
  add_spec_access(scope, symbols, loader);
  try {
    Value result = evaluate_expression(literal.text, Dialect::Python, scope);
    if (result.is_function()) result.source = literal.text;
    if (value) *value = result;
    return value_to_yaml(result);
  } catch (const UnknownNameError&) {
    return node;  // a name, not an expression: `LPDDR4`, `must_specify`
  } catch (const ExpressionSyntaxError&) {
    return node;  // not an expression: `65nm`, `SET ME`
  } catch (const ExpressionError& error) {
    loader.fail(node, key, std::string("cannot evaluate '") + literal.text + "': " + error.what());
  }
}

YAML::Node evaluate_map(const YAML::Node& map, Symbols& symbols, const SpecLoader& loader, const std::string& key,
                        bool top_level_only) {
  YAML::Node out = fresh_node(YAML::NodeType::Map);
  for (const auto& entry : map) {
    const std::string name = entry.first.Scalar();
    Value seen;
    YAML::Node value = top_level_only && (entry.second.IsMap() || entry.second.IsSequence())
                           ? entry.second
                           : evaluate_node(entry.second, symbols, loader, key.empty() ? name : key + "." + name, &seen);
    symbols[name] = top_level_only && (entry.second.IsMap() || entry.second.IsSequence()) ? yaml_to_value(value) : seen;
    out.force_insert(name, value);
  }
  return out;
}

YAML::Node version_text() { return value_to_yaml(Value::from_string("0.4")); }

long long positive_integer(const YAML::Node& node, const YAML::Node& written, const SpecLoader& loader,
                           const std::string& key) {
  const Value value = yaml_to_value(node);
  // A whole float below 2^63 converts exactly (beyond it the conversion is undefined).
  if (value.kind == Value::Kind::Float && value.real >= 1 && value.real < 0x1p63 && value.real == std::trunc(value.real))
    return static_cast<long long>(value.real);
  if (value.kind != Value::Kind::Int || value.integer < 1)
    loader.fail(written, key, "must be a positive integer, got " + value.str());
  return value.integer;
}

}  // namespace cimloop::compat::v04
