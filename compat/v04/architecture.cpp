#include "compat/v04/architecture.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "compat/cimloop/array_processor.hpp"
#include "compat/v04/constraints.hpp"
#include "compat/v04/yaml_arena.hpp"

namespace cimloop::compat::v04 {
namespace {

struct WalkState {
  long long mesh_x = 1;
  long long mesh_y = 1;
  YAML::Node inherited{YAML::NodeType::Map};  // attributes of the containers so far
  Symbols symbols;                            // variables + inherited attributes
};

const std::set<std::string>& allowed_keys(const std::string& tag) {
  static const std::set<std::string> container = {"name", "attributes", "spatial", "constraints", "max_utilization"};
  static const std::set<std::string> component = {"name",        "class",      "subclass",     "attributes",
                                                  "constraints", "spatial",    "enabled",      "area_scale",
                                                  "energy_scale", "required_actions", "sparse_optimizations",
                                                  "max_utilization"};
  static const std::set<std::string> branch = {"name", "nodes"};
  static const std::set<std::string> nothing = {"name", "constraints"};
  if (tag == "!Container" || tag == "!ArrayContainer") return container;
  if (tag == "!Component") return component;
  if (tag == "!Nothing") return nothing;
  return branch;
}

Level::Kind classify(const std::string& cls) {
  for (const char* storage : {"DRAM", "SRAM", "regfile", "smartbuffer", "storage"})
    if (cls.find(storage) != std::string::npos) return Level::Kind::Storage;
  for (const char* compute : {"mac", "compute"})
    if (cls.find(compute) != std::string::npos) return Level::Kind::Compute;
  return Level::Kind::Other;
}

void set_default(YAML::Node& map, const std::string& key, const YAML::Node& value) {
  if (!find_key(map, key).IsDefined()) map.force_insert(key, value);
}

YAML::Node scalar(const char* text) { return YAML::Node(std::string(text)); }

void add_storage_defaults(YAML::Node& attributes) {
  set_default(attributes, "n_banks", scalar("2"));
  set_default(attributes, "cluster_size", scalar("1"));
  set_default(attributes, "reduction_supported", scalar("true"));
  set_default(attributes, "multiple_buffering", scalar("1"));
  set_default(attributes, "min_utilization", scalar("0"));
  set_default(attributes, "allow_overbooking", scalar("false"));
}

YAML::Node required_actions(Level::Kind kind) {
  YAML::Node actions = fresh_node(YAML::NodeType::Sequence);
  if (kind == Level::Kind::Storage)
    for (const char* action : {"read", "write", "leak", "update"}) actions.push_back(action);
  if (kind == Level::Kind::Compute) actions.push_back("compute");
  return actions;
}

class ArchitectureWalker {
 public:
  explicit ArchitectureWalker(const ReductionContext& context) : context_(context) {}

  ReducedArchitecture walk(const YAML::Node& architecture) {
    const YAML::Node nodes = find_key(architecture, "nodes");
    if (!nodes.IsSequence()) context_.loader.fail(architecture, "architecture.nodes", "must be a list of nodes");
    for (const auto& entry : architecture) {
      const std::string key = entry.first.Scalar();
      if (key != "nodes" && key != "version") context_.loader.fail(entry.first, "architecture." + key, "unknown key");
    }
    WalkState state;
    state.symbols = context_.variables;
    state.symbols["spec.problem.instance"] = context_.problem.instance;
    walk_list(nodes, state, "architecture.nodes");
    if (out_.top_name.empty()) context_.loader.fail(nodes, "architecture.nodes", "the first node must be a !Container");
    return std::move(out_);
  }

 private:
  void walk_list(const YAML::Node& nodes, WalkState& state, const std::string& key) {
    if (!nodes.IsSequence()) context_.loader.fail(nodes, key, "must be a list of nodes");
    for (const YAML::Node& node : nodes) visit(node, state, key);
  }

