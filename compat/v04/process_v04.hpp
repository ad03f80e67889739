#pragma once
// Raw Timeloop v0.4 specifications (what timeloopfe reads) to the processed form that
// timeloop-model / timeloop-mapper consume (timeloopfe's parsed-processed-input.yaml):
// `architecture: {version, subtree: [{name, attributes, local}]}`, `problem`, `mapping` or
// `architecture_constraints`, `compound_components`, `mapper`, `mapspace`, `globals`.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/v04/processed_form.hpp"

namespace cimloop::compat::v04 {

// Model: constraints and mapping go under `mapping:` (architecture_constraints empty).
// Mapper: they go under `architecture_constraints.targets` (mapping empty).
enum class Purpose { Model, Mapper };

// Top-level variables set from outside (NAME -> expression, e.g. an operating point
// VOLTAGE -> "0.9"), as CiMLoop's scripts set spec.variables: a defined variable's expression
// is replaced. A name the specification does not define is an error (a typo on the command
// line), unless `may_add` (CiMLoop's quick_run adds e.g. AVERAGE_OUTPUT_VALUE): then it is
// added before the specification's variables, as quick_run orders them. MAX_UTILIZATION, the
// ArrayProcessor's switch, may always be added (last, as get_spec adds it).
struct VariableOverrides {
  std::map<std::string, std::string> values;
  bool may_add = false;

  VariableOverrides() = default;
  VariableOverrides(std::map<std::string, std::string> given, bool add = false)  // NOLINT: a map converts
      : values(std::move(given)), may_add(add) {}
};

// `files` are read like timeloopfe's from_yaml_files (first = entry point); `template_vars`
// are the Jinja2 variables. ERT/ART/model keys pass through unchanged. Throws InputError.
YAML::Node process_v04(const std::vector<std::string>& files, const std::map<std::string, std::string>& template_vars,
                       Purpose purpose, const VariableOverrides& variable_overrides = {});
// The same, with the origin (file, 1-based line) of every line its nodes' marks name: nodes
// taken from the specification keep their place in its files; computed nodes have no mark.
struct ProcessedV04 {
  YAML::Node root;
  std::vector<std::pair<std::string, int>> line_origins;
};
ProcessedV04 process_v04_located(const std::vector<std::string>& files, const std::map<std::string, std::string>& template_vars,
                                 Purpose purpose, const VariableOverrides& variable_overrides = {});
// The same, as the text of processed_to_text (what --dump-processed writes).
std::string process_v04_text(const std::vector<std::string>& files, const std::map<std::string, std::string>& template_vars,
                             Purpose purpose, const VariableOverrides& variable_overrides = {});

// True for inputs only the v0.4 reader understands: Jinja2 files, v0.4 node tags, template
// markup, `<<<` merges, or an architecture given as `nodes`.
bool is_raw_v04(const std::string& path);

}  // namespace cimloop::compat::v04
