#include "compat/v04/call_arguments.hpp"

#include <algorithm>

#include "compat/v04/expression.hpp"

namespace cimloop::compat::v04 {

std::vector<std::optional<Value>> bind_arguments(const Signature& signature, const CallArguments& call) {
  const std::string& function = signature.function;
  const std::vector<std::string>& names = signature.parameters;
  if (call.positional.size() > names.size())
    throw ExpressionError(function + "() takes at most " + std::to_string(names.size()) + " argument(s) (" +
                          std::to_string(call.positional.size()) + " given)");
  std::vector<std::optional<Value>> slots(names.size());
  for (size_t i = 0; i < call.positional.size(); ++i) slots[i] = call.positional[i];
  for (const auto& [name, value] : call.keywords) {
    const auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end()) throw ExpressionError(function + "() got an unexpected keyword argument '" + name + "'");
    std::optional<Value>& slot = slots[static_cast<size_t>(found - names.begin())];
    if (slot) throw ExpressionError(function + "() got multiple values for argument '" + name + "'");
    slot = value;
  }
  for (size_t i = 0; i < signature.required; ++i)
    if (!slots[i]) throw ExpressionError(function + "() missing required argument '" + names[i] + "'");
  return slots;
}

const std::vector<Value>& positional_only(const std::string& function, const CallArguments& call) {
  if (!call.keywords.empty())
    throw ExpressionError(function + "() got an unexpected keyword argument '" + call.keywords.front().first + "'");
  return call.positional;
}

}  // namespace cimloop::compat::v04
