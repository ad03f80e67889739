#include "compat/timeloop/output_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "src/common/error.hpp"

namespace cimloop::compat {

void write_files_atomically(OutputFiles files, const OutputFiles& more) {
  files.insert(files.end(), more.begin(), more.end());
  write_files_atomically(files);
}

// All files or none: every content goes to a temporary beside its target first, then each is
// renamed over its target. A target that cannot be replaced (a directory) is found before
// anything is written; a rename that fails all the same takes back the renamed ones.
void write_files_atomically(const OutputFiles& files) {
  for (const auto& file : files) {
    std::error_code error;
    if (std::filesystem::is_directory(file.first, error)) throw InputError(file.first + ": cannot write output file (a directory)");
  }
  std::vector<std::string> temporaries;
  auto discard = [&] {
    for (const std::string& temporary : temporaries) std::remove(temporary.c_str());
  };
  for (const auto& [path, content] : files) {
    const std::string temporary = path + ".tmp." + std::to_string(getpid());
    temporaries.push_back(temporary);
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
      discard();
      throw InputError(path + ": cannot write output file");
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (std::rename(temporaries[i].c_str(), files[i].first.c_str()) != 0) {
      discard();
      for (std::size_t renamed = 0; renamed < i; ++renamed) std::remove(files[renamed].first.c_str());
      throw InputError(files[i].first + ": cannot write output file");
    }
  }
}

}  // namespace cimloop::compat
