#pragma once
// Arithmetic expressions over named variables, in the Python subset CiMLoop macro variables
// use: numbers, names, + - * / // % **, unary minus, parentheses and the functions min, max,
// ceil, floor, log2, sqrt, abs. Names are resolved through a callback so that variables can
// be evaluated lazily in dependency order.
#include <functional>
#include <string>

namespace cimloop::cim {

using NameResolver = std::function<double(const std::string&)>;

// Throws InputError("<where>: ...") on a syntax error, an unknown function or a division by
// zero; unknown names are the resolver's business.
double evaluate_expression(const std::string& text, const NameResolver& resolve,
                           const std::string& where);

}  // namespace cimloop::cim
