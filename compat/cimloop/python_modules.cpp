#include "compat/cimloop/python_modules.hpp"

namespace cimloop::compat::cimloop {

const PythonModule* python_module(const std::string& file_name) {
  static const std::map<std::string, PythonModule> modules = {
      {"slicing_encoding.py", slicing_encoding_module()},
      {"helper_functions.py", helper_functions_module()},
  };
  const auto found = modules.find(file_name);
  return found == modules.end() ? nullptr : &found->second;
}

}  // namespace cimloop::compat::cimloop
