#pragma once
// Number formatting of Timeloop's text outputs: floats with two decimals as C's "%.2f" on the
// binary double (exact ties round to even), optionally scientific or default notation.
#include <string>

namespace cimloop::compat {

enum class FloatStyle { Fixed, Scientific, Default };

// TIMELOOP_OUTPUT_STAT_SCIENTIFIC / TIMELOOP_OUTPUT_STAT_DEFAULT_FLOAT.
FloatStyle float_style_from_environment();

// Two significant decimals in the given style ("%.2f", "%.2e" or "%.2g").
std::string format_float(double value, FloatStyle style = FloatStyle::Fixed);
// value * 100 with two decimals and a percent sign, in fixed notation whatever the style (as
// Timeloop prints percentages).
std::string format_percent(double fraction);
// "%.2e", used for EDP whatever the style.
std::string format_scientific(double value);

}  // namespace cimloop::compat