  void visit(const YAML::Node& node, WalkState& state, const std::string& key) {
    const std::string tag = node.Tag();
    static const std::set<std::string> known = {"!Container", "!ArrayContainer", "!Component", "!Hierarchical",
                                                "!Parallel",  "!Pipelined",      "!Nothing"};
    if (!known.count(tag))
      context_.loader.fail(node, key, tag.empty() || tag == "?" ? "node has no tag (expected !Container, !Component, ...)"
                                                                 : "unknown tag '" + tag + "'");
    if (!node.IsMap()) context_.loader.fail(node, key, tag + " must be a mapping");
    const std::string name = find_key(node, "name").IsScalar() ? find_key(node, "name").Scalar() : "";
    const std::string where = key + (name.empty() ? "" : "." + name);
    for (const auto& entry : node)
      if (!allowed_keys(tag).count(entry.first.Scalar()))
        context_.loader.fail(entry.first, where + "." + entry.first.Scalar(), "unknown key for " + tag);
    if (out_.top_name.empty() && tag != "!Container" && tag != "!ArrayContainer" && tag != "!Hierarchical")
      context_.loader.fail(node, where, "the first node must be a !Container");
    if (tag == "!Container" || tag == "!ArrayContainer") container(node, name, state, where);
    else if (tag == "!Component") component(node, name, state, where);
    else if (tag == "!Parallel") parallel(node, state, where);
    else if (tag == "!Nothing") return;
    else walk_list(find_key(node, "nodes"), state, where + ".nodes");  // Hierarchical, Pipelined
  }

  std::string required_name(const YAML::Node& node, const std::string& name, const std::string& key) const {
    if (name.empty()) context_.loader.fail(node, key, "node needs a name");
    for (const Level& level : out_.levels)
      if (level.name == name) context_.loader.fail(node, key, "duplicate level name '" + name + "'");
    return name;
  }

  // Evaluated in order; they see the nodes walked so far by name, with their evaluated
  // attributes (`star_coupler.attributes["n_inputs"]`), as timeloopfe binds parsed nodes.
  YAML::Node evaluated_attributes(const YAML::Node& node, const std::string& name, Symbols& symbols,
                                  const std::string& key) {
    const YAML::Node attributes = find_key(node, "attributes");
    YAML::Node evaluated = fresh_node(YAML::NodeType::Map);
    if (attributes.IsDefined() && !attributes.IsNull()) {
      if (!attributes.IsMap()) context_.loader.fail(attributes, key + ".attributes", "must be a mapping");
      Symbols scope = symbols;
      for (const auto& [walked, value] : walked_nodes_) scope.emplace(walked, value);
      evaluated = evaluate_map(attributes, scope, context_.loader, key + ".attributes", true);
      for (const auto& entry : evaluated) symbols[entry.first.Scalar()] = scope[entry.first.Scalar()];
    }
    if (const auto known = context_.loader.nodes().find(name); known != context_.loader.nodes().end())
      walked_nodes_[name] = Value::from_dict({{"spatial", *known->second.member("spatial")},
                                              {"attributes", yaml_to_value(evaluated)}});
    return evaluated;
  }

  // meshX * meshY of a `spatial:` block (1 x 1 when absent).
  std::pair<long long, long long> spatial_of(const YAML::Node& node, const Symbols& symbols, const std::string& key) const {
    const YAML::Node spatial = find_key(node, "spatial");
    if (!spatial.IsDefined() || spatial.IsNull()) return {1, 1};
    if (!spatial.IsMap()) context_.loader.fail(spatial, key + ".spatial", "must be a mapping {meshX, meshY}");
    long long mesh[2] = {1, 1};
    for (const auto& entry : spatial) {
      const std::string axis = entry.first.Scalar();
      if (axis != "meshX" && axis != "meshY") context_.loader.fail(entry.first, key + ".spatial." + axis, "unknown key");
      const YAML::Node value = evaluate_node(entry.second, symbols, context_.loader, key + ".spatial." + axis);
      mesh[axis == "meshX" ? 0 : 1] = positive_integer(value, entry.second, context_.loader, key + ".spatial." + axis);
    }
    return {mesh[0], mesh[1]};
  }

