#pragma once
// Combining the top-level keys of several v0.4 files, as timeloopfe's from_yaml_files does:
// keys are matched to sections (exact names, then by substring in the order components,
// constraints, mapping, globals: `extra_mapping_constraints` is a constraints section);
// maps given by several files merge (later files win), lists concatenate.
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/v04/spec_loader.hpp"

namespace cimloop::compat::v04 {

struct Sections {
  YAML::Node architecture, problem, variables, globals, mapper, mapspace;
  YAML::Node mapping{YAML::NodeType::Sequence};             // v0.4 `mapping:` entries
  YAML::Node constraint_targets{YAML::NodeType::Sequence};  // `constraints.targets` entries
  YAML::Node component_classes{YAML::NodeType::Sequence};   // flattened compound component classes
  YAML::Node sparse_targets{YAML::NodeType::Sequence};
  bool has_sparse = false;
  std::vector<std::pair<std::string, YAML::Node>> passthrough;  // ERT, ART, model: processed form already
};

Sections combine_files(SpecLoader& loader, const std::vector<std::string>& files);

// Map merge where `over` wins: maps merge recursively, anything else is replaced.
YAML::Node override_merge(const YAML::Node& base, const YAML::Node& over);

}  // namespace cimloop::compat::v04
