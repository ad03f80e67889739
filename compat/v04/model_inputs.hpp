#pragma once
// Glue for the programs: raw v0.4 inputs become the same MergedInput the processed-file path
// produces, so the model reads them unchanged. Errors found later in the processed tree name
// lines of "<processed v0.4 input>" (see it with --dump-processed).
#include <map>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/v04/process_v04.hpp"

namespace cimloop::compat::v04 {

bool any_raw_v04(const std::vector<std::string>& paths);

// Processes `paths`, applies `globals.environment_variables` to this process (as the Python
// front end does before it calls Timeloop) and, when `dump_path` is not empty, writes the
// processed form there atomically.
MergedInput merged_from_v04(const std::vector<std::string>& paths, const std::map<std::string, std::string>& template_vars,
                            Purpose purpose, const std::string& dump_path);

}  // namespace cimloop::compat::v04