  YAML::Node constraints_of(const YAML::Node& node, const std::string& key) const {
    const YAML::Node constraints = find_key(node, "constraints");
    if (constraints.IsDefined() && !constraints.IsNull() && !constraints.IsMap())
      context_.loader.fail(constraints, key + ".constraints", "must be a mapping of spatial/temporal/dataspace");
    return constraints;
  }

  // A node's constraints see its own evaluated attributes as `attributes` (timeloopfe binds a
  // node's keys in order while parsing it), e.g. Albireo's f"R={attributes['assigned_r']}".
  void attach(Level& level, const YAML::Node& constraints, bool spatial_only, bool skip_spatial, const std::string& key,
              const YAML::Node& attributes = YAML::Node()) {
    if (!constraints.IsMap()) return;
    Symbols scope = context_.variables;
    if (attributes.IsMap()) scope["attributes"] = yaml_to_value(attributes);
    const ReductionContext node_context{context_.loader, context_.problem, scope, context_.variables_tree};
    for (const auto& entry : constraints) {
      const std::string type = entry.first.Scalar();
      if ((spatial_only && type != "spatial") || (skip_spatial && type == "spatial")) continue;
      set_directive(level, make_directive(type, entry.second, node_context, key + ".constraints." + type));
    }
  }

  Level& add_level(const std::string& name, Level::Kind kind, YAML::Node entry) {
    Level level;
    level.name = name;
    level.kind = kind;
    level.entry = entry;
    out_.levels.push_back(level);
    return out_.levels.back();
  }

  // Own attributes, then inherited ones, then the front end's defaults; always the mesh.
  YAML::Node finish_attributes(const YAML::Node& own, const WalkState& state, Level::Kind kind) const {
    YAML::Node attributes = fresh_node(YAML::NodeType::Map);
    for (const auto& entry : own)
      if (entry.first.Scalar() != "meshX" && entry.first.Scalar() != "meshY") attributes.force_insert(entry.first, entry.second);
    // A declared default of every component: containers' values do not reach it.
    set_default(attributes, "has_power_gating", scalar("false"));
    for (const auto& entry : state.inherited)
      if (entry.first.Scalar() != "meshX" && entry.first.Scalar() != "meshY") set_default(attributes, entry.first.Scalar(), entry.second);
    if (kind == Level::Kind::Storage) add_storage_defaults(attributes);
    attributes["meshX"] = std::to_string(state.mesh_x);
    attributes["meshY"] = std::to_string(state.mesh_y);
    set_default(attributes, "power_gated_at", YAML::Node(YAML::NodeType::Null));
    return attributes;
  }

  // The dummy storage level where a fan-out of `name` starts (at the outer mesh).
  Level& fanout_level(const std::string& name, const WalkState& outer, const YAML::Node& node, const std::string& key) {
    const std::string level_name = required_name(node, "inter_" + name + "_spatial", key);
    YAML::Node attributes = fresh_node(YAML::NodeType::Map);
    attributes["width"] = "1";
    attributes["depth"] = "1";
    attributes["datawidth"] = "1";
    attributes["technology"] = "-1";
    YAML::Node entry = fresh_node(YAML::NodeType::Map);
    entry["name"] = level_name + "[1.." + std::to_string(outer.mesh_x * outer.mesh_y) + "]";
    entry["class"] = "dummy_storage";
    entry["attributes"] = finish_attributes(attributes, outer, Level::Kind::Storage);
    entry["enabled"] = "true";
    Level& level = add_level(level_name, Level::Kind::Storage, entry);
    level.fanout_dummy = true;
    return level;
  }

