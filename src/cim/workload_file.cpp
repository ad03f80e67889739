#include "src/cim/workload_file.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "src/common/error.hpp"

namespace cimloop::cim {

YAML::Node load_workload_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open workload file");
  static const std::regex include(R"(^\{\{\s*include_text\(['"]([^'"]+)['"]\)\s*\}\}\s*$)");
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::ostringstream text;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (std::regex_match(line, match, include)) {
      std::ifstream included(dir / match[1].str());
      if (!included) throw InputError(path + ": cannot open included " + match[1].str());
      text << included.rdbuf() << '\n';
    } else if (line.rfind("{{", 0) != 0) {
      text << line << '\n';
    }
  }
  try {
    return YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    throw InputError(path + " (line " + std::to_string(e.mark.line + 1) + ", after includes): " + e.msg);
  }
}

}  // namespace cimloop::cim
