#pragma once
// The functions Accelergy expressions may call: Python's math module and common builtins
// (log is the natural log, round is round-half-even, min/max return the winning operand).
#include <string>
#include <vector>

#include "compat/accelergy/expression.hpp"

namespace cimloop::accelergy {

// Throws ExpressionError for an unknown function, wrong argument count or a domain error.
PyValue call_python_function(const std::string& name, const std::vector<PyValue>& args);

// Python binary arithmetic and comparison on values ("+", "-", "*", "/", "//", "%", "**",
// "==", "!=", "<", "<=", ">", ">=").
PyValue apply_python_operator(const std::string& op, const PyValue& a, const PyValue& b);

}  // namespace cimloop::accelergy
