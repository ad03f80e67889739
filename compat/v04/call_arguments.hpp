#pragma once
// The arguments of a call in the expression language, positional and Python keyword
// arguments (`encoded_hist_to_avg_slice(h, 8, 1, return_per_slice=True)`), and their binding
// to a function's named parameters with Python's rules and error messages.
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compat/v04/value.hpp"

namespace cimloop::compat::v04 {

struct CallArguments;
// Calls a function value (Value::Kind::Function) in the caller's scope: what a function
// taking another function as an argument (`sum_map(f, xs)`) uses to call it.
using FunctionInvoker = std::function<Value(const Value& function, const CallArguments&)>;

struct CallArguments {
  std::vector<Value> positional;
  std::vector<std::pair<std::string, Value>> keywords;  // in call order; names are unique
  const FunctionInvoker* invoke = nullptr;              // set by the expression evaluator

  CallArguments() = default;
  CallArguments(std::vector<Value> values) : positional(std::move(values)) {}  // NOLINT: positional-only call
  CallArguments(std::initializer_list<Value> values) : positional(values) {}
};

// A function's parameters in order; the first `required` have no default.
struct Signature {
  std::string function;
  std::vector<std::string> parameters;
  size_t required = 0;
};

// One slot per parameter, nullopt where the call leaves the default. Throws ExpressionError
// for too many positional arguments, an unknown keyword, a parameter given twice, or a
// missing required one.
std::vector<std::optional<Value>> bind_arguments(const Signature& signature, const CallArguments& call);

// The positional arguments of a function that takes no keywords; throws ExpressionError
// naming the function and the first keyword otherwise.
const std::vector<Value>& positional_only(const std::string& function, const CallArguments& call);

}  // namespace cimloop::compat::v04
