#pragma once
// A small Python-like expression language, used for v0.4 attribute/variable expressions and
// Accelergy component attributes (`depth * 2`, `max(1, math.ceil(log2(depth)))`, `a if c else b`,
// chained comparisons `0 < x <= 8`, keyword arguments `f(x, k=v)`,
// generator and list comprehensions `sum(p * (1 - p) for p in bits)`, functions as values:
// bound to names, passed as arguments `sum_map(f, xs)` and called `(f if c else g)(x)`) and, in
// the Jinja dialect, for
// `{{ ... }}` / `{% set %}` / `{% if %}` (adds `~` concatenation, `| filter(...)`, `is defined`,
// and leaves unknown names undefined instead of failing at once).
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "compat/v04/call_arguments.hpp"
#include "compat/v04/value.hpp"

namespace cimloop::compat::v04 {

enum class Dialect { Python, Jinja };

// Errors carry no location; callers prefix file, line and key.
class ExpressionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The text is not an expression at all (`65nm`, `SET ME`).
class ExpressionSyntaxError : public ExpressionError {
 public:
  using ExpressionError::ExpressionError;
};

class UnknownNameError : public ExpressionError {
 public:
  explicit UnknownNameError(const std::string& name)
      : ExpressionError("name '" + name + "' is not defined"), name_(name) {}
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

struct ExpressionScope {
  std::function<std::optional<Value>(const std::string&)> lookup;
  // Functions beyond the built-in math ones (Jinja: cwd, include, ...; custom function
  // modules); nullopt when `name` is not one of them; empty = none.
  std::function<std::optional<Value>(const std::string& name, const CallArguments&)> call;
  // Whether `name` is one of `call`'s functions, so that the bare name is a function value
  // (`_EHTAS: encoded_hist_to_avg_slice`, `sum_map(bits2integration_steps, phases)`), as
  // Python binds a module's functions; empty = only calls reach `call`.
  std::function<bool(const std::string& name)> has_function;
};

Value evaluate_expression(const std::string& text, Dialect dialect, const ExpressionScope& scope);
// The same, parsing each distinct text once per thread: for expressions evaluated again and
// again (a macro's variables for every layer and operating point).
Value evaluate_cached_expression(const std::string& text, Dialect dialect, const ExpressionScope& scope);

bool is_identifier(const std::string& text);

}  // namespace cimloop::compat::v04
