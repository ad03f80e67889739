#include "estimators/library/library_csv.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace cimloop::estimators {
namespace {

std::string trimmed(const std::string& s) {
  size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Cells of one CSV line; double quotes group commas and "" is a literal quote.
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"', ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  for (std::string& cell : out) cell = trimmed(cell);
  return out;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::vector<ComponentTable> parse_library_csv(const std::string& text, const std::string& default_name) {
  std::vector<ComponentTable> tables;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    line = trimmed(line.substr(0, line.find('#')));
    std::vector<std::string> row = cells(line);
    if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return c.empty(); })) continue;
    if (lower_case(line).rfind("component:", 0) == 0) {
      tables.push_back({trimmed(line.substr(10)), {}, {}});
      continue;
    }
    if (tables.empty()) tables.push_back({default_name, {}, {}});
    ComponentTable& t = tables.back();
    if (t.headers.empty()) {
      while (!row.empty() && row.back().empty()) row.pop_back();
      t.headers = row;
    } else {
      if (row.size() > t.headers.size()) row.resize(t.headers.size());
      t.rows.push_back(row);
    }
  }
  return tables;
}

std::map<std::string, std::string> parse_library_pointers(const std::string& text) {
  std::map<std::string, std::string> aliases;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t colon = line.find(':');
    if (colon != std::string::npos) aliases[lower_case(trimmed(line.substr(0, colon)))] = lower_case(trimmed(line.substr(colon + 1)));
  }
  return aliases;
}

std::vector<std::string> user_library_directories() {
  const std::string prefix = "ACCELERGY_COMPONENT_LIBRARIES";
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry; ++entry) {
    const std::string text = *entry;
    const size_t equals = text.find('=');
    const std::string name = text.substr(0, equals);
    if (equals == std::string::npos || name.rfind(prefix, 0) != 0) continue;
    if (name.size() == prefix.size() || name[prefix.size()] == '_') variables[name] = text.substr(equals + 1);
  }
  std::vector<std::string> directories;
  for (const auto& [name, value] : variables) {
    std::istringstream parts(value);
    for (std::string dir; std::getline(parts, dir, ':');) {
      if (!dir.empty()) directories.push_back(dir);
    }
  }
  return directories;
}

UserLibraries load_user_libraries(const std::vector<std::string>& directories) {
  UserLibraries libraries;
  for (const std::string& dir : directories) {
    if (!std::filesystem::is_directory(dir)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      if (file.extension() == ".csv") {
        for (ComponentTable& t : parse_library_csv(read_text(file), lower_case(file.stem().string()))) {
          libraries.tables.push_back(std::move(t));
        }
      } else if (file.filename() == "_pointers.txt") {
        libraries.aliases.merge(parse_library_pointers(read_text(file)));
      }
    }
  }
  return libraries;
}

}  // namespace cimloop::estimators