  void container(const YAML::Node& node, const std::string& name, WalkState& state, const std::string& key) {
    required_name(node, name, key);
    YAML::Node attributes = evaluated_attributes(node, name, state.symbols, key);
    const bool cim_array = cimloop::is_cim_array(node, context_.variables);
    if (cim_array) cimloop::mark_cim_array(attributes);
    YAML::Node inherited = fresh_node(YAML::NodeType::Map);
    for (const auto& entry : state.inherited)
      if (!find_key(attributes, entry.first.Scalar()).IsDefined()) inherited.force_insert(entry.first, entry.second);
    for (const auto& entry : attributes) {
      inherited.force_insert(entry.first, entry.second);
      state.symbols[entry.first.Scalar()] = yaml_to_value(entry.second);
    }
    state.inherited.reset(inherited);
    if (out_.top_name.empty()) set_top(name, attributes);
    const auto [mesh_x, mesh_y] = spatial_of(node, state.symbols, key);
    const YAML::Node constraints = constraints_of(node, key);
    out_.leaves.push_back(cimloop::read_leaf(node, name, mesh_x * mesh_y, context_, key));
    if (mesh_x * mesh_y == 1) {
      // No level of its own: timeloopfe drops such a container's constraints (CiMLoop's
      // container defaults on its system and macro containers).
      out_.containers_without_level.insert(name);
      if (constraints.IsMap())
        for (const auto& entry : constraints)
          out_.detached_directives.push_back(
              make_directive(entry.first.Scalar(), entry.second, context_, key + ".constraints." + entry.first.Scalar()));
      return;
    }
    Level& level = fanout_level(name, state, node, key);
    level.node_fanout = mesh_x * mesh_y;
    out_.container_levels[name] = level.name;
    // timeloopfe gives the fan-out dummy the container's spatial constraint only; its own
    // temporal and dataspace ones are the dummy's defaults (add_dummy_directives).
    attach(level, constraints, true, false, key, attributes);
    detach_all_but_spatial(constraints, key);
    if (cim_array) {
      // Replaced, not assigned: the input's split node is shared by every container (anchors).
      YAML::Node& body = spatial_directive(level).body;
      body.remove("split");
      body.force_insert("split", cimloop::cim_array_split(mesh_y));
    }
    state.mesh_x *= mesh_x;
    state.mesh_y *= mesh_y;
  }

  void detach_all_but_spatial(const YAML::Node& constraints, const std::string& key) {
    if (!constraints.IsMap()) return;
    for (const auto& entry : constraints)
      if (entry.first.Scalar() != "spatial")
        out_.detached_directives.push_back(
            make_directive(entry.first.Scalar(), entry.second, context_, key + ".constraints." + entry.first.Scalar()));
  }

  Directive& spatial_directive(Level& level) {
    if (Directive* existing = find_directive(level, "spatial")) return *existing;
    level.directives.insert(level.directives.begin(), Directive{"spatial", fresh_node(YAML::NodeType::Map)});
    return level.directives.front();
  }

  void set_top(const std::string& name, const YAML::Node& attributes) {
    out_.top_name = name + "_top_level";
    YAML::Node top = fresh_node(YAML::NodeType::Map);
    top["version"] = version_text();
    for (const auto& entry : context_.variables_tree) top[entry.first.Scalar()] = entry.second;
    for (const auto& entry : attributes) top[entry.first.Scalar()] = entry.second;
    set_default(top, "has_power_gating", scalar("false"));
    set_default(top, "power_gated_at", YAML::Node(YAML::NodeType::Null));
    out_.top_attributes = top;
  }

