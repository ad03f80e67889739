#pragma once
// The fuzz harnesses' input format and checks. One fuzz input packs a set of files: text
// before the first marker line is the first input file (named by the harness), and lines
//   #=== input PATH   start another input file (passed to the program in this order)
//   #=== file PATH    start a file the inputs may include (e.g. components/mac.yaml)
//   #=== var NAME=VALUE   a Jinja2 template variable (--var)
//   #=== set NAME=EXPR    a v0.4 variable override (--set)
// PATH is relative, without "..", made of [A-Za-z0-9_./-]; other marker lines are ordinary text.
// The files go into a fresh temporary folder; outputs into its out/ folder.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace cimloop::fuzz {

struct FuzzCase {
  std::filesystem::path dir;         // the case's folder (emptied and refilled per input)
  std::vector<std::string> inputs;   // absolute paths, in order
  std::map<std::string, std::string> vars;
  std::map<std::string, std::string> sets;
  std::filesystem::path output_dir;  // dir/out, empty
};

// Unpacks `data` into a fresh folder; `first_name` names the text before the first marker.
FuzzCase unpack(const std::uint8_t* data, std::size_t size, const std::string& first_name);

// An input rejected with an InputError (the expected outcome): printed when the environment sets
// CIMLOOP_FUZZ_VERBOSE, to see which seeds the programs accept.
void note_input_error(const std::exception& error);

// Aborts (a libFuzzer finding) after printing `what`.
[[noreturn]] void finding(const std::string& what);

// A failed run must leave the output folder empty (no partial outputs).
void check_nothing_written(const FuzzCase& c, const std::string& how_it_failed);

// Every number in a written stats file is finite and the energy and area figures are not
// negative.
void check_stats_file(const std::filesystem::path& stats);

// A value the model reports must be finite and not negative.
void check_quantity(double value, const std::string& what);

}  // namespace cimloop::fuzz
