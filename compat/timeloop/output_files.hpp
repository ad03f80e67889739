#pragma once
// Writing a set of output files so that either all of them appear complete or none changes:
// every file goes to a temporary name in the target directory first and is renamed at the end.
#include <string>
#include <utility>
#include <vector>

namespace cimloop::compat {

// (path, content) pairs.
using OutputFiles = std::vector<std::pair<std::string, std::string>>;

// Throws InputError when a file cannot be written.
void write_files_atomically(const OutputFiles& files);

// `files` and `more` together (e.g. a run's results and the tables it estimated).
void write_files_atomically(OutputFiles files, const OutputFiles& more);

}  // namespace cimloop::compat
