#include "compat/cimloop/sweep_cache.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <thread>
#include <unistd.h>

#include "estimators/estimator.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat::cimloop {
namespace {

namespace fs = std::filesystem;

// Bump when a unit's measure changes meaning or format.
constexpr const char* kCacheFormat = "cimloop-explore unit v1";

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Relative path and bytes of every regular file under `folder`, in path order.
void add_folder(const fs::path& folder, std::string& digest_input) {
  if (!fs::is_directory(folder)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string text = file_text(file);
    digest_input += fs::relative(file, folder).generic_string() + "\n" + std::to_string(text.size()) + "\n" + text;
  }
}

void add_map(const char* label, const std::map<std::string, std::string>& entries, std::string& input) {
  input += label;
  for (const auto& [key, value] : entries) input += "\n" + key + "=" + value;
  input += "\n";
}

}  // namespace

std::string content_hash(const std::string& text) {
  // Two FNV-1a streams from different offsets give 128 bits.
  std::uint64_t low = 0xcbf29ce484222325ULL, high = 0x84222325cbf29ce4ULL;
  for (const unsigned char c : text) {
    low = (low ^ c) * 0x100000001b3ULL;
    high = (high ^ (c + 0x5bu)) * 0x100000001b3ULL;
  }
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(high),
                static_cast<unsigned long long>(low));
  return hex;
}

SweepCache::SweepCache(const SweepPlan& plan, std::string directory) : plan_(plan), directory_(std::move(directory)) {
  std::string input;
  std::set<fs::path> folders;
  for (const std::string& file : plan.base.files) folders.insert(fs::path(file).parent_path());
  for (const fs::path& folder : folders) add_folder(folder, input);
  add_folder(estimators::data_directory(), input);
  files_digest_ = content_hash(input);
}

std::string SweepCache::key(std::size_t unit) const {
  const MacroRunSpec spec = plan_.unit_spec(unit);
  std::string input = std::string(kCacheFormat) + "\n" + files_digest_ + "\nfiles";
  for (const std::string& file : spec.files) input.append("\n").append(fs::path(file).filename().string());
  const SweepLayer& layer = plan_.layers[plan_.layer_of(unit)];
  input += "\nlayer\n" + (layer.file.empty() ? std::string() : file_text(layer.file)) + "\n";
  add_map("jinja", spec.jinja, input);
  add_map("set", spec.overrides, input);
  add_map("mapper", spec.mapper, input);
  input += "threads=" + std::to_string(spec.threads.value_or(0)) + "\nconversion";
  const PimCategories& roles = plan_.categories;
  for (const std::string& name : roles.conversion) input += "\n" + name;
  input += std::string("\narray") + (roles.array_given ? "" : " (default)");
  for (const std::string& name : roles.array) input += "\n" + name;
  input += roles.conversion_given ? "\n" : "\n(default conversion)\n";
  return content_hash(input);
}

std::string SweepCache::path(std::size_t unit) const { return (fs::path(directory_) / (key(unit) + ".json")).string(); }

std::optional<std::string> SweepCache::load(std::size_t unit) const {
  const fs::path file = path(unit);
  if (!fs::exists(file)) return std::nullopt;
  return file_text(file);
}

void SweepCache::store(std::size_t unit, const std::string& text) const {
  // A temporary name of this process and thread: units with equal keys may finish together.
  const std::string target = path(unit);
  const std::string temporary = target + ".tmp." + std::to_string(getpid()) + "." +
                                std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  std::error_code ignored;
  fs::create_directories(directory_, ignored);
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out || std::rename(temporary.c_str(), target.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw InputError(target + ": cannot write the cache file");
  }
}

}  // namespace cimloop::compat::cimloop
