#include "src/cim/operating_point.hpp"

#include <regex>

#include "src/cim/expression.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

std::map<std::string, double> parse_operating_point(const std::string& text) {
  static const std::regex assignment(R"((?:^|[\s;])((?:[A-Z][A-Z0-9_]*=)+)([^\s;=]+))");
  std::map<std::string, double> out;
  for (std::sregex_iterator it(text.begin(), text.end(), assignment), end; it != end; ++it) {
    const double value = evaluate_expression(
        (*it)[2].str(),
        [&](const std::string& name) -> double {
          throw InputError("operating point '" + text + "': unknown name " + name);
        },
        "operating point '" + text + "'");
    std::string names = (*it)[1].str();
    size_t start = 0;
    for (size_t eq = names.find('='); eq != std::string::npos; eq = names.find('=', start)) {
      out[names.substr(start, eq - start)] = value;
      start = eq + 1;
    }
  }
  return out;
}

}  // namespace cimloop::cim
