#include "compat/v04/maximize_dims.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "compat/v04/constraints.hpp"

namespace cimloop::compat::v04 {
namespace {

// The iteration order of Python's set(values) for small positive ints (CPython's open
// addressing: slot hash & mask, linear probes only in tables of more than 10 slots, table
// grown to 4x the size when 3/5 full). timeloopfe's search visits primes in this order, and
// its ties go to the first visited.
std::vector<long long> python_set_order(const std::vector<long long>& values) {
  constexpr size_t kLinearProbes = 9;
  std::vector<long long> table(8, 0);
  size_t used = 0;
  auto place = [&](std::vector<long long>& slots, long long value, bool check_equal) -> bool {
    const size_t mask = slots.size() - 1;
    size_t perturb = static_cast<size_t>(value);
    size_t i = static_cast<size_t>(value) & mask;
    for (;;) {
      const size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
      for (size_t j = 0; j <= probes; ++j) {
        if (slots[i + j] == 0) {
          slots[i + j] = value;
          return true;
        }
        if (check_equal && slots[i + j] == value) return false;
      }
      perturb >>= 5;
      i = (i * 5 + 1 + perturb) & mask;
    }
  };
  for (long long value : values) {
    if (!place(table, value, true)) continue;
    ++used;
    if (used * 5 < (table.size() - 1) * 3) continue;
    size_t size = 8;
    while (size <= used * 4) size <<= 1;
    std::vector<long long> grown(size, 0);
    for (long long kept : table)
      if (kept != 0) place(grown, kept, false);
    table.swap(grown);
  }
  std::vector<long long> order;
  for (long long value : table)
    if (value != 0) order.push_back(value);
  return order;
}

using Dims = std::vector<std::pair<std::string, long long>>;  // Python dict: insertion order
using Best = GreedyAllocation;

// timeloopfe's greedy_allocate: the allocation of prime factors (or, for a dimension larger
// than the capacity, a near-even split) that uses the most of `capacity`.
class GreedyAllocator {
 public:
  Best allocate(const Dims& dims, long long capacity) {
    Best best;
    if (capacity <= 1) return best;
    const auto key = std::make_pair(dims, capacity);
    if (const auto found = memo_.find(key); found != memo_.end()) return found->second;
    for (size_t k = 0; k < dims.size(); ++k) {
      const auto& [name, size] = dims[k];
      if (size > capacity) {
        const long long remaining = (size + capacity - 1) / capacity;
        const long long alloc = (size + remaining - 1) / remaining;
        const long long remainder = size % alloc;
        const double utilization = static_cast<double>(alloc * (remaining - 1) + remainder) / static_cast<double>(remaining);
        if (utilization > best.utilization) best = {{{name, remainder, alloc}}, utilization};
      }
      for (long long prime : python_set_order(prime_factors(size))) {
        if (prime > capacity) continue;
        Dims reduced = dims;
        reduced[k].second /= prime;
        Best inner = allocate(reduced, capacity / prime);
        inner.utilization *= static_cast<double>(prime);
        if (inner.utilization > best.utilization) {
          inner.parts.insert(inner.parts.begin(), {name, prime, prime});
          best = std::move(inner);
        }
      }
    }
    memo_[key] = best;
    return best;
  }

