#pragma once
// Shared state of the v0.4 -> processed reduction: the problem facts constraints need, the
// flat list of levels the architecture walk produces, and the directives attached to them.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/v04/spec_loader.hpp"
#include "compat/v04/spec_values.hpp"

namespace cimloop::compat::v04 {

struct ProblemInfo {
  std::vector<std::string> dimensions;                         // declaration order
  std::map<std::string, long long> bounds;                     // instance value per dimension
  std::vector<std::string> dataspaces;                         // declaration order
  std::map<std::string, std::set<std::string>> dataspace_dims;  // dimensions in each projection
  Value instance;  // the evaluated instance as a dict (`spec.problem.instance` in expressions)
};

struct Factor {
  std::string dimension;
  std::string op;  // "=", "<=", ">=" or "" (mapper style `M8`)
  long long value;
};

// One mapping/constraint directive of a level, already in processed form
// (`factors: R=1,P=16`, `permutation: RP`, `type: bypass` with keep/bypass lists).
struct Directive {
  std::string type;  // temporal, spatial or bypass
  YAML::Node body;   // every key but target and type

  Directive() = default;
  Directive(std::string directive_type, YAML::Node directive_body) : type(std::move(directive_type)), body(directive_body) {}
  Directive(const Directive&) = default;
  // Rebinds instead of assigning: assigning a YAML::Node overwrites the node it refers to
  // (vector insertions and replacements assign elements).
  Directive& operator=(const Directive& other) {
    type = other.type;
    body.reset(other.body);
    return *this;
  }
};

struct Level {
  enum class Kind { Storage, Compute, Other };
  std::string name;
  Kind kind = Kind::Other;
  bool fanout_dummy = false;
  long long node_fanout = 1;  // fan-out dummy: meshX * meshY of the node it stands for
  YAML::Node entry;  // the `local` entry
  std::vector<Directive> directives;

  Level() = default;
  Level(const Level&) = default;
  Level& operator=(const Level& other) {  // rebinds `entry`, see Directive
    name = other.name;
    kind = other.kind;
    fanout_dummy = other.fanout_dummy;
    node_fanout = other.node_fanout;
    entry.reset(other.entry);
    directives = other.directives;
    return *this;
  }
};

// A node as CiMLoop's maximum-utilisation workload synthesis sees it (array_processor.hpp):
// its fan-out and its own spatial constraint, before any macro is expanded.
struct LeafNode {
  std::string name;
  long long fanout = 1;
  std::vector<Factor> spatial_factors;          // constraints.spatial.factors
  bool spatial_factors_only = false;            // constraints.spatial.factors_only given
  std::set<std::string> no_iteration_dimensions;  // of constraints.spatial.no_iteration_over_dataspaces
  std::vector<Factor> max_utilization;          // max_utilization.{spatial,temporal}.factors
  bool has_max_utilization = false;
};

struct ReducedArchitecture {
  std::string top_name;
  YAML::Node top_attributes;
  std::vector<Level> levels;                          // outermost first
  std::map<std::string, std::string> container_levels;  // container name -> its fan-out level
  std::map<std::string, std::string> component_fanouts;  // component with own `spatial` -> its fan-out level
  std::set<std::string> containers_without_level;
  // Constraints of containers without fan-out: dropped from the output, as timeloopfe drops
  // them, but their factors count when maximize_dims finds what is left of each dimension.
  std::vector<Directive> detached_directives;
  std::vector<LeafNode> leaves;  // every !Container and !Component, in document order
  YAML::Node sparse_targets{YAML::NodeType::Sequence};  // nodes' own sparse_optimizations, with target
};

struct ReductionContext {
  const SpecLoader& loader;
  const ProblemInfo& problem;
  const Symbols& variables;
  const YAML::Node& variables_tree;  // evaluated `variables`, in file order
};

}  // namespace cimloop::compat::v04
