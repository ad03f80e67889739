#include "compat/timeloop/constraints_reader.hpp"

#include <cctype>
#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string>

#include "compat/timeloop/yaml_values.hpp"

namespace cimloop::compat {
namespace {

using mapper::Constraints;
using mapper::FactorLimit;
using mapper::LevelConstraint;
using mapper::MapspaceShape;
using mapper::TilingConstraint;

bool present(const YAML::Node& node) { return node.IsDefined() && !node.IsNull(); }

struct Context {
  const MapspaceShape& shape;
  const SourceMap& sources;
  std::vector<std::string>& warnings;
};

// The scalar text of `node`; an InputError naming `key` when it is a list or map.
std::string scalar_text(const Context& ctx, const YAML::Node& node, const char* key) {
  if (!node.IsScalar()) fail_at(ctx.sources, node, key, "expected a single value");
  return node.Scalar();
}

std::string text_of(const Context& ctx, const YAML::Node& node, const char* key) {
  if (node.IsScalar()) return node.Scalar();
  std::string joined;  // timeloopfe-style lists: ["R=3", "P<=4"]
  if (node.IsSequence())
    for (const YAML::Node& item : node) {
      if (!joined.empty()) joined += ',';
      joined += scalar_text(ctx, item, key);
    }
  return joined;
}

// "R=3,P<=4 C>=2 K0": name, operator (=, <=, >=; none = "="), value.
void parse_factors(const Context& ctx, const YAML::Node& node, std::vector<FactorLimit>& limits) {
  const std::string text = text_of(ctx, node, "factors");
  auto fail = [&](const std::string& message) {
    fail_at(ctx.sources, node, "factors", "'" + text + "': " + message);
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == '#') break;
    if (!std::isalpha(static_cast<unsigned char>(text[pos]))) {
      if (std::isspace(static_cast<unsigned char>(text[pos])) || text[pos] == ',') {
        ++pos;
        continue;
      }
      fail(std::string("unexpected character '") + text[pos] + "'");
    }
    std::size_t start = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
    std::string name = text.substr(start, pos - start);
    while (pos < text.size() && text[pos] == ' ') ++pos;
    std::string op;
    while (pos < text.size() && (text[pos] == '<' || text[pos] == '>' || text[pos] == '=')) op += text[pos++];
    while (pos < text.size() && text[pos] == ' ') ++pos;
    // Timeloop scans for <name><=*><digits>: a negative value matches nothing and constrains
    // nothing (CiMLoop's `P=-1` on its top level; Albireo's `C=-1`, "C not assigned", which
    // must leave C free for its rows' fan-out).
    if (pos + 1 < text.size() && text[pos] == '-' && std::isdigit(static_cast<unsigned char>(text[pos + 1]))) {
      while (++pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      }
      continue;
    }
    std::size_t digits = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (digits == pos) fail("no number after dimension " + name);
    if (op != "" && op != "=" && op != "<=" && op != ">=") fail("unknown operator '" + op + "'");
    if (pos + 1 < text.size() && text[pos] == ',' && std::isdigit(static_cast<unsigned char>(text[pos + 1])))
      fail("residual (imperfect) factors are not supported in constraints");
    int dim = ctx.shape.dimension_index(name);
    if (dim < 0) fail("dimension " + name + " not found in problem shape");
    std::int64_t value = 0;
    if (std::from_chars(text.data() + digits, text.data() + pos, value).ec != std::errc())
      fail("factor of " + name + " does not fit in a 64-bit integer");
    FactorLimit& limit = limits[dim];
    if (op == "<=") {
      if (value < 1) fail("maximum factor of " + name + " must be at least 1");
      limit.max = value;
    } else if (op == ">=") {
      limit.min = std::max<std::int64_t>(value, 1);
    } else if (value > ctx.shape.problem.bounds[dim]) {
      // The reference maps such a level with the whole dimension (e.g. a K=16 constraint on
      // a problem with K=1 gives K=1).
      limit.exact = ctx.shape.problem.bounds[dim];
      ctx.warnings.push_back(ctx.sources.locate(node) + ": factors: " + name + "=" + std::to_string(value) +
                             " exceeds the dimension size " + std::to_string(limit.exact) + "; using " + name + "=" +
                             std::to_string(limit.exact));
    } else {
      limit.exact = value;
    }
  }
}

std::vector<int> parse_permutation(const Context& ctx, const YAML::Node& node) {
  std::vector<int> order;
  for (char letter : text_of(ctx, node, "permutation")) {
    if (std::isspace(static_cast<unsigned char>(letter)) || letter == ',') continue;
    int dim = ctx.shape.dimension_index(std::string(1, letter));
    if (dim < 0)
      fail_at(ctx.sources, node, "permutation",
                      std::string("dimension ") + letter + " not found in problem shape");
    for (int seen : order)
      if (seen == dim)
        fail_at(ctx.sources, node, "permutation",
                        std::string("dimension ") + letter + " listed twice");
    order.push_back(dim);
  }
  return order;
}

void parse_tiling(const Context& ctx, const YAML::Node& directive, TilingConstraint& tiling) {
  if (YAML::Node factors = child(directive, "factors"); present(factors)) parse_factors(ctx, factors, tiling.factors);
  if (YAML::Node permutation = child(directive, "permutation"); present(permutation))
    tiling.permutation = parse_permutation(ctx, permutation);
  if (YAML::Node split = child(directive, "split"); present(split)) {
    const std::int64_t value = ValueReader(ctx.sources).to_integer(split, "split");
    if (value < 0) fail_at(ctx.sources, split, "split", "must not be negative");
    tiling.split = static_cast<int>(std::min<std::int64_t>(value, std::numeric_limits<int>::max()));
  }
}

// The data spaces listed under `key` of a directive, as indices.
std::vector<int> data_spaces_of(const Context& ctx, const YAML::Node& directive, const char* key) {
  std::vector<int> spaces;
  YAML::Node list = child(directive, key);
  if (!present(list)) return spaces;
  if (!list.IsSequence()) fail_at(ctx.sources, list, key, "expected a list of data spaces");
  for (const YAML::Node& entry : list) {
    const std::string name = scalar_text(ctx, entry, key);
    int space = ctx.shape.data_space_index(name);
    if (space < 0) fail_at(ctx.sources, entry, key, "data space " + name + " not found in problem shape");
    spaces.push_back(space);
  }
  return spaces;
}

mapping::DataSpaceMask data_space_mask(const Context& ctx, const YAML::Node& directive, const char* key) {
  mapping::DataSpaceMask mask = 0;
  for (int space : data_spaces_of(ctx, directive, key)) mask |= mapping::DataSpaceMask{1} << space;
  return mask;
}

void parse_keep(const Context& ctx, const YAML::Node& directive, LevelConstraint& level) {
  for (const char* key : {"keep", "bypass"})
    for (int space : data_spaces_of(ctx, directive, key)) level.keep[space] = std::string(key) == "keep";
  level.no_coalesce |= data_space_mask(ctx, directive, "no_coalesce");
}

int target_level(const Context& ctx, const YAML::Node& directive) {
  YAML::Node target = child(directive, "target");
  if (!present(target)) fail_at(ctx.sources, directive, "target", "missing in constraint");
  std::string name = scalar_text(ctx, target, "target");
  int level = ctx.shape.storage_index(name);
  int index = -1;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), index);
  if (level < 0 && error == std::errc() && end == name.data() + name.size())
    level = index >= 0 && index < ctx.shape.num_levels() ? index : -1;
  if (level < 0) fail_at(ctx.sources, target, "target", "storage level " + name + " not found");
  return level;
}