  void component(const YAML::Node& node, const std::string& name, WalkState& state, const std::string& key) {
    const YAML::Node enabled = find_key(node, "enabled");
    if (enabled.IsDefined() && !yaml_to_value(evaluate_node(enabled, state.symbols, context_.loader, key + ".enabled")).truthy())
      return;
    required_name(node, name, key);
    const YAML::Node cls = find_key(node, "class");
    if (!cls.IsScalar()) context_.loader.fail(node, key + ".class", "a !Component needs a class");
    Symbols own_symbols = state.symbols;
    YAML::Node attributes = evaluated_attributes(node, name, own_symbols, key);
    const YAML::Node constraints = constraints_of(node, key);
    const auto [mesh_x, mesh_y] = spatial_of(node, own_symbols, key);
    out_.leaves.push_back(cimloop::read_leaf(node, name, mesh_x * mesh_y, context_, key));
    if (mesh_x * mesh_y > 1) {
      Level& fanout = fanout_level(name, state, node, key);
      fanout.node_fanout = mesh_x * mesh_y;
      out_.component_fanouts[name] = fanout.name;
      attach(fanout, constraints, true, false, key, attributes);
      state.mesh_x *= mesh_x;
      state.mesh_y *= mesh_y;
    }
    const Level::Kind kind = classify(cls.Scalar());
    YAML::Node entry = fresh_node(YAML::NodeType::Map);
    entry["name"] = name + "[1.." + std::to_string(state.mesh_x * state.mesh_y) + "]";
    entry["class"] = cls;
    if (const YAML::Node subclass = find_key(node, "subclass"); subclass.IsDefined()) entry["subclass"] = subclass;
    entry["attributes"] = finish_attributes(attributes, state, kind);
    for (const char* extra : {"area_scale", "energy_scale"})
      if (const YAML::Node value = find_key(node, extra); value.IsDefined())
        entry[extra] = evaluate_node(value, own_symbols, context_.loader, key + "." + extra);
    if (kind != Level::Kind::Other) entry["required_actions"] = required_actions(kind);
    entry["enabled"] = "true";
    attach(add_level(name, kind, entry), constraints, false, mesh_x * mesh_y > 1, key, attributes);
    if (const YAML::Node sparse = find_key(node, "sparse_optimizations"); sparse.IsMap()) {
      YAML::Node target = fresh_node(YAML::NodeType::Map);
      target["target"] = name;
      for (const auto& item : sparse) target.force_insert(item.first, item.second);
      out_.sparse_targets.push_back(target);
    }
  }

  // Children become consecutive levels at the same mesh; each keeps its share of the
  // dataspaces and bypasses the rest. A child without dataspace constraints takes what no other
  // child claims; a dataspace claimed by two children is an error.
  void parallel(const YAML::Node& node, const WalkState& state, const std::string& key) {
    const YAML::Node children = find_key(node, "nodes");
    if (!children.IsSequence()) context_.loader.fail(node, key + ".nodes", "must be a list of nodes");
    std::vector<std::pair<int, std::optional<std::set<std::string>>>> shares;  // level (-1: none), claim
    for (const YAML::Node& child : children) {
      if (child.Tag() != "!Component" && child.Tag() != "!Nothing")
        context_.loader.fail(child, key, "only !Component and !Nothing nodes are supported inside !Parallel");
      WalkState branch = state;
      const size_t before = out_.levels.size();
      visit(child, branch, key + ".nodes");
      const int index = out_.levels.size() > before ? static_cast<int>(out_.levels.size()) - 1 : -1;
      shares.emplace_back(index, claimed_dataspaces(child, index, key));
    }
    std::map<std::string, int> keepers;
    std::set<std::string> unclaimed(context_.problem.dataspaces.begin(), context_.problem.dataspaces.end());
    for (const auto& share : shares)
      if (share.second)
        for (const std::string& ds : *share.second) {
          ++keepers[ds];
          unclaimed.erase(ds);
        }
    for (auto& share : shares)
      if (!share.second) {
        for (const std::string& ds : unclaimed) ++keepers[ds];
        share.second = unclaimed;
      }
    for (const std::string& ds : context_.problem.dataspaces)
      if (keepers[ds] > 1)
        context_.loader.fail(node, key, "dataspace '" + ds + "' is kept by " + std::to_string(keepers[ds]) +
                                            " branches of the !Parallel (at most one may keep it)");
    for (const auto& [index, kept] : shares)
      if (index >= 0) bypass_others(out_.levels[static_cast<size_t>(index)], *kept);
  }

