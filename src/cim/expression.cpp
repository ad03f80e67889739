#include "src/cim/expression.hpp"

#include <cmath>

#include "compat/cimloop/python_modules.hpp"
#include "compat/v04/expression.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace v04 = compat::v04;

Value evaluate_value(const std::string& text, const ValueResolver& resolve, const std::string& where) {
  v04::ExpressionScope scope;
  scope.lookup = resolve;
  static const compat::cimloop::PythonModule* modules[] = {compat::cimloop::python_module("slicing_encoding.py"),
                                                           compat::cimloop::python_module("helper_functions.py")};
  scope.has_function = [](const std::string& name) {
    for (const auto* module : modules)
      if (module->count(name)) return true;
    return false;
  };
  scope.call = [](const std::string& name, const v04::CallArguments& args) -> std::optional<Value> {
    for (const auto* module : modules)
      if (const auto found = module->find(name); found != module->end()) return found->second(args);
    return std::nullopt;
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
  // The resolver throws for names it does not know; to the expression they are unknown names.
  const Value value = evaluate_value(
      text,
      [&](const std::string& name) -> std::optional<Value> {
        try {
          return number_value(resolve(name));
        } catch (const InputError&) {
          return std::nullopt;
        }
      },
      where);
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
