#include "src/cim/operating_point.hpp"

#include <regex>
#include <optional>
#include <sstream>
#include <vector>

#include "src/cim/expression.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace {

// An expression of numbers only (operating points may not reference macro variables).
double constant(const std::string& expression, const std::string& where) {
  return evaluate_expression(
      expression,
      [&](const std::string& name) -> double { throw InputError(where + ": unknown name " + name); },
      where);
}

// Calls `assign(names, value)` for every NAME=...=VALUE assignment in `text`.
template <typename Assign>
void for_each_assignment(const std::string& text, Assign assign) {
  static const std::regex assignment(
      R"((?:^|[\s;])((?:[A-Za-z_][A-Za-z0-9_]*=)+)('[^']*'|"[^"]*"|[^\s;=]+))");
  for (std::sregex_iterator it(text.begin(), text.end(), assignment), end; it != end; ++it) {
    const std::string names = (*it)[1].str();
    std::vector<std::string> split;
    size_t start = 0;
    for (size_t eq = names.find('='); eq != std::string::npos; eq = names.find('=', start)) {
      split.push_back(names.substr(start, eq - start));
      start = eq + 1;
    }
    assign(split, (*it)[2].str());
  }
}

// A text value: quoted, or a lower-case word that is not a function call or number.
std::optional<std::string> text_value(const std::string& value) {
  static const std::regex quoted(R"re('([^']*)'|"([^"]*)")re");
  std::smatch m;
  if (std::regex_match(value, m, quoted)) return m[1].matched ? m[1].str() : m[2].str();
  static const std::regex word(R"([a-z][a-z0-9_]*)");
  if (std::regex_match(value, word)) return value;
  return std::nullopt;
}

}  // namespace

std::map<std::string, double> parse_operating_point(const std::string& text) {
  std::map<std::string, double> out;
  for_each_assignment(text, [&](const std::vector<std::string>& names, const std::string& value) {
    if (text_value(value)) return;
    const double number = constant(value, "operating point '" + text + "'");
    for (const auto& name : names) out[name] = number;
  });
  return out;
}

std::map<std::string, std::string> parse_operating_point_text(const std::string& text) {
  std::map<std::string, std::string> out;
  for_each_assignment(text, [&](const std::vector<std::string>& names, const std::string& value) {
    if (auto t = text_value(value))
      for (const auto& name : names) out[name] = *t;
  });
  return out;
}

std::pair<std::string, std::vector<double>> parse_sweep(const std::string& text) {
  static const std::regex form(R"(^\s*([A-Z][A-Z0-9_]*)=([^=]+)$)");
  std::smatch match;
  if (!std::regex_match(text, match, form))
    throw InputError("sweep '" + text + "': expected NAME=V1,V2,...");
  std::vector<double> values;
  std::string item;
  std::istringstream items(match[2].str());
  while (std::getline(items, item, ','))
    values.push_back(constant(item, "sweep '" + text + "'"));
  return {match[1].str(), values};
}

}  // namespace cimloop::cim