  // The dataspaces a !Parallel child keeps by its own constraints; nullopt without any.
  std::optional<std::set<std::string>> claimed_dataspaces(const YAML::Node& child, int index, const std::string& key) {
    Directive nothing_directive;
    const Directive* directive = nullptr;
    if (index >= 0) {
      directive = find_directive(out_.levels[static_cast<size_t>(index)], "bypass");
    } else if (const YAML::Node dataspace = find_key(find_key(child, "constraints"), "dataspace"); dataspace.IsDefined()) {
      nothing_directive = make_directive("dataspace", dataspace, context_, key + ".constraints.dataspace");
      directive = &nothing_directive;
    }
    const YAML::Node keep = directive ? find_key(directive->body, "keep") : YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node bypass = directive ? find_key(directive->body, "bypass") : YAML::Node(YAML::NodeType::Undefined);
    if (!keep.IsDefined() && !bypass.IsDefined()) return std::nullopt;
    std::set<std::string> kept;
    if (keep.IsDefined()) {
      for (const YAML::Node& ds : keep) kept.insert(ds.Scalar());
      return kept;
    }
    std::set<std::string> bypassed;
    for (const YAML::Node& ds : bypass) bypassed.insert(ds.Scalar());
    for (const std::string& ds : context_.problem.dataspaces)
      if (!bypassed.count(ds)) kept.insert(ds);
    return kept;
  }

  void bypass_others(Level& level, const std::set<std::string>& kept) {
    Directive* directive = find_directive(level, "bypass");
    if (!directive) {
      level.directives.push_back({"bypass", fresh_node(YAML::NodeType::Map)});
      directive = &level.directives.back();
    }
    YAML::Node bypass = find_key(directive->body, "bypass");
    YAML::Node list = fresh_node(YAML::NodeType::Sequence);
    std::set<std::string> listed;
    if (bypass.IsSequence())
      for (const YAML::Node& ds : bypass) {
        list.push_back(ds.Scalar());
        listed.insert(ds.Scalar());
      }
    for (const std::string& ds : context_.problem.dataspaces)
      if (!kept.count(ds) && !listed.count(ds)) list.push_back(ds);
    directive->body["bypass"] = list;
  }

  const ReductionContext& context_;
  ReducedArchitecture out_;
  std::map<std::string, Value> walked_nodes_;  // see evaluated_attributes
};

void collect_nodes(const YAML::Node& nodes, const Symbols& variables, const SpecLoader& loader,
                   std::map<std::string, Value>& out) {
  if (!nodes.IsSequence()) return;
  for (const YAML::Node& node : nodes) {
    if (!node.IsMap()) continue;
    collect_nodes(find_key(node, "nodes"), variables, loader, out);
    const YAML::Node name = find_key(node, "name");
    if (!name.IsScalar()) continue;
    std::vector<std::pair<std::string, Value>> mesh;
    const YAML::Node spatial = find_key(node, "spatial");
    for (const char* axis : {"meshX", "meshY"}) {
      const YAML::Node given = find_key(spatial, axis);
      Value value = Value::from_int(1);
      if (given.IsDefined() && !given.IsNull())
        value = yaml_to_value(evaluate_node(given, variables, loader, "spatial." + std::string(axis)));
      if (value.kind != Value::Kind::Int) value = Value::from_int(1);  // the walk reports bad meshes
      mesh.emplace_back(axis, value);
    }
    out[name.Scalar()] = Value::from_dict({{"spatial", Value::from_dict(mesh)}});
  }
}

}  // namespace

std::map<std::string, Value> architecture_nodes(const YAML::Node& architecture, const Symbols& variables,
                                                const SpecLoader& loader) {
  std::map<std::string, Value> out;
  collect_nodes(find_key(architecture, "nodes"), variables, loader, out);
  return out;
}

ReducedArchitecture walk_architecture(const YAML::Node& architecture, const ReductionContext& context) {
  return ArchitectureWalker(context).walk(architecture);
}

YAML::Node architecture_tree(const ReducedArchitecture& architecture) {
  YAML::Node local = fresh_node(YAML::NodeType::Sequence);
  for (const Level& level : architecture.levels) local.push_back(level.entry);
  YAML::Node top = fresh_node(YAML::NodeType::Map);
  top["name"] = architecture.top_name;
  top["attributes"] = architecture.top_attributes;
  top["local"] = local;
  YAML::Node tree = fresh_node(YAML::NodeType::Map);
  tree["version"] = version_text();
  tree["subtree"].push_back(top);
  return tree;
}

}  // namespace cimloop::compat::v04
