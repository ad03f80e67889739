#pragma once
// The functions a specification's `globals.expression_custom_functions` files provide to its
// expressions, as Accelergy and timeloopfe load them: every top-level function (and imported
// name) of every listed Python file becomes callable by name, later files replacing earlier
// ones. The Python is not run: each file is read for the names it defines, and each name is
// served by the C++ stand-in of that file and function (python_modules.hpp). Calling a name a
// file defines but that has no stand-in is an error naming the file and the function.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compat/cimloop/python_modules.hpp"
#include "compat/v04/expression.hpp"

namespace cimloop::compat::cimloop {

class ExpressionFunctions {
 public:
  // Reads the files (paths as given, after the caller resolved relative ones); throws
  // InputError naming `where` and the file when one cannot be read.
  static ExpressionFunctions from_files(const std::vector<std::string>& paths, const std::string& where);

  bool empty() const { return functions_.empty(); }
  bool has(const std::string& name) const { return functions_.count(name) > 0; }
  // nullopt when `name` is not one of the files' functions.
  std::optional<compat::v04::Value> call(const std::string& name, const compat::v04::CallArguments& args) const;
  // Adds the functions to an expression scope (its `call` and `has_function` hooks).
  void install(compat::v04::ExpressionScope& scope) const;

 private:
  struct Source {
    std::string file;                               // the listed path, for errors
    const PythonFunction* implementation = nullptr;  // null: no C++ stand-in
  };
  std::map<std::string, Source> functions_;
};

// The top-level names a Python source defines: `def` functions, classes and the names bound
// by `from ... import ...` (what Accelergy collects as the file's callables).
std::vector<std::string> python_defined_names(const std::string& source);

}  // namespace cimloop::compat::cimloop
