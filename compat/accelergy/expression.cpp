#include "compat/accelergy/expression.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>


namespace cimloop::accelergy {

PyValue PyValue::from_bool(bool b) {
  PyValue v;
  v.kind = Kind::boolean;
  v.boolean = b;
  return v;
}
PyValue PyValue::from_int(long long i) {
  PyValue v;
  v.kind = Kind::integer;
  v.integer = i;
  return v;
}
PyValue PyValue::from_real(double d) {
  PyValue v;
  v.kind = Kind::real;
  v.real = d;
  return v;
}
PyValue PyValue::from_string(std::string s, bool quoted) {
  PyValue v;
  v.kind = Kind::string;
  v.text = std::move(s);
  v.quoted = quoted;
  return v;
}

double PyValue::number() const {
  switch (kind) {
    case Kind::boolean: return boolean ? 1 : 0;
    case Kind::integer: return static_cast<double>(integer);
    case Kind::real: return real;
    case Kind::string: throw ExpressionError("expected a number, got the string '" + text + "'");
    case Kind::none: break;
  }
  throw ExpressionError("expected a number, got None");
}

bool PyValue::truthy() const {
  switch (kind) {
    case Kind::boolean: return boolean;
    case Kind::integer: return integer != 0;
    case Kind::real: return real != 0;
    case Kind::string: return !text.empty();
    case Kind::none: break;
  }
  return false;
}

std::string python_float_repr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == 0) return std::signbit(x) ? "-0.0" : "0.0";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific);
  (void)error;
  std::string sci(buffer, end);  // e.g. "-1.2345e-05"
  size_t e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  std::string mantissa = sci.substr(0, e);
  bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  std::string out;
  if (exponent < -4 || exponent >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_text[16];
    std::snprintf(exp_text, sizeof exp_text, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp_text;
  } else if (exponent < 0) {
    out = "0." + std::string(-exponent - 1, '0') + digits;
  } else if (static_cast<int>(digits.size()) <= exponent + 1) {
    out = digits + std::string(exponent + 1 - digits.size(), '0') + ".0";
  } else {
    out = digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
  }
  return negative ? "-" + out : out;
}

std::string PyValue::repr() const {
  switch (kind) {
    case Kind::boolean: return boolean ? "True" : "False";
    case Kind::integer: return std::to_string(integer);
    case Kind::real: return python_float_repr(real);
    case Kind::string: return text;
    case Kind::none: break;
  }
  return "None";
}

PyValue convert_plain_scalar(const std::string& text) {
  if (text == "true" || text == "True") return PyValue::from_bool(true);
  if (text == "false" || text == "False") return PyValue::from_bool(false);
  if (text.empty() || text == "null" || text == "~" || text == "None") return PyValue::none_value();
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (*begin == '+') ++begin;
  long long integer = 0;
  auto [int_end, int_error] = std::from_chars(begin, end, integer);
  if (int_error == std::errc() && int_end == end) return PyValue::from_int(integer);
  double real = 0;
  auto [real_end, real_error] = std::from_chars(begin, end, real);
  if (real_error == std::errc() && real_end == end) return PyValue::from_real(real);
  return PyValue::from_string(text);
}

}  // namespace cimloop::accelergy
