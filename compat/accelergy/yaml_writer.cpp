#include "compat/accelergy/yaml_writer.hpp"

namespace cimloop::accelergy {
namespace {

std::string scalar_text(const YAML::Node& node, const std::string& key) {
  if (node.IsNull()) return "null";
  const std::string& text = node.Scalar();
  if (key == "version") return "'" + text + "'";
  if (node.Tag() != "!") return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

bool is_empty_collection(const YAML::Node& node) {
  return (node.IsMap() || node.IsSequence()) && node.size() == 0;
}

void emit_value(std::string& out, const YAML::Node& value, const std::string& key, int indent);

// A mapping whose first line starts with `first_prefix` (e.g. "  - ") instead of spaces.
void emit_map(std::string& out, const YAML::Node& map, int indent, const std::string& first_prefix) {
  bool first = true;
  for (const auto& kv : map) {
    out += first ? first_prefix : std::string(indent, ' ');
    first = false;
    std::string key = kv.first.Scalar();
    out += key + ":";
    emit_value(out, kv.second, key, indent);
  }
}

void emit_sequence(std::string& out, const YAML::Node& sequence, int indent) {
  for (const YAML::Node& item : sequence) {
    std::string dash = std::string(indent, ' ') + "- ";
    if (item.IsMap() && item.size() > 0) {
      emit_map(out, item, indent + 2, dash);
    } else if (item.IsScalar() || item.IsNull()) {
      out += dash + scalar_text(item, "") + "\n";
    } else {
      out += dash + (item.IsMap() ? "{}" : "[]") + "\n";
    }
  }
}

void emit_value(std::string& out, const YAML::Node& value, const std::string& key, int indent) {
  if (is_empty_collection(value)) {
    out += value.IsMap() ? " {}\n" : " []\n";
  } else if (value.IsMap()) {
    out += "\n";
    emit_map(out, value, indent + 4, std::string(indent + 4, ' '));
  } else if (value.IsSequence()) {
    out += "\n";
    emit_sequence(out, value, indent + 2);
  } else {
    out.append(" ").append(scalar_text(value, key)).append("\n");
  }
}

}  // namespace

std::string to_accelergy_yaml(const YAML::Node& root) {
  std::string out;
  emit_map(out, root, 0, "");
  return out;
}

}  // namespace cimloop::accelergy
