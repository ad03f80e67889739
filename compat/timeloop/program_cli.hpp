#pragma once
// Command-line conventions shared by timeloop-model and timeloop-mapper: Timeloop's messages
// for a bad output directory, "ERROR: " on every line of an error, and one place that turns
// exceptions into exit status 1.
#include <functional>
#include <string>

namespace cimloop::compat {

// Prints each line of `message` as "ERROR: <line>" on stderr; returns 1.
int print_errors(const std::string& message);

// False (after Timeloop's messages) when `dir` is missing or not a directory.
bool check_output_dir(const std::string& dir);

// Runs the program body; InputError and other exceptions become printed errors and status 1.
int run_reporting_errors(const std::function<int()>& body);

}  // namespace cimloop::compat
