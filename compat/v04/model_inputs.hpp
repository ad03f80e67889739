#pragma once
// Glue for the programs: raw v0.4 inputs become the same MergedInput the processed-file path
// produces, so the model reads them unchanged. Errors found later in the processed tree name
// the specification file and line a node came from, or the entry file for computed values.
#include <map>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/v04/process_v04.hpp"

namespace cimloop::compat::v04 {

// The programs' v0.4 options: `--var NAME=VALUE` (Jinja2 variable), `--set NAME=EXPRESSION`
// (replaces a top-level variable; both repeatable) and `--dump-processed FILE`.
struct V04Options {
  std::map<std::string, std::string> template_vars;
  std::map<std::string, std::string> variable_overrides;
  std::string dump_processed;
};

bool is_v04_option(const std::string& arg);  // the option takes the next argument as its value
// Records `value` for option `arg`; returns an error message, "" when fine.
std::string add_v04_option(const std::string& arg, const std::string& value, V04Options& options);

// All inputs through the v0.4 reader when any of them is a raw v0.4 file, otherwise the
// ordinary processed-file loader (then --dump-processed is an error).
MergedInput load_program_inputs(const std::vector<std::string>& paths, const V04Options& options, Purpose purpose);

bool any_raw_v04(const std::vector<std::string>& paths);

// Processes `paths` and, when `dump_path` is not empty, writes the processed form there
// atomically.
MergedInput merged_from_v04(const std::vector<std::string>& paths, const std::map<std::string, std::string>& template_vars,
                            Purpose purpose, const std::string& dump_path,
                            const VariableOverrides& variable_overrides = {});

}  // namespace cimloop::compat::v04
