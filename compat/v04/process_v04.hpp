#pragma once
// Raw Timeloop v0.4 specifications (what timeloopfe reads) to the processed form that
// timeloop-model / timeloop-mapper consume (timeloopfe's parsed-processed-input.yaml):
// `architecture: {version, subtree: [{name, attributes, local}]}`, `problem`, `mapping` or
// `architecture_constraints`, `compound_components`, `mapper`, `mapspace`, `globals`.
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace cimloop::compat::v04 {

// Model: constraints and mapping go under `mapping:` (architecture_constraints empty).
// Mapper: they go under `architecture_constraints.targets` (mapping empty).
enum class Purpose { Model, Mapper };

// `files` are read like timeloopfe's from_yaml_files (first = entry point); `template_vars`
// are the Jinja2 variables; `variable_overrides` replace the expressions of top-level
// `variables` (NAME -> expression, e.g. an operating point VOLTAGE -> "0.9"), as CiMLoop's
// scripts set spec.variables; naming a variable the specification does not define is an
// error. ERT/ART/model keys pass through unchanged. Throws InputError.
YAML::Node process_v04(const std::vector<std::string>& files, const std::map<std::string, std::string>& template_vars,
                       Purpose purpose, const std::map<std::string, std::string>& variable_overrides = {});

// True for inputs only the v0.4 reader understands: Jinja2 files, v0.4 node tags, template
// markup, `<<<` merges, or an architecture given as `nodes`.
bool is_raw_v04(const std::string& path);

// The processed tree as YAML text (strings quoted in the input, or computed, stay quoted).
std::string processed_to_text(const YAML::Node& processed);

}  // namespace cimloop::compat::v04
