#include "src/cim/expression.hpp"

#include <cmath>

#include "compat/v04/expression.hpp"
#include "src/cim/phase_functions.hpp"
#include "src/cim/spec_functions.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace v04 = compat::v04;

Value evaluate_value(const std::string& text, const ValueResolver& resolve, const std::string& where) {
  v04::ExpressionScope scope;
  scope.lookup = resolve;
  scope.call = [](const std::string& name, const v04::CallArguments& args) -> std::optional<Value> {
    if (std::optional<Value> value = call_cimloop_function(name, args)) return value;
    return call_phase_function(name, args);
  };
  try {
    return v04::evaluate_cached_expression(text, v04::Dialect::Python, scope);
  } catch (const v04::UnknownNameError& e) {
    throw InputError(where + ": unknown variable " + e.name() + " in expression '" + text + "'");
  } catch (const v04::ExpressionError& e) {
    throw InputError(where + ": " + e.what() + " in expression '" + text + "'");
  }
}

double evaluate_expression(const std::string& text, const NameResolver& resolve, const std::string& where) {
  const Value value = evaluate_value(
      text, [&](const std::string& name) -> std::optional<Value> { return number_value(resolve(name)); }, where);
  return number_of(value, where + ": expression '" + text + "'");
}

Value number_value(double number) {
  if (number == std::floor(number) && std::fabs(number) < 9e15) return Value::from_int(static_cast<long long>(number));
  return Value::from_float(number);
}

double number_of(const Value& value, const std::string& where) {
  if (!value.is_number()) throw InputError(where + ": expected a number, got " + value.repr());
  return value.as_double();
}

}  // namespace cimloop::cim
