#include "compat/v04/processed_form.hpp"

#include <cctype>

#include "compat/v04/spec_values.hpp"

namespace cimloop::compat::v04 {

namespace {

void emit(YAML::Emitter& out, const YAML::Node& node) {
  if (node.IsMap()) {
    out << YAML::BeginMap;
    for (const auto& entry : node) {
      out << YAML::Key << entry.first.Scalar() << YAML::Value;
      emit(out, entry.second);
    }
    out << YAML::EndMap;
  } else if (node.IsSequence()) {
    out << YAML::BeginSeq;
    for (const YAML::Node& item : node) emit(out, item);
    out << YAML::EndSeq;
  } else if (!node.IsDefined() || node.IsNull()) {
    out << YAML::Null;
  } else if (node.Tag() == "!") {
    // quoted in the input (or a string result): stays quoted, as the Python front end writes it
    out << YAML::DoubleQuoted << node.Scalar();
  } else {
    // YAML 1.2 booleans and nulls in the lower-case form the Python front end writes
    const Value value = yaml_to_value(node);
    if (value.kind == Value::Kind::Bool) out << (value.boolean ? "true" : "false");
    else if (value.kind == Value::Kind::None) out << YAML::Null;
    else out << node.Scalar();
  }
}

}  // namespace

std::string processed_to_text(const YAML::Node& processed) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, processed);
  return std::string(out.c_str()) + "\n";
}

namespace {

// Whether the emitter writes `text` as a plain scalar; the common identifier- and number-like
// texts are decided here, the rest by the emitter itself.
bool emits_plain(const std::string& text) {
  const auto simple = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
  bool obvious = !text.empty() && simple(text.front()) && text != "null" && text != "Null" && text != "NULL";
  for (size_t i = 1; obvious && i < text.size(); ++i) obvious = simple(text[i]) || text[i] == '-' || text[i] == '+';
  if (obvious) return true;
  YAML::Emitter out;
  out << text;
  return out.size() > 0 && out.c_str()[0] != '"' && out.c_str()[0] != '\'' && out.c_str()[0] != '|';
}

}  // namespace

void canonicalize_processed(YAML::Node node) {
  // the text carries no tags but the quotes ("!"); "" and "?" both read as untagged
  const auto untag = [&node] {
    if (!node.Tag().empty() && node.Tag() != "?") node.SetTag("");
  };
  if (node.IsMap()) {
    untag();
    for (auto entry : node) canonicalize_processed(entry.second);
  } else if (node.IsSequence()) {
    untag();
    for (YAML::Node item : node) canonicalize_processed(item);
  } else if (node.IsScalar() && node.Tag() != "!") {
    const Value value = yaml_to_value(node);
    if (value.kind == Value::Kind::Bool) node = value.boolean ? "true" : "false";
    else if (value.kind == Value::Kind::None) node = YAML::Null;
    else if (!emits_plain(node.Scalar())) node.SetTag("!");
    else untag();
  }
}

}  // namespace cimloop::compat::v04
