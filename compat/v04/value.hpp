#pragma once
// Values of the small expression language shared by the Jinja2 subset and the v0.4 attribute
// expressions: Python-like None, bool, int, float, str, list, dict (string keys) and function,
// plus Jinja's "undefined".
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cimloop::compat::v04 {

struct RenderedText;  // text with a line map, produced by include_text (jinja.hpp)

struct Value {
  enum class Kind { Undefined, None, Bool, Int, Float, String, List, Dict, Function };
  Kind kind = Kind::Undefined;
  bool boolean = false;
  long long integer = 0;
  double real = 0.0;
  std::string text;
  std::vector<Value> items;  // List: the items; Dict: [key, value] pairs in insertion order
  std::shared_ptr<const RenderedText> rendered;  // set when `text` came from include_text
  // A string written quoted in the input or as a literal in an expression (Accelergy writes
  // such strings back double-quoted); results of string operations are not quoted.
  bool quoted = false;
  // Function: `text` names the function called; `source` is the expression that gave the
  // value, which Accelergy writes back for a function-valued attribute (`offset_encode_hist`,
  // or `INPUT_ENCODING_FUNC` for a name bound to that variable).
  std::string source;

  static Value none() { return with_kind(Kind::None); }
  static Value from_bool(bool b) { Value v = with_kind(Kind::Bool); v.boolean = b; return v; }
  static Value from_int(long long i) { Value v = with_kind(Kind::Int); v.integer = i; return v; }
  static Value from_float(double f) { Value v = with_kind(Kind::Float); v.real = f; return v; }
  static Value from_string(std::string s, bool quoted = false) {
    Value v = with_kind(Kind::String);
    v.text = std::move(s);
    v.quoted = quoted;
    return v;
  }
  static Value function(std::string name, std::string source) {
    Value v = with_kind(Kind::Function);
    v.text = std::move(name);
    v.source = std::move(source);
    return v;
  }
  static Value from_dict(const std::vector<std::pair<std::string, Value>>& entries) {
    Value v = with_kind(Kind::Dict);
    for (const auto& [key, value] : entries) v.items.push_back(from_list({from_string(key, true), value}));
    return v;
  }
  // The value of `key` in a Dict; nullptr when absent (or not a Dict).
  const Value* member(const std::string& key) const;
  static Value from_list(std::vector<Value> items) {
    Value v = with_kind(Kind::List);
    v.items = std::move(items);
    return v;
  }

  bool is_number() const { return kind == Kind::Int || kind == Kind::Float || kind == Kind::Bool; }
  bool is_string() const { return kind == Kind::String; }
  bool is_none() const { return kind == Kind::None; }
  bool is_function() const { return kind == Kind::Function; }
  double as_double() const { return kind == Kind::Float ? real : static_cast<double>(as_int()); }
  long long as_int() const { return kind == Kind::Bool ? (boolean ? 1 : 0) : integer; }
  bool truthy() const;
  // Python str(): 3, 0.5, 1e-09, True, None, 'a' (inside lists), [1, 2]; a function's source.
  std::string str() const;
  std::string repr() const;

 private:
  static Value with_kind(Kind k) { Value v; v.kind = k; return v; }
};

// Python's repr of a float: shortest text that reads back to the same double, exponent form
// below 1e-4 or from 1e16.
std::string python_float_repr(double value);

}  // namespace cimloop::compat::v04
