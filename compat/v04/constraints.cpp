#include "compat/v04/constraints.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace cimloop::compat::v04 {
namespace {

const std::set<std::string>& passthrough_keys() {
  static const std::set<std::string> keys = {
      "split",        "no_reuse",          "no_temporal_reuse",      "no_coalesce",           "rmw_first_update",
      "no_link_transfer", "maximize_dims", "maximize_dims_capacity", "min_parallelism",       "default_max_factor",
      "default_min_factor", "max_overbooked_proportion", "modulo",   "terms"};
  return keys;
}

const std::set<std::string>& dataspace_list_keys() {
  static const std::set<std::string> keys = {"keep", "bypass", "no_reuse", "no_temporal_reuse", "no_coalesce",
                                             "rmw_first_update", "no_link_transfer"};
  return keys;
}

std::string permutation_text(const YAML::Node& node, const ReductionContext& context, const std::string& key) {
  std::string out;
  if (node.IsScalar()) {
    for (char c : node.Scalar())
      if (c != ' ' && c != ',') out += c;
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) context.loader.fail(item, key, "permutation entries must be dimension names");
      out += item.Scalar();
    }
  } else {
    context.loader.fail(node, key, "permutation must be a string or a list");
  }
  return out;
}

std::vector<std::string> name_list(const YAML::Node& node, const ReductionContext& context, const std::string& key) {
  if (!node.IsSequence()) context.loader.fail(node, key, "must be a list of dataspace names");
  std::vector<std::string> out;
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) context.loader.fail(item, key, "must be a list of names");
    if (item.Scalar() == "*") return context.problem.dataspaces;
    out.push_back(item.Scalar());
  }
  return out;
}

YAML::Node sequence_of(const std::vector<std::string>& names) {
  YAML::Node out(YAML::NodeType::Sequence);
  for (const std::string& name : names) out.push_back(name);
  return out;
}

// Dimensions set to 1 by the factor macros, in problem order.
std::vector<std::string> macro_unit_dimensions(const std::string& macro, const std::vector<std::string>& dataspaces,
                                               const ReductionContext& context) {
  std::set<std::string> touched;
  for (const std::string& ds : dataspaces) {
    const auto dims = context.problem.dataspace_dims.find(ds);
    if (dims != context.problem.dataspace_dims.end()) touched.insert(dims->second.begin(), dims->second.end());
  }
  std::vector<std::string> out;
  for (const std::string& dim : context.problem.dimensions) {
    const bool indexes = touched.count(dim) > 0;
    if (macro == "factors_only" || (macro == "no_iteration_over_dataspaces" && indexes) ||
        (macro == "must_iterate_over_dataspaces" && !indexes))
      out.push_back(dim);
  }
  return out;
}

void expand_keep_macro(const std::string& macro, const YAML::Node& value, Directive& directive,
                       const ReductionContext& context, const std::string& key) {
  const std::vector<std::string> listed = name_list(value, context, key);
  std::vector<std::string> others;
  for (const std::string& ds : context.problem.dataspaces)
    if (std::find(listed.begin(), listed.end(), ds) == listed.end()) others.push_back(ds);
  directive.body[macro == "keep_only" ? "keep" : "bypass"] = sequence_of(listed);
  directive.body[macro == "keep_only" ? "bypass" : "keep"] = sequence_of(others);
}

std::string canonical_type(const std::string& type) {
  if (type == "dataspace" || type == "datatype" || type == "bypass") return "bypass";
  return type;
}

}  // namespace

std::vector<Factor> parse_factor_text(const std::string& text, const YAML::Node& node, const ReductionContext& context,
                                      const std::string& key) {
  static const std::regex factor(R"(([A-Za-z_][A-Za-z0-9_]*?)\s*(<=|>=|=)?\s*(-?[0-9]+))");
  std::vector<Factor> out;
  std::string rest;
  auto begin = std::sregex_iterator(text.begin(), text.end(), factor);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    rest += text.substr(last, static_cast<size_t>(it->position()) - last);
    last = static_cast<size_t>(it->position() + it->length());
    const std::string digits = (*it)[3];
    if (digits.size() > 18) context.loader.fail(node, key, "factor '" + it->str() + "' is too large");
    out.push_back({(*it)[1], (*it)[2], std::stoll(digits)});
  }
  rest += text.substr(last);
  if (rest.find_first_not_of(" \t,") != std::string::npos)
    context.loader.fail(node, key, "cannot read factors '" + text + "' (expected e.g. 'R=3 P=16' or [R=3, P=16])");
  for (const Factor& f : out)
    if (std::find(context.problem.dimensions.begin(), context.problem.dimensions.end(), f.dimension) ==
        context.problem.dimensions.end())
      context.loader.fail(node, key, "dimension '" + f.dimension + "' is not a problem dimension");
  return out;
}

