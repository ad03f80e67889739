#include "compat/v04/model_inputs.hpp"

#include <algorithm>

#include "compat/timeloop/output_files.hpp"
#include "compat/v04/spec_loader.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat::v04 {

bool is_v04_option(const std::string& arg) { return arg == "--var" || arg == "--set" || arg == "--dump-processed"; }

std::string add_v04_option(const std::string& arg, const std::string& value, V04Options& options) {
  if (arg == "--dump-processed") {
    options.dump_processed = value;
    return "";
  }
  const size_t equals = value.find('=');
  if (equals == 0 || equals == std::string::npos) return arg + " needs NAME=VALUE, got '" + value + "'.";
  auto& values = arg == "--set" ? options.variable_overrides : options.template_vars;
  values[value.substr(0, equals)] = value.substr(equals + 1);
  return "";
}

MergedInput load_program_inputs(const std::vector<std::string>& paths, const V04Options& options, Purpose purpose) {
  if (any_raw_v04(paths))
    return merged_from_v04(paths, options.template_vars, purpose, options.dump_processed, options.variable_overrides);
  if (!options.dump_processed.empty())
    throw InputError("--dump-processed: none of the input files is a raw v0.4 specification");
  if (!options.variable_overrides.empty())
    throw InputError("--set: none of the input files is a raw v0.4 specification (processed inputs have no variables)");
  return load_merged_inputs(paths);
}

bool any_raw_v04(const std::vector<std::string>& paths) {
  return std::any_of(paths.begin(), paths.end(), [](const std::string& path) { return is_raw_v04(path); });
}

MergedInput merged_from_v04(const std::vector<std::string>& paths, const std::map<std::string, std::string>& template_vars,
                            Purpose purpose, const std::string& dump_path,
                            const VariableOverrides& variable_overrides) {
  ProcessedV04 processed = process_v04_located(paths, template_vars, purpose, variable_overrides);
  if (!dump_path.empty()) write_files_atomically({{dump_path, processed_to_text(processed.root)}});
  MergedInput merged;
  merged.root = processed.root;
  merged.sources.add_line_table(paths.front(), std::move(processed.line_origins));
  return merged;
}

}  // namespace cimloop::compat::v04
