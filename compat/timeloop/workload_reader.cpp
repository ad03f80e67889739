#include "compat/timeloop/workload_reader.hpp"

#include <limits>
#include <map>

#include "compat/timeloop/yaml_values.hpp"
#include "src/common/checked_math.hpp"

namespace cimloop::compat {
namespace {

using workload::DataSpace;
using workload::kMaxDataSpaces;
using workload::kMaxDimensions;
using workload::kMaxRanks;
using workload::Term;
using workload::Workload;

std::map<std::string, std::int64_t> read_coefficients(const YAML::Node& shape,
                                                      const YAML::Node& instance,
                                                      const ValueReader& reader) {
  std::map<std::string, std::int64_t> values;
  const YAML::Node list = child(shape, "coefficients");
  if (!list.IsDefined() || list.IsNull()) return values;
  if (!list.IsSequence()) fail_at(reader.sources(), list, "coefficients", "expected a list");
  for (const YAML::Node& entry : list) {
    auto name = reader.text(entry, {"name"});
    if (!name) fail_at(reader.sources(), entry, "coefficients", "entry without a name");
    // Negative coefficients have a meaning in Timeloop (the rank runs backwards), zero has none.
    const std::int64_t lowest = -std::numeric_limits<std::int64_t>::max();
    std::int64_t value = reader.integer_at_least(entry, {"default"}, lowest).value_or(1);
    YAML::Node where = child(entry, "default");
    if (auto given = reader.integer_at_least(instance, {name->c_str()}, lowest)) {
      value = *given;
      where = reader.find(instance, {name->c_str()});
    }
    if (value == 0) fail_at(reader.sources(), where, *name, "a coefficient (stride, dilation) must not be 0");
    values[*name] = value;
  }
  return values;
}

Term parse_term(const YAML::Node& node, const Workload& workload,
                const std::map<std::string, std::int64_t>& coefficients,
                const ValueReader& reader) {
  const YAML::Node dim_node = node.IsSequence() ? node[0] : node;
  if (!dim_node.IsScalar() || (node.IsSequence() && (node.size() < 1 || node.size() > 2))) {
    fail_at(reader.sources(), node, "projection", "a term must be [dimension] or [dimension, coefficient]");
  }
  Term term;
  term.dimension = workload.dimension_index(dim_node.Scalar());
  if (term.dimension < 0) {
    fail_at(reader.sources(), dim_node, "projection", "unknown dimension " + dim_node.Scalar());
  }
  if (node.IsSequence() && node.size() == 2) {
    const YAML::Node coefficient = node[1];
    auto it = coefficient.IsScalar() ? coefficients.find(coefficient.Scalar()) : coefficients.end();
    term.coefficient = it != coefficients.end() ? it->second
                                                : reader.to_integer(coefficient, "projection");
    if (term.coefficient == 0 || term.coefficient == std::numeric_limits<std::int64_t>::min()) {
      fail_at(reader.sources(), coefficient, "projection", "a coefficient must be a non-zero 64-bit integer");
    }
  }
  return term;
}

std::vector<std::vector<Term>> parse_projection(const YAML::Node& projection,
                                                const Workload& workload,
                                                const std::map<std::string, std::int64_t>& coefficients,
                                                const ValueReader& reader) {
  if (!projection.IsSequence()) {
    fail_at(reader.sources(), projection, "projection", "expected a list of ranks");
  }
  std::vector<std::vector<Term>> ranks;
  for (const YAML::Node& rank : projection) {
    std::vector<Term> terms;
    if (rank.IsScalar()) {
      terms.push_back(parse_term(rank, workload, coefficients, reader));
    } else if (rank.IsSequence()) {
      for (const YAML::Node& term : rank) terms.push_back(parse_term(term, workload, coefficients, reader));
    } else {
      fail_at(reader.sources(), rank, "projection", "a rank must be a list of terms");
    }
    ranks.push_back(std::move(terms));
  }
  if (ranks.empty() || static_cast<int>(ranks.size()) > kMaxRanks) {
    fail_at(reader.sources(), projection, "projection",
            "a data space needs 1 to " + std::to_string(kMaxRanks) + " ranks");
  }
  return ranks;
}

void parse_dimensions(const YAML::Node& shape, Workload& workload, const ValueReader& reader) {
  const YAML::Node dims = child(shape, "dimensions");
  if (!dims.IsSequence() || dims.size() == 0) {
    fail_at(reader.sources(), dims.IsDefined() ? dims : shape, "dimensions", "expected a list of dimension names");
  }
  for (const YAML::Node& dim : dims) {
    if (!dim.IsScalar() || dim.Scalar().size() != 1) {
      fail_at(reader.sources(), dim, "dimensions",
              "unfortunately, dimension names can only be 1 character in length");
    }
    workload.dimension_names.push_back(dim.Scalar());
  }
  if (workload.num_dimensions() > kMaxDimensions) {
    fail_at(reader.sources(), dims, "dimensions", "at most " + std::to_string(kMaxDimensions) + " dimensions");
  }
}

// The model counts operations and tile sizes in 64 bits: the whole problem (operations plus
// every data space's points) must fit, so no tile of it can overflow.
void check_problem_size(const Workload& workload, const YAML::Node& problem, const ValueReader& reader) {
  std::optional<std::int64_t> total = 1;
  for (const std::int64_t bound : workload.bounds)
    if (total) total = checked_product(*total, bound);
  const std::optional<std::int64_t> operations = total;
  for (int t = 0; t < workload.num_data_spaces() && total; ++t) {
    const std::optional<std::int64_t> points = workload.checked_footprint(t, workload.bounds.data());
    total = points ? checked_sum(*total, *points) : std::nullopt;
  }
  if (!operations || !total) {
    fail_at(reader.sources(), problem, "instance", "the problem is too large: its size does not fit in 64 bits");
  }
}

}  // namespace

Workload parse_workload(const YAML::Node& problem, const SourceMap& sources) {
  return parse_workload(problem, sources, YAML::Node(YAML::NodeType::Undefined));
}

Workload parse_workload(const YAML::Node& problem, const SourceMap& sources, const YAML::Node& variables) {
  ValueReader reader(sources, variables);
  if (!problem.IsMap()) fail_at(sources, problem, "problem", "expected a map");
  const YAML::Node shape = child(problem, "shape");
  if (shape.IsScalar()) {
    fail_at(sources, shape, "shape", "named problem shapes are not supported; give the shape inline");
  }
  if (!shape.IsMap()) fail_at(sources, problem, "shape", "key not found");
  const YAML::Node instance = child(problem, "instance").IsDefined() ? child(problem, "instance") : problem;

  Workload workload;
  parse_dimensions(shape, workload, reader);
  for (const std::string& name : workload.dimension_names) {
    auto bound = reader.integer(instance, {name.c_str()});
    if (!bound || *bound < 1) {
      fail_at(sources, instance, name, "every problem dimension needs a positive bound in `instance`");
    }
    workload.bounds.push_back(*bound);
  }
  const auto coefficients = read_coefficients(shape, instance, reader);
  const YAML::Node spaces = child(shape, "data_spaces");
  if (!spaces.IsSequence() || spaces.size() == 0) {
    fail_at(sources, spaces.IsDefined() ? spaces : shape, "data_spaces", "expected a list of data spaces");
  }
  for (const YAML::Node& space : spaces) {
    DataSpace ds;
    auto name = reader.text(space, {"name"});
    if (!name) fail_at(sources, space, "data_spaces", "data space without a name");
    ds.name = *name;
    ds.read_write = reader.boolean(space, {"read_write"}).value_or(false);
    ds.ranks = parse_projection(child(space, "projection"), workload, coefficients, reader);
    workload.data_spaces.push_back(std::move(ds));
  }
  if (workload.num_data_spaces() > kMaxDataSpaces) {
    fail_at(sources, spaces, "data_spaces", "at most " + std::to_string(kMaxDataSpaces) + " data spaces");
  }
  check_problem_size(workload, instance, reader);
  return workload;
}

}  // namespace cimloop::compat
