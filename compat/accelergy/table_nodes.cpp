#include "compat/accelergy/table_nodes.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace cimloop::accelergy {
namespace {

const char* const kOutputVersion = "0.4";

}  // namespace

double rounded(double x, estimators::Toolchain toolchain, int digits) {
  char buffer[64];
  bool decimals = toolchain == estimators::Toolchain::reference_2024_05;
  std::snprintf(buffer, sizeof buffer, decimals ? "%.*f" : "%.*g", digits, x);
  return std::strtod(buffer, nullptr);
}

YAML::Node float_node(double x, estimators::Toolchain toolchain, int digits) {
  return YAML::Node(python_float_repr(rounded(x, toolchain, digits)));
}

YAML::Node sum_node(double x, bool nothing_summed, estimators::Toolchain toolchain, int digits) {
  return nothing_summed ? YAML::Node("0") : float_node(x, toolchain, digits);
}

YAML::Node scale_node(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return YAML::Node(std::to_string(static_cast<long long>(x)));
  return YAML::Node(python_float_repr(x));
}

YAML::Node value_node(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Undefined:
    case Value::Kind::None: return YAML::Node(YAML::NodeType::Null);
    case Value::Kind::Bool: return YAML::Node(v.boolean ? "true" : "false");
    case Value::Kind::Int:
    case Value::Kind::Float: return YAML::Node(v.str());
    case Value::Kind::String: break;
    case Value::Kind::Dict:
    case Value::Kind::List: {  // written as its flow text, as the input's sequences were
      YAML::Node node(v.str());
      node.SetTag("!");
      return node;
    }
    case Value::Kind::Function: return YAML::Node(v.source);  // as Accelergy writes a callable
  }
  YAML::Node node(v.text);
  if (v.quoted) node.SetTag("!");
  return node;
}

YAML::Node dict_node(const AttributeDict& dict) {
  YAML::Node node(YAML::NodeType::Map);
  for (const Attribute& a : dict.entries()) node[a.name] = value_node(a.value);
  return node;
}

YAML::Node versioned(const char* list_key) {
  YAML::Node body(YAML::NodeType::Map);
  body["version"] = kOutputVersion;
  body[list_key] = YAML::Node(YAML::NodeType::Sequence);
  return body;
}

YAML::Node sources_node(const std::vector<Provenance>& sources) {
  YAML::Node list(YAML::NodeType::Sequence);
  for (const Provenance& p : sources) {
    YAML::Node entry;
    entry["name"] = p.name;
    entry["estimator"] = p.estimator;
    list.push_back(entry);
  }
  return list;
}

}  // namespace cimloop::accelergy
