#include "src/cim/macro_source.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>

#include "compat/v04/model_inputs.hpp"
#include "src/cim/chain_evaluation.hpp"
#include "src/cim/macro_variables.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace {

namespace fs = std::filesystem;

std::vector<std::string> chain_files(const fs::path& manifest) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(manifest.string());
  } catch (const YAML::Exception& e) {
    throw InputError(manifest.string() + ": " + e.msg);
  }
  const YAML::Node files = root["files"];
  if (!files.IsSequence() || files.size() == 0)
    throw InputError(manifest.string() + ": `files` must list the v0.4 files to evaluate");
  std::vector<std::string> out;
  for (const YAML::Node& file : files) {
    const fs::path path = manifest.parent_path() / file.as<std::string>();
    if (!fs::exists(path)) throw InputError(manifest.string() + ": files: no such file " + path.string());
    out.push_back(path.string());
  }
  return out;
}

// The names of the specification's top-level variables, after processing.
std::set<std::string> chain_variable_names(const std::vector<std::string>& files) {
  const compat::MergedInput merged = compat::v04::merged_from_v04(files, {}, compat::v04::Purpose::Model, "");
  std::set<std::string> names;
  for (const auto& entry : processed_variables(merged.root)) names.insert(entry.first.Scalar());
  return names;
}

std::string expression_of(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

}  // namespace

MacroSource::MacroSource(const std::string& macro_dir, const std::string& name) : name_(name) {
  const fs::path folder = fs::path(macro_dir) / name;
  if (fs::exists(folder / "accuracy.yaml")) {
    use_chain(chain_files(folder / "accuracy.yaml"));
  } else if (fs::exists(folder / "macro.yaml")) {
    form_ = "macro.yaml";
    spec_ = std::make_unique<MacroSpec>(read_macro_spec((folder / "macro.yaml").string()));
  } else {
    throw InputError("no macro description " + (folder / "accuracy.yaml").string() + " or macro.yaml");
  }
}

bool are_v04_macro_files(const std::vector<std::string>& files) {
  return files.size() > 1 || (files.size() == 1 && compat::v04::is_raw_v04(files[0]));
}

std::string v04_macro_name(const std::vector<std::string>& files) {
  return files.empty() ? std::string() : fs::absolute(files[0]).parent_path().filename().string();
}

std::map<std::string, std::string> v04_overrides(const std::map<std::string, double>& operating_point,
                                                 const std::map<std::string, std::string>& text) {
  std::map<std::string, std::string> overrides;
  for (const auto& [variable, value] : operating_point) overrides[variable] = expression_of(value);
  for (const auto& [variable, value] : text) overrides[variable] = "'" + value + "'";
  return overrides;
}

MacroSource::MacroSource(const std::vector<std::string>& files) {
  if (files.empty()) throw InputError("no macro description given");
  if (!are_v04_macro_files(files)) {
    form_ = "macro.yaml";
    spec_ = std::make_unique<MacroSpec>(read_macro_spec(files[0]));
    name_ = spec_->name;
    return;
  }
  for (const std::string& file : files)
    if (!fs::exists(file)) throw InputError(file + ": no such file");
  name_ = v04_macro_name(files);
  use_chain(files);
}

void MacroSource::use_chain(const std::vector<std::string>& files) {
  form_ = "chain";
  chain_files_ = files;
}

bool MacroSource::has_variable(const std::string& name) const {
  if (spec_) return cim::has_variable(*spec_, name);
  // Processed on first use only: the report never asks, the accuracy suite once per macro.
  if (!chain_variables_) chain_variables_ = chain_variable_names(chain_files_);
  return chain_variables_->count(name) > 0;
}

MacroResult MacroSource::evaluate(const std::map<std::string, double>& operating_point,
                                  const std::map<std::string, std::string>& text,
                                  const LayerDistributions* layer) const {
  if (spec_) return evaluate_macro(*spec_, layer ? *layer : default_distributions(*spec_), operating_point, text);
  if (layer) throw InputError("a layer's histograms go into the problem file of a v0.4 macro");
  return evaluate_v04_macro(name_, chain_files_, v04_overrides(operating_point, text));
}

}  // namespace cimloop::cim
