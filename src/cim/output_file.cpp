#include "src/cim/output_file.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "src/common/error.hpp"

namespace cimloop::cim {

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::filesystem::path target(path);
  std::string temp_name(1, '.');
  temp_name.append(target.filename().string()).append(".tmp").append(std::to_string(getpid()));
  const std::filesystem::path temp = target.parent_path() / temp_name;
  {
    std::ofstream out(temp, std::ios::binary);
    out << contents;
    out.flush();
    if (!out) {
      std::remove(temp.c_str());
      throw InputError(path + ": cannot write output file");
    }
  }
  std::error_code error;
  std::filesystem::rename(temp, target, error);
  if (error) {
    std::remove(temp.c_str());
    throw InputError(path + ": cannot write output file (" + error.message() + ")");
  }
}

}  // namespace cimloop::cim
