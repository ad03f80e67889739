#include "compat/v04/custom_functions.hpp"

#include <map>
#include <mutex>

#include "src/cim/phase_functions.hpp"
#include "src/cim/spec_functions.hpp"

namespace cimloop::compat::v04 {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, CustomFunctions> modules;
};

// Built in: CiMLoop's slicing_encoding.py (encodings and slice statistics) and the Wan
// macro's helper_functions.py (input phases), both in src/cim.
Registry& registry() {
  static Registry instance;
  static const bool built_in = [] {
    instance.modules["slicing_encoding.py"] = cim::call_cimloop_function;
    instance.modules["helper_functions.py"] = cim::call_phase_function;
    return true;
  }();
  (void)built_in;
  return instance;
}

std::string file_name_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

void register_custom_functions(const std::string& file_name, CustomFunctions functions) {
  std::lock_guard<std::mutex> lock(registry().mutex);
  registry().modules[file_name_of(file_name)] = std::move(functions);
}

const CustomFunctions* find_custom_functions(const std::string& path) {
  std::lock_guard<std::mutex> lock(registry().mutex);
  const auto found = registry().modules.find(file_name_of(path));
  return found == registry().modules.end() ? nullptr : &found->second;
}

std::vector<std::string> registered_custom_function_files() {
  std::lock_guard<std::mutex> lock(registry().mutex);
  std::vector<std::string> names;
  for (const auto& entry : registry().modules) names.push_back(entry.first);
  return names;
}

}  // namespace cimloop::compat::v04