std::vector<Factor> read_factors(const YAML::Node& node, const ReductionContext& context, const std::string& key) {
  if (node.IsScalar()) return parse_factor_text(node.Scalar(), node, context, key);
  if (!node.IsSequence()) context.loader.fail(node, key, "factors must be a string or a list");
  std::vector<Factor> out;
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) context.loader.fail(item, key, "factor entries must be strings like 'R=3'");
    // an entry may be an expression giving the text: ("X=" + str(INPUT_BITS_PER_SLICE))
    const YAML::Node text = evaluate_node(item, context.variables, context.loader, key);
    for (Factor& f : parse_factor_text(text.Scalar(), item, context, key)) out.push_back(f);
  }
  return out;
}

std::string factors_text(const std::vector<Factor>& factors) {
  std::string out;
  for (const Factor& f : factors) out += (out.empty() ? "" : ",") + f.dimension + f.op + std::to_string(f.value);
  return out;
}

Directive make_directive(const std::string& type, const YAML::Node& body, const ReductionContext& context,
                         const std::string& key) {
  Directive directive{canonical_type(type), YAML::Node(YAML::NodeType::Map)};
  if (directive.type != "temporal" && directive.type != "spatial" && directive.type != "bypass")
    context.loader.fail(body, key, "unknown constraint type '" + type + "' (expected temporal, spatial or dataspace)");
  if (!body.IsMap()) context.loader.fail(body, key, "a constraint must be a mapping");
  std::vector<Factor> factors;
  std::vector<std::string> unit_dimensions;
  for (const auto& entry : body) {
    const std::string name = entry.first.Scalar();
    const std::string where = key + "." + name;
    const YAML::Node& value = entry.second;
    if (name == "target" || name == "type") continue;
    if (name == "factors") {
      for (const Factor& f : read_factors(value, context, where)) factors.push_back(f);
    } else if (name == "permutation") {
      directive.body["permutation"] = permutation_text(value, context, where);
    } else if (name == "keep_only" || name == "bypass_only") {
      expand_keep_macro(name, value, directive, context, where);
    } else if (name == "factors_only") {
      for (const Factor& f : read_factors(value, context, where)) factors.push_back(f);
      for (const std::string& dim : macro_unit_dimensions(name, {}, context)) unit_dimensions.push_back(dim);
    } else if (name == "no_iteration_over_dataspaces" || name == "must_iterate_over_dataspaces") {
      for (const std::string& dim : macro_unit_dimensions(name, name_list(value, context, where), context))
        unit_dimensions.push_back(dim);
    } else if (dataspace_list_keys().count(name)) {
      directive.body[name] = sequence_of(name_list(value, context, where));
    } else if (passthrough_keys().count(name)) {
      directive.body[name] = value;
    } else {
      context.loader.fail(entry.first, where, "unknown constraint key");
    }
  }
  for (const std::string& dim : unit_dimensions) {
    const bool given = std::any_of(factors.begin(), factors.end(), [&](const Factor& f) { return f.dimension == dim; });
    if (!given) factors.push_back({dim, "=", 1});
  }
  if (!factors.empty()) directive.body["factors"] = factors_text(factors);
  return directive;
}

Directive* find_directive(Level& level, const std::string& type) {
  for (Directive& directive : level.directives)
    if (directive.type == type) return &directive;
  return nullptr;
}

void set_directive(Level& level, Directive directive) {
  if (Directive* existing = find_directive(level, directive.type)) *existing = directive;
  else level.directives.push_back(std::move(directive));
}

