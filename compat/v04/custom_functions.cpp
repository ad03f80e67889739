#include "compat/v04/custom_functions.hpp"

#include <filesystem>

#include "src/cim/spec_functions.hpp"

namespace cimloop::compat::v04 {

bool is_native_custom_module(const std::string& path) {
  return std::filesystem::path(path).filename() == "slicing_encoding.py";
}

std::optional<Value> call_custom_function(const std::string& name, const std::vector<Value>& args,
                                          const Symbols& symbols) {
  const auto variable = symbols.find(name);
  const bool named_by_variable = variable != symbols.end() && variable->second.kind == Value::Kind::String;
  return cim::call_cimloop_function(named_by_variable ? variable->second.text : name, args);
}

}  // namespace cimloop::compat::v04
