#include "compat/timeloop/program_cli.hpp"

#include <sys/stat.h>

#include <iostream>
#include <sstream>

#include "src/common/error.hpp"

namespace cimloop::compat {

int print_errors(const std::string& message) {
  std::istringstream lines(message);
  for (std::string line; std::getline(lines, line);) std::cerr << "ERROR: " << line << '\n';
  return 1;
}

bool check_output_dir(const std::string& dir) {
  struct stat info {};
  if (stat(dir.c_str(), &info) != 0) {
    std::cerr << "ERROR: cannot access output directory: " << dir << "\nERROR: error parsing command line.\n";
    return false;
  }
  if (!S_ISDIR(info.st_mode)) {
    std::cerr << "ERROR: non-existent output directory: " << dir << "\nERROR: error parsing command line.\n";
    return false;
  }
  return true;
}

int run_reporting_errors(const std::function<int()>& body) {
  try {
    return body();
  } catch (const InputError& error) {
    std::cout.flush();
    return print_errors(error.what());
  } catch (const std::exception& error) {
    std::cout.flush();
    return print_errors(std::string("internal error: ") + error.what());
  }
}

}  // namespace cimloop::compat
