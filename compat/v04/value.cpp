#include "compat/v04/value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cimloop::compat::v04 {

bool Value::truthy() const {
  switch (kind) {
    case Kind::Undefined:
    case Kind::None: return false;
    case Kind::Bool: return boolean;
    case Kind::Int: return integer != 0;
    case Kind::Float: return real != 0.0;
    case Kind::String: return !text.empty();
    case Kind::List: return !items.empty();
  }
  return false;
}

std::string Value::str() const {
  switch (kind) {
    case Kind::Undefined: return "";
    case Kind::None: return "None";
    case Kind::Bool: return boolean ? "True" : "False";
    case Kind::Int: return std::to_string(integer);
    case Kind::Float: return python_float_repr(real);
    case Kind::String: return text;
    case Kind::List: {
      std::string out = "[";
      for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].repr();
      return out + "]";
    }
  }
  return "";
}

std::string Value::repr() const { return kind == Kind::String ? "'" + text + "'" : str(); }

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  // buffer holds d.ddde±XX with the shortest round-trip digits; Python prints fixed
  // notation for exponents in [-4, 16).
  const int exponent = std::atoi(std::strchr(buffer, 'e') + 1);
  std::string text;
  if (exponent >= -4 && exponent < 16) {
    const int decimals = std::max(0, precision - 1 - exponent);
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    text = buffer;
    if (text.find('.') == std::string::npos) text += ".0";
    return text;
  }
  std::string mantissa(buffer, std::strchr(buffer, 'e'));
  char exponent_text[16];
  std::snprintf(exponent_text, sizeof exponent_text, "e%c%02d", exponent < 0 ? '-' : '+',
                std::abs(exponent));
  return mantissa + exponent_text;
}

}  // namespace cimloop::compat::v04
