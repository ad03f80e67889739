#include "compat/v04/yaml_arena.hpp"

namespace cimloop::compat::v04 {

namespace {
thread_local YamlArena* current_arena = nullptr;
}

YamlArena::YamlArena() : anchor_(YAML::NodeType::Sequence), outer_(current_arena) { current_arena = this; }

YamlArena::~YamlArena() { current_arena = outer_; }

YAML::Node fresh_node(YAML::NodeType::value type) {
  YAML::Node node(type);
  // Joining the arena's pool costs one node; the anchor keeps the pool shared from then on.
  if (current_arena) current_arena->anchor_.push_back(node);
  return node;
}

}  // namespace cimloop::compat::v04
