#include "compat/accelergy/expression.hpp"

#include <charconv>
#include <optional>

namespace cimloop::accelergy {

Value evaluate_expression(const std::string& expression, const Scope& scope,
                          const compat::cimloop::ExpressionFunctions* functions) {
  compat::v04::ExpressionScope names;
  if (functions) functions->install(names);
  names.lookup = [&scope](const std::string& name) -> std::optional<Value> {
    if (const Value* value = scope.find(name)) return *value;
    return std::nullopt;
  };
  // Cached: the same class-default texts are evaluated for every instance.
  return compat::v04::evaluate_cached_expression(expression, compat::v04::Dialect::Python, names);
}

Value convert_plain_scalar(const std::string& text) {
  if (text == "true" || text == "True") return Value::from_bool(true);
  if (text == "false" || text == "False") return Value::from_bool(false);
  if (text.empty() || text == "null" || text == "~" || text == "None") return Value::none();
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (*begin == '+') ++begin;
  long long integer = 0;
  auto [int_end, int_error] = std::from_chars(begin, end, integer);
  if (int_error == std::errc() && int_end == end) return Value::from_int(integer);
  double real = 0;
  auto [real_end, real_error] = std::from_chars(begin, end, real);
  if (real_error == std::errc() && real_end == end) return Value::from_float(real);
  return Value::from_string(text);
}

}  // namespace cimloop::accelergy
