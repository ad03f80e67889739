#pragma once
// Expressions of our macro descriptions (macro.yaml): the Python subset of the v0.4
// expression language (compat/v04/expression.hpp: numbers, booleans, lists, comparisons,
// `a if c else b`, list comprehensions, functions passed as values) with CiMLoop's expression
// functions built in: slicing_encoding.py (spec_functions.hpp) and the Wan macro's
// helper_functions.py (phase_functions.hpp).
#include <functional>
#include <optional>
#include <string>

#include "compat/v04/value.hpp"

namespace cimloop::cim {

using compat::v04::Value;

// The value of a variable; nullopt when `name` is not a variable.
using ValueResolver = std::function<std::optional<Value>(const std::string&)>;
// Numeric variables only; throws for unknown names.
using NameResolver = std::function<double(const std::string&)>;

// Throws InputError("<where>: ...") on a syntax error, an unknown name or function, a bad
// argument or a division by zero.
Value evaluate_value(const std::string& text, const ValueResolver& resolve, const std::string& where);
// The same for expressions whose result must be a number (booleans count as 0/1).
double evaluate_expression(const std::string& text, const NameResolver& resolve, const std::string& where);

// A number as an expression value: whole numbers as ints (so `[0] * n` and `range`-like
// uses behave as in Python), others as floats.
Value number_value(double number);
// The number `value` holds; throws InputError naming `where` for lists and strings.
double number_of(const Value& value, const std::string& where);

}  // namespace cimloop::cim
