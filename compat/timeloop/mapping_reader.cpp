#include "compat/timeloop/mapping_reader.hpp"

#include <cctype>
#include <charconv>

#include "compat/timeloop/yaml_values.hpp"

namespace cimloop::compat {
namespace {

using mapping::DataSpaceMask;
using mapping::Fanout;
using mapping::LevelDirectives;
using mapping::MappingSpec;

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Innermost-first dimension list; dimensions not named are appended in declaration order.
std::vector<int> parse_permutation(const YAML::Node& node, const workload::Workload& workload,
                                   const SourceMap& sources, const std::string& level,
                                   const char* kind, std::vector<std::string>& warnings) {
  std::vector<int> permutation;
  std::vector<bool> seen(workload.num_dimensions(), false);
  if (!node.IsDefined() || node.IsNull()) {
    warnings.push_back("WARNING: parsing mapping: permutation not found for level: " + level + " (" + kind + ")");
  } else {
    std::string text;
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) text += item.Scalar();
    } else {
      text = node.Scalar();
    }
    for (char c : text) {
      if (std::isspace(static_cast<unsigned char>(c))) continue;
      const int dim = workload.dimension_index(std::string(1, c));
      if (dim < 0) fail_at(sources, node, "permutation", std::string("dimension ") + c + " not found in problem shape");
      if (seen[dim]) fail_at(sources, node, "permutation", std::string("dimension ") + c + " appears twice");
      seen[dim] = true;
      permutation.push_back(dim);
    }
    if (static_cast<int>(permutation.size()) < workload.num_dimensions()) {
      warnings.push_back("WARNING: parsing mapping: permutation contains insufficient dimensions for level: " + level +
                         " (" + kind + "), appending the missing ones (outermost)");
    }
  }
  for (int dim = 0; dim < workload.num_dimensions(); ++dim)
    if (!seen[dim]) permutation.push_back(dim);
  return permutation;
}

// Factors of one directive, and their residuals (left empty when every factor is perfect).
struct DirectiveFactors {
  std::vector<std::int64_t> factors, residuals;
};

DirectiveFactors read_factors(const YAML::Node& node, const workload::Workload& workload,
                              const SourceMap& sources, const std::string& level, const char* kind,
                              std::vector<std::string>& warnings) {
  DirectiveFactors result;
  std::vector<std::int64_t>& factors = result.factors;
  factors.assign(workload.num_dimensions(), 1);
  if (!node.IsDefined() || node.IsNull()) {
    warnings.push_back("WARNING: parsing mapping: factors not found for level: " + level + " (" + kind + ")");
    return result;
  }
  std::string text;
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) text += item.Scalar() + " ";
  } else {
    text = node.Scalar();
  }
  std::vector<bool> given(workload.num_dimensions(), false);
  std::vector<std::int64_t> residuals(workload.num_dimensions(), 1);
  try {
    for (const ParsedFactor& parsed : parse_factors(text, workload)) {
      const bool whole = parsed.factor == 0;
      factors[parsed.dimension] = whole ? workload.bounds[parsed.dimension] : parsed.factor;
      residuals[parsed.dimension] = whole ? factors[parsed.dimension] : parsed.residual;
      given[parsed.dimension] = true;
    }
  } catch (const InputError& error) {
    fail_at(sources, node, "factors", error.what());
  }
  if (residuals != factors) result.residuals = std::move(residuals);
  for (bool dim_given : given) {
    if (!dim_given) {
      warnings.push_back("WARNING: parsing mapping: factors not provided for all dimensions for level: " + level +
                         " (" + kind + "), setting the missing ones to 1");
      break;
    }
  }
  return result;
}

DataSpaceMask read_data_spaces(const YAML::Node& list, const workload::Workload& workload,
                               const SourceMap& sources, const char* key) {
  DataSpaceMask mask = 0;
  if (!list.IsDefined() || list.IsNull()) return mask;
  if (!list.IsSequence()) fail_at(sources, list, key, "expected a list of data space names");
  for (const YAML::Node& item : list) {
    const int t = workload.data_space_index(item.Scalar());
    if (t < 0) fail_at(sources, item, key, "data space " + item.Scalar() + " not found in problem shape");
    mask |= DataSpaceMask{1} << t;
  }
  return mask;
}

int resolve_target(const YAML::Node& directive, const arch::ArchSpec& arch, const SourceMap& sources) {
  const YAML::Node target = child(directive, "target");
  if (!target.IsScalar()) fail_at(sources, directive, "target", "key not found");
  int level = arch.storage_index(target.Scalar());
  if (level < 0) {
    std::int64_t index = -1;
    if (YAML::convert<std::int64_t>::decode(target, index) && index >= 0 && index < arch.num_storage_levels()) {
      level = static_cast<int>(index);
    }
  }
  if (level < 0) fail_at(sources, target, "target", "target storage level not found: " + target.Scalar());
  return level;
}

// The digits of body[begin, end) as a number; an InputError when they do not fit in 64 bits.
std::int64_t factor_number(const std::string& text, const std::string& body, std::size_t begin, std::size_t end) {
  std::int64_t value = 0;
  const auto [rest, error] = std::from_chars(body.data() + begin, body.data() + end, value);
  if (error != std::errc() || rest != body.data() + end) {
    throw InputError("parsing factors: " + text + ": " + body.substr(begin, end - begin) +
                     " does not fit in a 64-bit integer.");
  }
  return value;
}

}  // namespace

