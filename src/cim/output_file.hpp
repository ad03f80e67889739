#pragma once
// Writes a whole file atomically: a temporary file in the same directory, then a rename, so
// readers never see a half-written output.
#include <string>

namespace cimloop::cim {

// Throws InputError naming the path when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace cimloop::cim