void parse_directive(const Context& ctx, const YAML::Node& directive, Constraints& constraints) {
  LevelConstraint& level = constraints.levels[target_level(ctx, directive)];
  YAML::Node type_node = child(directive, "type");
  if (!present(type_node)) fail_at(ctx.sources, directive, "type", "missing in constraint");
  std::string type = scalar_text(ctx, type_node, "type");
  if (type == "temporal") {
    parse_tiling(ctx, directive, level.temporal);
    level.no_temporal_reuse |= data_space_mask(ctx, directive, "no_reuse") | data_space_mask(ctx, directive, "no_temporal_reuse");
    level.rmw_first_update |= data_space_mask(ctx, directive, "rmw_first_update");
  } else if (type == "spatial") {
    parse_tiling(ctx, directive, level.spatial);
    level.no_multicast |= data_space_mask(ctx, directive, "no_reuse");
    level.no_link_transfer |= data_space_mask(ctx, directive, "no_link_transfer");
  } else if (type == "bypass" || type == "datatype" || type == "dataspace") {
    parse_keep(ctx, directive, level);
  } else if (type == "utilization" || type == "utilisation") {
    YAML::Node min = child(directive, "min");
    if (!present(min)) fail_at(ctx.sources, directive, "min", "missing in utilization constraint");
    level.min_spatial_utilization = ValueReader(ctx.sources).to_number_at_least(min, "min", 0);
  } else {
    fail_at(ctx.sources, type_node, "type",
                    "unknown constraint type '" + type +
                        "' (expected temporal, spatial, bypass/datatype/dataspace or utilization)");
  }
}

void parse_list(const Context& ctx, const YAML::Node& node, Constraints& constraints) {
  if (!present(node)) return;
  YAML::Node list = node.IsMap() ? child(node, "targets") : node;
  if (!present(list)) return;
  if (!list.IsSequence()) fail_at(ctx.sources, list, "targets", "expected a list of constraints");
  for (const YAML::Node& directive : list) parse_directive(ctx, directive, constraints);
  if (std::optional<std::string> conflict = mapper::constraint_conflict(ctx.shape, constraints))
    fail_at(ctx.sources, list, "factors", *conflict);
}

}  // namespace

Constraints parse_constraints(const YAML::Node& root, const MapspaceShape& shape, const SourceMap& sources) {
  Constraints constraints = mapper::unconstrained(shape);
  Context ctx{shape, sources, constraints.warnings};
  for (const char* key : {"architecture", "arch"})
    parse_list(ctx, child(child(root, key), "constraints"), constraints);
  for (const char* key : {"arch_constraints", "architecture_constraints", "mapspace_constraints"})
    parse_list(ctx, child(root, key), constraints);
  return constraints;
}

}  // namespace cimloop::compat
