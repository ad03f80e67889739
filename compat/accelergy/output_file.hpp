#pragma once
// One output file of an Accelergy run: where, what, and how Accelergy's log names it.
#include <string>

namespace cimloop::accelergy {

struct OutputFile {
  std::string path;
  std::string text;
  std::string description;  // "energy reference table", "verbose flattened architecture", ...
};

}  // namespace cimloop::accelergy
