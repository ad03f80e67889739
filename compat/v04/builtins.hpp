#pragma once
// Operators and built-in functions of the expression language (Python semantics for the
// subset used by v0.4 specifications: int/float arithmetic, string concatenation, list
// repetition, comparisons, the math helpers min, max, ceil, floor, log, log2, ... and sum, len,
// enumerate over lists). Where Python raises (math domain errors, 0 ** -1, int('2.5')), so
// do these, with Python's message.
#include <optional>
#include <string>
#include <vector>

#include "compat/v04/call_arguments.hpp"
#include "compat/v04/value.hpp"

namespace cimloop::compat::v04 {

Value negate(const Value& value);
Value binary(const std::string& op, const Value& left, const Value& right);
bool compare(const std::string& op, const Value& left, const Value& right);
Value index(const Value& container, const Value& key);
// nullopt when `name` is not a built-in function. Only round() takes a keyword (ndigits).
std::optional<Value> call_builtin(const std::string& name, const CallArguments& call);
bool is_builtin_function(const std::string& name);
// math.pi, math.e, math.inf; nullopt for any other name.
std::optional<Value> math_constant(const std::string& name);

}  // namespace cimloop::compat::v04