void attach_target_list(const YAML::Node& list, ReducedArchitecture& architecture, const ReductionContext& context,
                        const std::string& key) {
  if (list.IsNull()) return;
  if (!list.IsSequence()) context.loader.fail(list, key, "must be a list of {target, type, ...} entries");
  for (const YAML::Node& entry : list) {
    const YAML::Node target = find_key(entry, "target");
    const YAML::Node type = find_key(entry, "type");
    if (!target.IsScalar() || !type.IsScalar()) context.loader.fail(entry, key, "each entry needs a target and a type");
    std::string name = target.Scalar();
    if (architecture.containers_without_level.count(name)) {
      // timeloopfe drops it with the container; its factors still count for maximize_dims
      architecture.detached_directives.push_back(make_directive(type.Scalar(), entry, context, key));
      continue;
    }
    if (const auto alias = architecture.container_levels.find(name); alias != architecture.container_levels.end()) {
      if (type.Scalar() != "spatial") {  // dropped with the container, as for its own constraints
        architecture.detached_directives.push_back(make_directive(type.Scalar(), entry, context, key));
        continue;
      }
      name = alias->second;
    }
    const auto fanout = architecture.component_fanouts.find(name);
    if (fanout != architecture.component_fanouts.end() && type.Scalar() == "spatial") name = fanout->second;
    auto level = std::find_if(architecture.levels.begin(), architecture.levels.end(),
                              [&](const Level& l) { return l.name == name; });
    if (level == architecture.levels.end())
      context.loader.fail(target, key + ".target", "no architecture level named '" + name + "'");
    set_directive(*level, make_directive(type.Scalar(), entry, context, key));
  }
}

namespace {

// Dimensions with a factor of exactly 1, then dimensions of size 1, each prepended when missing.
std::string complete_permutation(const Directive* directive, const ReductionContext& context) {
  std::string permutation;
  std::vector<Factor> factors;
  if (directive) {
    if (const YAML::Node p = find_key(directive->body, "permutation"); p.IsDefined()) permutation = p.Scalar();
    if (const YAML::Node f = find_key(directive->body, "factors"); f.IsDefined())
      factors = parse_factor_text(f.Scalar(), f, context, "factors");
  }
  auto prepend = [&](const std::string& dim) {
    if (permutation.find(dim) == std::string::npos) permutation = dim + permutation;
  };
  for (const Factor& f : factors)
    if ((f.op == "=" || f.op.empty()) && f.value == 1) prepend(f.dimension);
  for (const std::string& dim : context.problem.dimensions)
    if (const auto bound = context.problem.bounds.find(dim); bound != context.problem.bounds.end() && bound->second == 1)
      prepend(dim);
  return permutation;
}

void complete(Level& level, const std::string& type, const ReductionContext& context) {
  Directive* directive = find_directive(level, type);
  const std::string permutation = complete_permutation(directive, context);
  if (permutation.empty()) return;
  if (directive) {
    directive->body["permutation"] = permutation;
    return;
  }
  Directive created{type, YAML::Node(YAML::NodeType::Map)};
  created.body["permutation"] = permutation;
  if (type == "spatial") level.directives.insert(level.directives.begin(), created);
  else level.directives.push_back(created);
}

void add_dummy_directives(Level& level, const ReductionContext& context) {
  if (!find_directive(level, "temporal")) {
    std::vector<Factor> units;
    std::string permutation;
    for (const std::string& dim : context.problem.dimensions) {
      units.push_back({dim, "=", 1});
      permutation += dim;
    }
    Directive temporal{"temporal", YAML::Node(YAML::NodeType::Map)};
    temporal.body["factors"] = factors_text(units);
    temporal.body["permutation"] = permutation;
    level.directives.push_back(temporal);
  }
  if (!find_directive(level, "bypass")) {
    Directive bypass{"bypass", YAML::Node(YAML::NodeType::Map)};
    bypass.body["bypass"] = sequence_of(context.problem.dataspaces);
    level.directives.push_back(bypass);
  }
}

}  // namespace

YAML::Node finish_directives(ReducedArchitecture& architecture, const ReductionContext& context) {
  YAML::Node out(YAML::NodeType::Sequence);
  for (Level& level : architecture.levels) {
    if (level.kind != Level::Kind::Storage) {
      if (!level.directives.empty())
        context.loader.fail(level.entry, level.name, "constraints can only target storage levels and containers");
      continue;
    }
    if (level.fanout_dummy) {
      add_dummy_directives(level, context);
      complete(level, "spatial", context);
    }
    complete(level, "temporal", context);
    for (const Directive& directive : level.directives) {
      YAML::Node entry(YAML::NodeType::Map);
      entry["target"] = level.name;
      entry["type"] = directive.type;
      for (const auto& item : directive.body) entry.force_insert(item.first, item.second);
      out.push_back(entry);
    }
  }
  return out;
}

}  // namespace cimloop::compat::v04
