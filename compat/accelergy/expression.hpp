#pragma once
// Accelergy attribute expressions (spec §1.4) on the shared Python-subset evaluator
// (compat/v04/expression.hpp, Python dialect): Python value semantics (int vs float, `/`
// always float, `//`, `**`), math functions, `x if c else y`, lists, comprehensions and
// keyword arguments. Names bind through a Scope (attribute dictionaries and variables).
#include <string>
#include <string_view>

#include "compat/cimloop/expression_functions.hpp"
#include "compat/v04/expression.hpp"

namespace cimloop::accelergy {

using Value = compat::v04::Value;
using compat::v04::ExpressionError;
using compat::v04::python_float_repr;

// Name lookup for expression evaluation; may throw ExpressionError (a forward reference).
class Scope {
 public:
  virtual ~Scope() = default;
  virtual const Value* find(std::string_view name) const = 0;
};

// Evaluates `expression` with the specification's custom functions (none when null); throws
// ExpressionError naming the problem (unknown name, syntax error, bad operand types, math
// domain error).
Value evaluate_expression(const std::string& expression, const Scope& scope,
                          const compat::cimloop::ExpressionFunctions* functions = nullptr);

// A YAML scalar's text as Accelergy reads it before any expression evaluation: integers,
// floats, true/false and null become values; anything else stays a string (spec §1.4.1).
Value convert_plain_scalar(const std::string& text);

}  // namespace cimloop::accelergy
