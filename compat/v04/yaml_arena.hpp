#pragma once
// yaml-cpp keeps every node in a memory pool and, when a node of one pool is put into a
// container of another, copies the whole inserted pool's node set into the container's. A
// fresh container receiving nodes of a loaded document therefore costs the document's size,
// and processing a specification built thousands of them. Inside a YamlArena, fresh_node()
// creates containers already in the arena's pool, so such insertions cost nothing.
#include <yaml-cpp/yaml.h>

namespace cimloop::compat::v04 {

class YamlArena {
 public:
  YamlArena();
  ~YamlArena();
  YamlArena(const YamlArena&) = delete;
  YamlArena& operator=(const YamlArena&) = delete;

 private:
  friend YAML::Node fresh_node(YAML::NodeType::value type);
  YAML::Node anchor_;
  YamlArena* outer_;
};

// A new empty map or sequence (in the current thread's arena, if one is open).
YAML::Node fresh_node(YAML::NodeType::value type);

}  // namespace cimloop::compat::v04
