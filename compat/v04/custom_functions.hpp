#pragma once
// C++ stand-ins for the Python files a v0.4 specification lists under
// `globals.expression_custom_functions` (e.g. CiMLoop's slicing_encoding.py). A module is
// registered under its file name; specifications that list an unregistered file are rejected.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compat/v04/call_arguments.hpp"
#include "compat/v04/value.hpp"

namespace cimloop::compat::v04 {

// nullopt when `name` is not one of the module's functions; functions that take keyword
// arguments bind them with bind_arguments (call_arguments.hpp).
using CustomFunctions = std::function<std::optional<Value>(const std::string& name, const CallArguments& args)>;

// `file_name` without directories, e.g. "slicing_encoding.py". Registering twice replaces.
void register_custom_functions(const std::string& file_name, CustomFunctions functions);

// The module registered for the last path component of `path`; nullptr when none.
const CustomFunctions* find_custom_functions(const std::string& path);

std::vector<std::string> registered_custom_function_files();

}  // namespace cimloop::compat::v04