std::vector<ParsedFactor> parse_factors(const std::string& text, const workload::Workload& workload) {
  std::vector<ParsedFactor> result;
  const std::string body = text.substr(0, text.find('#'));
  std::size_t i = 0;
  while (i < body.size()) {
    if (!is_letter(body[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < body.size() && is_letter(body[i])) ++i;
    const std::string name = body.substr(start, i - start);
    while (i < body.size() && body[i] == ' ') ++i;
    while (i < body.size() && body[i] == '=') ++i;
    while (i < body.size() && body[i] == ' ') ++i;
    const std::size_t digits = i;
    while (i < body.size() && is_digit(body[i])) ++i;
    if (digits == i) continue;  // not a factor (no number follows)
    const int dim = workload.dimension_index(name);
    if (dim < 0) {
      throw InputError("parsing factors: " + text + ": dimension " + name + " not found in problem shape.");
    }
    const std::int64_t factor = factor_number(text, body, digits, i);
    std::int64_t residual = factor;
    if (i + 1 < body.size() && body[i] == ',' && is_digit(body[i + 1])) {
      const std::size_t residual_start = ++i;
      while (i < body.size() && is_digit(body[i])) ++i;
      residual = factor_number(text, body, residual_start, i);
      if (factor != 0 && (residual < 1 || residual > factor)) {
        throw InputError("parsing factors: " + text + ": residual " + std::to_string(residual) + " of dimension " +
                         name + " is not between 1 and its factor " + std::to_string(factor) + ".");
      }
    }
    result.push_back({dim, factor, residual});
  }
  return result;
}

MappingSpec parse_mapping(const YAML::Node& directives, const arch::ArchSpec& arch,
                          const workload::Workload& workload, const SourceMap& sources,
                          std::vector<std::string>& warnings) {
  MappingSpec spec = mapping::default_mapping_spec(arch, workload);
  if (directives.IsNull() || !directives.IsDefined()) return spec;
  if (!directives.IsSequence()) fail_at(sources, directives, "mapping", "expected a list of directives");
  for (const YAML::Node& directive : directives) {
    const int index = resolve_target(directive, arch, sources);
    const std::string& name = arch.storage[index].name;
    LevelDirectives& level = spec.levels[index];
    const YAML::Node type_node = child(directive, "type");
    if (!type_node.IsScalar()) fail_at(sources, directive, "type", "key not found");
    const std::string type = type_node.Scalar();
    if (type == "temporal") {
      DirectiveFactors factors =
          read_factors(child(directive, "factors"), workload, sources, name, "temporal", warnings);
      level.temporal_factors = std::move(factors.factors);
      level.temporal_residuals = std::move(factors.residuals);
      level.temporal_permutation =
          parse_permutation(child(directive, "permutation"), workload, sources, name, "temporal", warnings);
      level.no_temporal_reuse = read_data_spaces(child(directive, "no_reuse"), workload, sources, "no_reuse") |
                                read_data_spaces(child(directive, "no_temporal_reuse"), workload, sources, "no_temporal_reuse");
      level.rmw_first_update = read_data_spaces(child(directive, "rmw_first_update"), workload, sources, "rmw_first_update");
    } else if (type == "spatial") {
      const Fanout fanout = mapping::level_fanout(arch, index);
      if (fanout.x * fanout.y == 1) {
        fail_at(sources, directive, "type", "cannot find spatial tiling level associated with storage level " + name +
                                                ": the level has no spatial fanout to its inner level.");
      }
      DirectiveFactors factors =
          read_factors(child(directive, "factors"), workload, sources, name, "spatial", warnings);
      level.spatial_factors = std::move(factors.factors);
      level.spatial_residuals = std::move(factors.residuals);
      level.spatial_permutation =
          parse_permutation(child(directive, "permutation"), workload, sources, name, "spatial", warnings);
      const YAML::Node split = child(directive, "split");
      if (split.IsDefined() && !split.IsNull()) {
        level.split = static_cast<int>(ValueReader(sources).to_integer(split, "split"));
      } else {
        // Only ambiguous when the level fans out in both directions.
        if (fanout.x > 1 && fanout.y > 1) {
          warnings.push_back("WARNING: parsing mapping: split not found for spatial level: " + name +
                             ", assuming all loops are Spatial-X");
        }
        level.split = workload.num_dimensions();
      }
      level.no_multicast = read_data_spaces(child(directive, "no_reuse"), workload, sources, "no_reuse");
      level.no_link_transfer =
          read_data_spaces(child(directive, "no_link_transfer"), workload, sources, "no_link_transfer");
    } else if (type == "bypass" || type == "datatype" || type == "dataspace") {
      level.keep |= read_data_spaces(child(directive, "keep"), workload, sources, "keep");
      level.keep &= ~read_data_spaces(child(directive, "bypass"), workload, sources, "bypass");
      level.no_coalesce |= read_data_spaces(child(directive, "no_coalesce"), workload, sources, "no_coalesce");
    } else {
      fail_at(sources, type_node, "type", "illegal mapping directive type: " + type);
    }
  }
  return spec;
}

}  // namespace cimloop::compat
