// The fuzz input format and the checks on what a run leaves behind (see fuzz_inputs.hpp).
#include "test-suites/fuzz/fuzz_inputs.hpp"

#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cimloop::fuzz {

namespace fs = std::filesystem;

namespace {

bool safe_relative_path(const std::string& path) {
  if (path.empty() || path.size() > 200 || path.front() == '/') return false;
  for (char c : path)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '-')) return false;
  for (const auto& part : fs::path(path))
    if (part == ".." || part == ".") return false;
  return true;
}

// One folder per fuzzing process, made once and emptied per input.
const fs::path& process_folder() {
  static const fs::path folder = [] {
    std::string pattern = (fs::temp_directory_path() / "cimloop-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) finding("cannot make a temporary folder");
    return fs::path(pattern);
  }();
  return folder;
}

// "NAME=VALUE" into the map; false when there is no '=' after a non-empty name.
bool add_assignment(const std::string& text, std::map<std::string, std::string>& into) {
  const size_t equals = text.find('=');
  if (equals == 0 || equals == std::string::npos) return false;
  into[text.substr(0, equals)] = text.substr(equals + 1);
  return true;
}

}  // namespace

void note_input_error(const std::exception& error) {
  if (std::getenv("CIMLOOP_FUZZ_VERBOSE")) std::fprintf(stderr, "input error: %s\n", error.what());
}

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "\n==FUZZ FINDING== %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

FuzzCase unpack(const std::uint8_t* data, std::size_t size, const std::string& first_name) {
  FuzzCase c;
  c.dir = process_folder() / "case";
  fs::remove_all(c.dir);
  c.output_dir = c.dir / "out";
  fs::create_directories(c.output_dir);

  std::map<std::string, std::string> files;  // relative path -> text
  std::string current = first_name;
  c.inputs.push_back((c.dir / first_name).string());
  files[current];
  std::istringstream text(std::string(reinterpret_cast<const char*>(data), size));
  for (std::string line; std::getline(text, line);) {
    const std::string marker = "#=== ";
    if (line.rfind(marker, 0) == 0) {
      std::istringstream words(line.substr(marker.size()));
      std::string kind, argument;
      words >> kind >> argument;
      if ((kind == "input" || kind == "file") && safe_relative_path(argument) && argument != "out" &&
          files.size() < 64) {
        current = argument;
        if (kind == "input" && !files.count(argument)) c.inputs.push_back((c.dir / argument).string());
        files[current];
        continue;
      }
      if (kind == "var" && add_assignment(argument, c.vars)) continue;
      if (kind == "set" && add_assignment(argument, c.sets)) continue;
    }
    files[current] += line + '\n';
  }
  for (const auto& [path, content] : files) {
    const fs::path target = c.dir / path;
    std::error_code ignored;
    fs::create_directories(target.parent_path(), ignored);
    std::ofstream(target, std::ios::binary) << content;
  }
  return c;
}

void check_nothing_written(const FuzzCase& c, const std::string& how_it_failed) {
  for (const auto& entry : fs::recursive_directory_iterator(c.output_dir))
    finding("partial output after " + how_it_failed + ": " + entry.path().filename().string());
}

void check_quantity(double value, const std::string& what) {
  if (!std::isfinite(value) || value < 0) finding("silent nonsense: " + what + " = " + std::to_string(value));
}

void check_stats_file(const fs::path& stats) {
  std::ifstream in(stats);
  if (!in) finding("success without " + stats.filename().string());
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = line.substr(0, colon);
    std::istringstream rest(line.substr(colon + 1));
    std::string word;
    rest >> word;
    char* end = nullptr;
    const double value = std::strtod(word.c_str(), &end);
    if (word.empty() || end == word.c_str()) continue;  // not a number
    const bool energy_or_area = key.find("nergy") != std::string::npos || key.find("Area") != std::string::npos ||
                                key.find("J/Compute") != std::string::npos;
    if (!std::isfinite(value) || (energy_or_area && value < 0))
      finding("silent nonsense in " + stats.filename().string() + " line " + std::to_string(number) + ": " + line);
  }
}

}  // namespace cimloop::fuzz
