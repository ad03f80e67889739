#include "compat/timeloop/number_format.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cimloop::compat {
namespace {

bool env_set(const char* name) {
  const char* value = std::getenv(name);
  return value && std::strcmp(value, "0") != 0;
}

std::string printf_format(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

}  // namespace

FloatStyle float_style_from_environment() {
  if (env_set("TIMELOOP_OUTPUT_STAT_SCIENTIFIC")) return FloatStyle::Scientific;
  if (env_set("TIMELOOP_OUTPUT_STAT_DEFAULT_FLOAT")) return FloatStyle::Default;
  return FloatStyle::Fixed;
}

std::string format_float(double value, FloatStyle style) {
  switch (style) {
    case FloatStyle::Scientific:
      return printf_format("%.2e", value);
    case FloatStyle::Default:
      return printf_format("%.2g", value);
    case FloatStyle::Fixed:
      break;
  }
  return printf_format("%.2f", value);
}

// Timeloop prints percentages in fixed notation whatever the float style.
std::string format_percent(double fraction) { return format_float(fraction * 100.0, FloatStyle::Fixed) + "%"; }

std::string format_scientific(double value) { return printf_format("%.2e", value); }

}  // namespace cimloop::compat
