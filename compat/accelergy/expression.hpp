#pragma once
// Accelergy attribute expressions: the Python-expression subset that component libraries use
// (arithmetic, comparisons, boolean operators, `x if c else y`, math functions, names bound
// to attributes and variables), with Python's value semantics (int vs float, `/` always
// float, `//`, `**`, ...). See spec §1.4.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cimloop::accelergy {

class ExpressionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PyValue {
  enum class Kind { none, boolean, integer, real, string };
  Kind kind = Kind::none;
  bool boolean = false;
  long long integer = 0;
  double real = 0;
  std::string text;
  bool quoted = false;  // string that was quoted in the input (written back double-quoted)

  static PyValue none_value() { return {}; }
  static PyValue from_bool(bool b);
  static PyValue from_int(long long i);
  static PyValue from_real(double d);
  static PyValue from_string(std::string s, bool quoted = false);

  bool is_none() const { return kind == Kind::none; }
  bool is_string() const { return kind == Kind::string; }
  bool is_numeric() const { return kind == Kind::boolean || kind == Kind::integer || kind == Kind::real; }
  double number() const;  // throws ExpressionError unless numeric
  bool truthy() const;
  std::string repr() const;  // Python repr (strings unquoted)
};

// Python repr of a float: shortest round-trip digits, exponent form below 1e-4 or from 1e16.
std::string python_float_repr(double x);

// Name lookup for expression evaluation.
class Scope {
 public:
  virtual ~Scope() = default;
  virtual const PyValue* find(std::string_view name) const = 0;
};

// Evaluates `expression`; throws ExpressionError naming the problem (unknown name, syntax
// error, bad operand types, math domain error).
PyValue evaluate_expression(std::string_view expression, const Scope& scope);

// A YAML scalar's text as Accelergy reads it before any expression evaluation: integers,
// floats, true/false and null become values; anything else stays a string (spec §1.4.1).
PyValue convert_plain_scalar(const std::string& text);

}  // namespace cimloop::accelergy
