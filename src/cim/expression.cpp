#include "src/cim/expression.hpp"

#include "compat/v04/expression.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace v04 = cimloop::compat::v04;

double evaluate_expression(const std::string& text, const NameResolver& resolve,
                           const std::string& where, const TextResolver& resolve_text) {
  v04::ExpressionScope scope;
  scope.lookup = [&](const std::string& name) -> std::optional<v04::Value> {
    if (resolve_text)
      if (std::optional<std::string> t = resolve_text(name)) return v04::Value::from_string(*t);
    return v04::Value::from_float(resolve(name));
  };
  v04::Value value;
  try {
    value = v04::evaluate_expression(text, v04::Dialect::Python, scope);
  } catch (const v04::ExpressionError& error) {
    throw InputError(where + ": " + error.what() + " in expression '" + text + "'");
  }
  if (!value.is_number())
    throw InputError(where + ": expression '" + text + "' is not a number");
  return value.as_double();
}

std::optional<std::string> quoted_text(const std::string& expression) {
  const size_t first = expression.find_first_not_of(" \t");
  const size_t last = expression.find_last_not_of(" \t");
  if (first == std::string::npos || last <= first) return std::nullopt;
  const char quote = expression[first];
  if ((quote != '\'' && quote != '"') || expression[last] != quote) return std::nullopt;
  const std::string inner = expression.substr(first + 1, last - first - 1);
  if (inner.find(quote) != std::string::npos) return std::nullopt;
  return inner;
}

}  // namespace cimloop::cim
