#include "compat/timeloop/program_cli.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "src/common/error.hpp"

namespace cimloop::compat {

int print_errors(const std::string& message) {
  std::istringstream lines(message);
  for (std::string line; std::getline(lines, line);) std::cerr << "ERROR: " << line << '\n';
  if (!message.empty() && message.back() == '\n') std::cerr << '\n';  // reasons ending in a newline
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

bool parse_program_arguments(int argc, char** argv, const ProgramSyntax& syntax, ProgramArguments& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool own_option =
        std::find(syntax.valued_options.begin(), syntax.valued_options.end(), arg) != syntax.valued_options.end();
    if (arg == "-h" || arg == "--help") {
      std::cout << syntax.usage;
      std::exit(0);
    } else if (arg == "-o" || own_option || v04::is_v04_option(arg)) {
      if (i + 1 >= argc) {
        std::cerr << "ERROR: " << arg << " needs a value.\nERROR: error parsing command line.\n";
        return false;
      }
      const std::string value = argv[++i];
      if (arg == "-o") {
        args.output_dir = value;
      } else if (own_option) {
        args.options[arg] = value;
      } else if (const std::string error = v04::add_v04_option(arg, value, args.v04); !error.empty()) {
        std::cerr << "ERROR: " << error << "\nERROR: error parsing command line.\n";
        return false;
      }
    } else if (syntax.ignore_mapper_map && arg == "timeloop-mapper.map.yaml") {
      std::cerr << "WARNING: ignoring timeloop-mapper.map.yaml on the command line\n";
    } else {
      args.inputs.push_back(arg);
      std::cout << "input file: " << arg << '\n';
    }
  }
  if (!check_output_dir(args.output_dir)) return false;
  if (args.inputs.empty()) {
    std::cerr << "ERROR: no input files given.\n" << syntax.usage;
    return false;
  }
  return true;
}

int run_reporting_errors(const std::function<int()>& body) {
  try {
    return body();
  } catch (const StdoutInputError& error) {
    std::cout << error.what() << std::endl;
    return 1;
  } catch (const InputError& error) {
    std::cout.flush();
    return print_errors(error.what());
  } catch (const std::exception& error) {
    std::cout.flush();
    return print_errors(std::string("internal error: ") + error.what());
  }
}

}  // namespace cimloop::compat
