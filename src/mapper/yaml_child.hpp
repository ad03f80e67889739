#pragma once
// Safe look-up of a map entry: yaml-cpp's const operator[] returns an "invalid" node for a
// missing key whose type queries throw; this returns a null node instead.
#include <string>

#include <yaml-cpp/yaml.h>

namespace cimloop::mapper {

inline YAML::Node child(const YAML::Node& node, const std::string& key) {
  if (!node.IsDefined() || !node.IsMap()) return YAML::Node();
  YAML::Node value = node[key];
  return value.IsDefined() ? value : YAML::Node();
}

// True for a node that carries a value (not missing, not YAML null).
inline bool present(const YAML::Node& node) { return node.IsDefined() && !node.IsNull(); }

}  // namespace cimloop::mapper
