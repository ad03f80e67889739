#pragma once
// Operating points as text: "VOLTAGE=0.85; INPUT_BITS=1 OUTPUT_BITS=1" or chained
// "AVERAGE_INPUT_VALUE=AVERAGE_WEIGHT_VALUE=0.25*sqrt(15)". Assignments are NAME=EXPRESSION
// (no spaces inside the expression); other words (notes such as "(default)") are ignored.
// A value that is a quoted string or a lower-case word ("SCALING=conservative",
// "scaling='moderate'") sets a text-valued variable instead.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cimloop::cim {

// Throws InputError when an expression does not evaluate (it may not reference variables).
std::map<std::string, double> parse_operating_point(const std::string& text);

// The text-valued assignments of an operating point (quotes removed).
std::map<std::string, std::string> parse_operating_point_text(const std::string& text);

// "NAME=V1,V2,..." -> NAME and the values (each an expression without commas).
std::pair<std::string, std::vector<double>> parse_sweep(const std::string& text);

}  // namespace cimloop::cim
