#pragma once
// Command-line conventions shared by timeloop-model and timeloop-mapper: Timeloop's messages
// for a bad output directory, "ERROR: " on every line of an error, and one place that turns
// exceptions into exit status 1.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "compat/v04/model_inputs.hpp"

namespace cimloop::compat {

// Prints each line of `message` as "ERROR: <line>" on stderr; returns 1.
int print_errors(const std::string& message);

// False (after Timeloop's messages) when `dir` is missing or not a directory.
bool check_output_dir(const std::string& dir);

// The command line both programs share: input files (each echoed as "input file: <name>"),
// -o DIR, the v0.4 options (--var, --dump-processed) and -h; the program's own options that
// take a value are collected by name in `options`.
struct ProgramArguments {
  std::vector<std::string> inputs;
  std::string output_dir = ".";
  v04::V04Options v04;
  std::map<std::string, std::string> options;
};

struct ProgramSyntax {
  const char* usage;
  std::vector<std::string> valued_options;  // e.g. {"--seed"}
  bool ignore_mapper_map = false;           // timeloop-model skips a literal timeloop-mapper.map.yaml
};

// False (after Timeloop's messages on stderr) for a malformed command line, a bad output
// directory or no input files; exits 0 after printing the usage for -h.
bool parse_program_arguments(int argc, char** argv, const ProgramSyntax& syntax, ProgramArguments& args);

// Runs the program body; InputError and other exceptions become printed errors and status 1.
int run_reporting_errors(const std::function<int()>& body);

}  // namespace cimloop::compat
