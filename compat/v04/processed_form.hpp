#pragma once
// The processed form's scalars as timeloopfe writes them (parsed-processed-input.yaml):
// booleans and nulls in lower case, strings quoted in the input or that YAML would not read
// back as plain text double-quoted, every other scalar plain.
#include <string>

#include <yaml-cpp/yaml.h>

namespace cimloop::compat::v04 {

// The processed tree as YAML text (strings quoted in the input, or computed, stay quoted).
std::string processed_to_text(const YAML::Node& processed);

// Gives the tree, in place, the scalars and tags that reading processed_to_text's text back
// would give it (keeping the nodes' marks, which point into the specification's files).
void canonicalize_processed(YAML::Node processed);

}  // namespace cimloop::compat::v04