 private:
  std::map<std::pair<Dims, long long>, Best> memo_;
};

bool is_equal_factor(const Factor& factor) { return factor.op == "=" || factor.op.empty(); }

long long value_or_bound(const Factor& factor, const ProblemInfo& problem) {
  if (factor.value != 0) return factor.value;
  const auto bound = problem.bounds.find(factor.dimension);
  return bound == problem.bounds.end() ? 0 : bound->second;
}

std::vector<Factor> directive_factors(const Directive& directive, const ReductionContext& context) {
  const YAML::Node factors = find_key(directive.body, "factors");
  if (!factors.IsDefined() || factors.IsNull()) return {};
  return parse_factor_text(factors.Scalar(), factors, context, "factors");
}

// What the `=` factors of every directive leave of each dimension.
std::map<std::string, long long> unconstrained_dims(const ReducedArchitecture& architecture, const ReductionContext& context) {
  std::map<std::string, long long> left = context.problem.bounds;
  auto divide = [&](const Directive& directive) {
    for (const Factor& factor : directive_factors(directive, context)) {
      const long long value = value_or_bound(factor, context.problem);
      if (value > 0 && is_equal_factor(factor) && left.count(factor.dimension))
        left[factor.dimension] = (left[factor.dimension] + value - 1) / value;
    }
  };
  for (const Level& level : architecture.levels)
    for (const Directive& directive : level.directives) divide(directive);
  for (const Directive& directive : architecture.detached_directives) divide(directive);
  return left;
}

// maximize_dims as a list of groups (a flat list of names is one group).
std::vector<std::vector<std::string>> groups_of(const YAML::Node& node, const ReductionContext& context) {
  if (!node.IsSequence()) context.loader.fail(node, "maximize_dims", "must be a list of dimensions or of lists of them");
  const bool flat = node.size() > 0 && node[0].IsScalar();
  std::vector<std::vector<std::string>> groups(flat ? 1 : 0);
  for (const YAML::Node& item : node) {
    if (item.IsScalar() != flat || (!flat && !item.IsSequence()))
      context.loader.fail(node, "maximize_dims", "expected a list of strings or a list of lists, not a mix of both");
    if (flat) {
      groups.front().push_back(item.Scalar());
      continue;
    }
    groups.emplace_back();
    for (const YAML::Node& dim : item) groups.back().push_back(dim.Scalar());
  }
  return groups;
}

// maximize_dims_capacity: a number or an expression over the variables and the node's own
// attributes (`attributes.depth`, as timeloopfe binds a node's keys while parsing it).
long long capacity_of(const YAML::Node& node, const Level& level, const ReductionContext& context) {
  Symbols symbols = context.variables;
  symbols["attributes"] = yaml_to_value(find_key(level.entry, "attributes"));
  const std::string key = level.name + ".maximize_dims_capacity";
  return positive_integer(evaluate_node(node, symbols, context.loader, key), node, context.loader, key);
}

void expand(const Level& level, Directive& directive, std::map<std::string, long long>& left,
            const ReductionContext& context) {
  const YAML::Node listed = find_key(directive.body, "maximize_dims");
  const YAML::Node capacity_node = find_key(directive.body, "maximize_dims_capacity");
  directive.body.remove("maximize_dims");
  directive.body.remove("maximize_dims_capacity");
  if (!listed.IsDefined() || listed.IsNull() || listed.size() == 0) return;
  long long start = level.node_fanout;
  if (capacity_node.IsDefined() && !capacity_node.IsNull()) start = capacity_of(capacity_node, level, context);
  else if (directive.type != "spatial")
    context.loader.fail(listed, level.name + ".maximize_dims",
                        "a temporal maximize_dims needs maximize_dims_capacity (an integer)");
  GreedyAllocator allocator;
  for (const std::vector<std::string>& group : groups_of(listed, context)) {
    std::vector<Factor> factors = directive_factors(directive, context);
    std::map<std::string, long long> constrained;
    for (const Factor& factor : factors) {
      const long long value = value_or_bound(factor, context.problem);
      if (value > 0 && (is_equal_factor(factor) || factor.op == ">=")) constrained[factor.dimension] = value;
    }
    long long capacity = start;
    for (const auto& [dim, value] : constrained) capacity /= value;
    Dims wanted;
    for (const std::string& dim : group) {
      if (std::any_of(factors.begin(), factors.end(), [&](const Factor& f) { return f.dimension == dim; }))
        context.loader.fail(listed, level.name + ".maximize_dims",
                            "cannot maximize dimension '" + dim + "': it is already constrained in '" + factors_text(factors) + "'");
      if (!left.count(dim))
        context.loader.fail(listed, level.name + ".maximize_dims", "'" + dim + "' is not a problem dimension");
      wanted.emplace_back(dim, left[dim]);
    }
    Dims chosen;  // dimension -> product of its highest factors, in timeloopfe's order
    auto entry = [&chosen](const std::string& dim) -> long long& {
      auto it = std::find_if(chosen.begin(), chosen.end(), [&](const auto& c) { return c.first == dim; });
      if (it != chosen.end()) return it->second;
      return chosen.emplace_back(dim, 1).second;
    };
    for (const auto& part : allocator.allocate(wanted, capacity).parts) entry(std::get<0>(part)) *= std::get<2>(part);
    for (const auto& want : wanted) entry(want.first);
    for (const auto& [dim, value] : chosen) {
      factors.push_back({dim, "=", value});
      left[dim] = (left[dim] + value - 1) / value;
    }
    directive.body.remove("factors");  // replaced, not assigned: the node may be shared
    directive.body.force_insert("factors", factors_text(factors));
  }
}

}  // namespace

GreedyAllocation greedy_allocate(const std::vector<std::pair<std::string, long long>>& dims, long long capacity) {
  return GreedyAllocator().allocate(dims, capacity);
}

std::vector<long long> prime_factors(long long x) {
  std::vector<long long> out;
  for (long long p = 2; x > 1;) {
    if (x % p == 0) {
      out.push_back(p);
      x /= p;
    } else {
      p = p * p > x ? x : p + 1;
    }
  }
  return out;
}

void expand_maximize_dims(ReducedArchitecture& architecture, const ReductionContext& context) {
  std::map<std::string, long long> left = unconstrained_dims(architecture, context);
  for (const char* type : {"spatial", "temporal"})
    for (auto level = architecture.levels.rbegin(); level != architecture.levels.rend(); ++level)
      if (Directive* directive = find_directive(*level, type)) expand(*level, *directive, left, context);
}

}  // namespace cimloop::compat::v04
