#pragma once
// Ordered attribute dictionaries and their sequential evaluation (spec §1.4): keys are
// evaluated in order, each seeing the outer bindings plus the keys evaluated before it.
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/accelergy/expression.hpp"

namespace cimloop::accelergy {

struct Attribute {
  std::string name;
  Value value;
  bool pending = false;  // unquoted text still to be evaluated as an expression
};

class AttributeDict : public Scope {
 public:
  const Value* get(std::string_view name) const;  // own keys only, pending or not
  void set(const std::string& name, Value value, bool pending = false);  // replace or append
  void append_missing(const AttributeDict& other);  // keys of `other` this dict lacks, in order
  bool contains(std::string_view name) const { return get(name) != nullptr; }
  const std::vector<Attribute>& entries() const { return entries_; }

  // Scope: evaluated own keys first, then the outer scope. A pending own key falls through
  // to the outer scope; if that lacks it too the reference is reported as a forward
  // reference or cycle.
  const Value* find(std::string_view name) const override;
  void set_outer(const Scope* outer) { outer_ = outer; }

 private:
  std::vector<Attribute> entries_;
  const Scope* outer_ = nullptr;
};

// Where an evaluation happens, for error messages ("component 'x', attribute 'y'").
struct EvaluationSite {
  std::string component;
  bool legacy = false;  // input version < 0.4: failed expressions stay strings, with a warning
  std::vector<std::string>* warnings = nullptr;
  const compat::cimloop::ExpressionFunctions* functions = nullptr;  // globals.expression_custom_functions
};

// A YAML node as a raw attribute: quoted strings are literals, plain text that is not a
// number/bool/null is pending evaluation, sequences are lists, maps their (quoted) flow text.
Attribute raw_attribute(const std::string& name, const YAML::Node& node);
AttributeDict raw_attributes(const YAML::Node& map);

// Evaluates every pending key in order against `outer`. Throws InputError naming the
// component and attribute (v0.4), or keeps the text with a warning (legacy).
void evaluate_attributes(AttributeDict& dict, const Scope* outer, const EvaluationSite& site);

// Evaluates one expression (e.g. a list bound or an energy_scale) in `scope`.
Value evaluate_in(const std::string& text, const Scope& scope, const EvaluationSite& site,
                    const std::string& what);

// Throws InputError naming the component and the first attribute still "must_specify".
void check_specified(const AttributeDict& attributes, const std::string& class_name, const EvaluationSite& site);

// `node` when it is a sequence, else an empty sequence (absent keys iterate as empty).
YAML::Node sequence_or_empty(const YAML::Node& node);

}  // namespace cimloop::accelergy
