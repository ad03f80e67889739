#include "compat/v04/model_inputs.hpp"

#include <algorithm>
#include <cstdlib>

#include "compat/timeloop/output_files.hpp"
#include "compat/v04/spec_loader.hpp"

namespace cimloop::compat::v04 {

bool any_raw_v04(const std::vector<std::string>& paths) {
  return std::any_of(paths.begin(), paths.end(), [](const std::string& path) { return is_raw_v04(path); });
}

MergedInput merged_from_v04(const std::vector<std::string>& paths, const std::map<std::string, std::string>& template_vars,
                            Purpose purpose, const std::string& dump_path) {
  const std::string text = processed_to_text(process_v04(paths, template_vars, purpose));
  if (!dump_path.empty()) write_files_atomically({{dump_path, text}});
  MergedInput merged;
  merged.root = YAML::Load(text);
  merged.sources.add_file("<processed v0.4 input>", static_cast<int>(std::count(text.begin(), text.end(), '\n')));
  const YAML::Node environment = find_key(find_key(merged.root, "globals"), "environment_variables");
  if (environment.IsMap())
    for (const auto& entry : environment)
      if (entry.second.IsScalar()) setenv(entry.first.Scalar().c_str(), entry.second.Scalar().c_str(), 1);
  return merged;
}

}  // namespace cimloop::compat::v04
