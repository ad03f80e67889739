#pragma once
// The v0.4 architecture walk: `nodes` (!Container, !Component, !Hierarchical, !Parallel,
// !Pipelined, !Nothing) to the flat list of levels of the processed tree form, with inherited
// container attributes, mesh multiplication, `inter_<name>_spatial` fan-out levels, front-end
// default attributes and the nodes' own constraints attached.
#include <yaml-cpp/yaml.h>

#include "compat/v04/reduction.hpp"

namespace cimloop::compat::v04 {

ReducedArchitecture walk_architecture(const YAML::Node& architecture, const ReductionContext& context);

// Every named node as expressions see it (SpecLoader::set_nodes); expressions may name later
// nodes, so this comes before the walk.
std::map<std::string, Value> architecture_nodes(const YAML::Node& architecture, const Symbols& variables,
                                                const SpecLoader& loader);

// `architecture: {version: '0.4', subtree: [{name, attributes, local}]}`.
YAML::Node architecture_tree(const ReducedArchitecture& architecture);

}  // namespace cimloop::compat::v04
