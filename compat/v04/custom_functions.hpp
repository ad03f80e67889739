#pragma once
// `globals.expression_custom_functions` for the C++ reader: the Python modules CiMLoop's
// specifications name are provided natively (slicing_encoding.py: the encoding and slice
// statistics functions of src/cim/spec_functions.hpp); any other module is an error, since
// Python code cannot run here.
#include <optional>
#include <string>
#include <vector>

#include "compat/v04/spec_values.hpp"

namespace cimloop::compat::v04 {

// True when `path` (as listed in the specification) names a module we provide.
bool is_native_custom_module(const std::string& path);

// The call hook of Python-dialect expressions: a native custom function, called by its name
// or through a variable holding its name (CiMLoop's INPUT_ENCODING_FUNC); nullopt otherwise.
std::optional<Value> call_custom_function(const std::string& name, const std::vector<Value>& args,
                                          const Symbols& symbols);

}  // namespace cimloop::compat::v04
