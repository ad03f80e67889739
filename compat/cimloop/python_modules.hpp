#pragma once
// C++ stand-ins for the Python files CiMLoop specifications list under
// `globals.expression_custom_functions`, each function re-implemented from what the Python
// does (same results, same errors where the Python asserts), keyed by the file's name:
//   slicing_encoding.py  (CiMLoop include/: encodings and slice statistics)
//   helper_functions.py  (the macros' own helpers: Wan's input phases, example_traditional's)
// Which of a module's functions a specification may call is decided by the listed file
// itself (expression_functions.hpp).
#include <functional>
#include <map>
#include <string>

#include "compat/v04/call_arguments.hpp"
#include "compat/v04/value.hpp"

namespace cimloop::compat::cimloop {

using compat::v04::CallArguments;
using compat::v04::Value;

// Throws compat::v04::ExpressionError with Python's message for bad arguments.
using PythonFunction = std::function<Value(const CallArguments&)>;
using PythonModule = std::map<std::string, PythonFunction>;

// The module standing in for a file of this name (no directories); nullptr when none.
const PythonModule* python_module(const std::string& file_name);

PythonModule slicing_encoding_module();
PythonModule helper_functions_module();

}  // namespace cimloop::compat::cimloop
