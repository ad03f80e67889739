#include "src/cim/operating_point.hpp"

#include <regex>
#include <sstream>

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

}  // namespace

std::map<std::string, double> parse_operating_point(const std::string& text) {
  static const std::regex assignment(R"((?:^|[\s;])((?:[A-Z][A-Z0-9_]*=)+)([^\s;=]+))");
  std::map<std::string, double> out;
  for (std::sregex_iterator it(text.begin(), text.end(), assignment), end; it != end; ++it) {
    const double value = constant((*it)[2].str(), "operating point '" + text + "'");
    std::string names = (*it)[1].str();
    size_t start = 0;
    for (size_t eq = names.find('='); eq != std::string::npos; eq = names.find('=', start)) {
      out[names.substr(start, eq - start)] = value;
      start = eq + 1;
    }
  }
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
