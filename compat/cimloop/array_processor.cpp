#include "compat/cimloop/array_processor.hpp"

#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "compat/v04/constraints.hpp"
#include "compat/v04/maximize_dims.hpp"
#include "src/common/error.hpp"
#include "compat/v04/yaml_arena.hpp"

namespace cimloop::compat::cimloop {

using namespace v04;
namespace {

void collect_array_containers(const YAML::Node& nodes, std::vector<YAML::Node>& out) {
  if (!nodes.IsSequence()) return;
  for (const YAML::Node& node : nodes) {
    if (node.Tag() == "!ArrayContainer") out.push_back(node);
    else if (node.IsMap()) collect_array_containers(find_key(node, "nodes"), out);  // !Hierarchical, ...
  }
}

long long mesh(const YAML::Node& node, const char* axis, const Symbols& symbols, const SpecLoader& loader) {
  const YAML::Node value = find_key(find_key(node, "spatial"), axis);
  if (!value.IsDefined() || value.IsNull()) return 1;
  const std::string key = std::string("ArrayContainer.spatial.") + axis;
  return positive_integer(evaluate_node(value, symbols, loader, key), value, loader, key);
}

bool lists(const YAML::Node& tensors, const std::string& tensor) {
  if (!tensors.IsSequence()) return false;
  for (const YAML::Node& item : tensors)
    if (item.IsScalar() && (item.Scalar() == tensor || item.Scalar() == "*")) return true;
  return false;
}

double number_or(const Symbols& symbols, const std::string& name, double fallback) {
  const auto found = symbols.find(name);
  return found != symbols.end() && found->second.is_number() ? found->second.as_double() : fallback;
}

YAML::Node number(double value) { return value_to_yaml(Value::from_float(value)); }
YAML::Node integer(long long value) { return value_to_yaml(Value::from_int(value)); }

const char* const kArrayVariables[] = {"ARRAY_WORDLINES", "ARRAY_BITLINES", "ARRAY_PARALLEL_INPUTS",
                                       "ARRAY_PARALLEL_OUTPUTS", "ARRAY_PARALLEL_WEIGHTS"};

// The processor's variables computed from the architecture with the symbols of a first pass.
void add_array_variables(const std::vector<YAML::Node>& containers, const Symbols& symbols, const SpecLoader& loader,
                         YAML::Node& overrides) {
  long long rows = 1, columns = 1;
  long long parallel[3] = {1, 1, 1};
  const char* tensors[3] = {"Inputs", "Outputs", "Weights"};
  for (const YAML::Node& node : containers) {
    const long long x = mesh(node, "meshX", symbols, loader);
    const long long y = mesh(node, "meshY", symbols, loader);
    if (x != 1 && y != 1) loader.fail(node, "ArrayContainer.spatial", "an !ArrayContainer needs meshX == 1 or meshY == 1");
    rows *= y;
    columns *= x;
    const YAML::Node no_reuse = find_key(find_key(find_key(node, "constraints"), "spatial"), "no_reuse");
    for (int t = 0; t < 3; ++t)
      if (lists(no_reuse, tensors[t])) parallel[t] *= x * y;
  }
  overrides["ARRAY_WORDLINES"] = number(static_cast<double>(rows) * number_or(symbols, "CIM_UNIT_DEPTH_CELLS", 1));
  overrides["ARRAY_BITLINES"] = number(static_cast<double>(columns) * number_or(symbols, "CIM_UNIT_WIDTH_CELLS", 1));
  overrides["ARRAY_PARALLEL_INPUTS"] = integer(parallel[0]);
  overrides["ARRAY_PARALLEL_OUTPUTS"] = integer(parallel[1]);
  overrides["ARRAY_PARALLEL_WEIGHTS"] = integer(parallel[2]);
}

// `variables` (versioned: `version` first) with every key of `overrides` replaced, or, when
// absent, added after `version` so later expressions can use it.
YAML::Node with_overrides(const YAML::Node& variables, const YAML::Node& overrides) {
  YAML::Node out = fresh_node(YAML::NodeType::Map);
  for (const auto& entry : variables) {
    const YAML::Node replaced = find_key(overrides, entry.first.Scalar());
    out.force_insert(entry.first, replaced.IsDefined() ? replaced : entry.second);
    if (entry.first.Scalar() != "version") continue;
    for (const auto& added : overrides)
      if (!find_key(variables, added.first.Scalar()).IsDefined()) out.force_insert(added.first, added.second);
  }
  return out;
}

}  // namespace

YAML::Node evaluate_variables_with_arrays(const YAML::Node& variables, const Sections& sections,
                                          const SpecLoader& loader, Symbols& symbols) {
  YAML::Node overrides = fresh_node(YAML::NodeType::Map);
  const YAML::Node histograms = find_key(sections.problem, "histograms");
  if (histograms.IsMap())
    for (const char* tensor : {"Inputs", "Weights", "Outputs"})
      if (const YAML::Node hist = find_key(histograms, tensor); hist.IsSequence()) {
        std::string name = tensor;
        for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        overrides[name + "_HIST"] = hist;
      }
  std::vector<YAML::Node> containers;
  collect_array_containers(find_key(sections.architecture, "nodes"), containers);
  const Symbols initial = symbols;
  if (!containers.empty()) {
    // First pass, for the meshes only: 1 stands in for the array's variables, so that
    // expressions using them (e.g. a cycle time that scales with ARRAY_BITLINES) evaluate.
    YAML::Node first_pass = YAML::Clone(overrides);
    for (const char* name : kArrayVariables) first_pass[name] = integer(1);
    evaluate_map(with_overrides(variables, first_pass), symbols, loader, "variables", true);
    add_array_variables(containers, symbols, loader, overrides);
    symbols = initial;  // second pass: every expression sees the array's values
  }
  YAML::Node evaluated = evaluate_map(with_overrides(variables, overrides), symbols, loader, "variables", true);
  YAML::Node out = fresh_node(YAML::NodeType::Map);
  for (const auto& entry : evaluated)
    if (entry.first.Scalar() != kMaxUtilization) out.force_insert(entry.first, entry.second);
  return out;
}

bool cim_architecture(const Symbols& variables) {
  const auto found = variables.find("CIM_ARCHITECTURE");
  return found != variables.end() && found->second.truthy();
}

bool is_cim_array(const YAML::Node& node, const Symbols& variables) {
  return node.Tag() == "!ArrayContainer" && cim_architecture(variables);
}

void mark_cim_array(YAML::Node& attributes) { attributes["_is_CiM"] = "true"; }

const char* cim_array_split(long long mesh_y) { return mesh_y == 1 ? "99999" : "0"; }

LeafNode read_leaf(const YAML::Node& node, const std::string& name, long long fanout, const ReductionContext& context,
                   const std::string& key) {
  LeafNode leaf;
  leaf.name = name;
  leaf.fanout = fanout;
  const YAML::Node spatial = find_key(find_key(node, "constraints"), "spatial");
  if (const YAML::Node factors = find_key(spatial, "factors"); factors.IsDefined() && !factors.IsNull())
    leaf.spatial_factors = read_factors(factors, context, key + ".constraints.spatial.factors");
  leaf.spatial_factors_only = find_key(spatial, "factors_only").IsDefined() && !find_key(spatial, "factors_only").IsNull();
  if (const YAML::Node listed = find_key(spatial, "no_iteration_over_dataspaces"); listed.IsSequence())
    for (const YAML::Node& dataspace : listed)
      if (const auto dims = context.problem.dataspace_dims.find(dataspace.Scalar()); dims != context.problem.dataspace_dims.end())
        leaf.no_iteration_dimensions.insert(dims->second.begin(), dims->second.end());
  const YAML::Node max_utilization = find_key(node, "max_utilization");
  leaf.has_max_utilization = max_utilization.IsDefined() && !max_utilization.IsNull();
  if (leaf.has_max_utilization)
    for (const char* target : {"spatial", "temporal"})
      if (const YAML::Node factors = find_key(find_key(max_utilization, target), "factors"); factors.IsDefined())
        for (const Factor& factor : read_factors(factors, context, key + ".max_utilization." + target + ".factors"))
          leaf.max_utilization.push_back(factor);
  return leaf;
}

namespace {

// The layer's sizes are products of these: each must be a whole number >= 1 (and far from
// overflowing 64 bits), reported at the problem's instance, which the layer replaces.
long long variable_integer(const Symbols& variables, const std::string& name, const SpecLoader& loader,
                           const YAML::Node& instance) {
  const auto found = variables.find(name);
  const double x = found != variables.end() && found->second.is_number() ? found->second.as_double() : 0;
  if (!(x >= 1 && x < 0x1p62 && x == std::trunc(x)))
    loader.fail(instance, "variables." + name,
                std::string("the maximum-utilisation layer (") + kMaxUtilization + ") needs a whole number >= 1, " +
                    (found == variables.end() ? std::string("and there is none") : "got " + found->second.str()));
  return static_cast<long long>(x);
}

long long checked_product(long long a, long long b, const SpecLoader& loader, const YAML::Node& instance) {
  long long product = 0;
  if (__builtin_mul_overflow(a, b, &product))
    loader.fail(instance, "problem.instance", std::string("the maximum-utilisation layer (") + kMaxUtilization +
                                                  ") would have a dimension beyond 64 bits");
  return product;
}

// Product of a node's `=` spatial factors (0: the whole dimension), as timeloopfe's
// Factors.get_minimum_product.
long long minimum_product(const LeafNode& leaf, const std::map<std::string, long long>& bounds, const SpecLoader& loader,
                          const YAML::Node& instance) {
  long long product = 1;
  for (const Factor& factor : leaf.spatial_factors) {
    long long value = factor.value;
    if (value == 0) value = bounds.count(factor.dimension) ? bounds.at(factor.dimension) : 0;
    if ((factor.op == "=" || factor.op.empty()) && value != 0) product = checked_product(product, value, loader, instance);
  }
  return product;
}

}  // namespace

void synthesize_max_utilization(const ReducedArchitecture& architecture, const Symbols& variables, ProblemInfo& problem,
                                YAML::Node instance, const SpecLoader& loader) {
  const auto requested = variables.find(kMaxUtilization);
  if (requested == variables.end() || !requested->second.truthy()) return;
  std::map<std::string, long long> shape = {{"X", variable_integer(variables, "ENCODED_INPUT_BITS", loader, instance)},
                                            {"Y", variable_integer(variables, "ENCODED_WEIGHT_BITS", loader, instance)},
                                            {"Z", variable_integer(variables, "ENCODED_OUTPUT_BITS", loader, instance)}};
  for (const LeafNode& leaf : architecture.leaves)
    for (const Factor& factor : leaf.max_utilization) {
      if (factor.op != "=" && !factor.op.empty())
        loader.fail(instance, leaf.name + ".max_utilization", "only '=' factors are supported, got " + factor.op);
      shape[factor.dimension] =
          checked_product(shape.count(factor.dimension) ? shape[factor.dimension] : 1, factor.value, loader, instance);
    }
  shape.emplace("N", 1);
  std::map<std::string, long long> bounds = problem.bounds;
  for (const auto& [dim, value] : shape) bounds[dim] = value;
  // Fan-outs that no factor claims are filled with prime factors of C and M, the smaller first.
  for (const LeafNode& leaf : architecture.leaves) {
    if (leaf.spatial_factors_only || leaf.has_max_utilization) continue;
    const long long product = minimum_product(leaf, bounds, loader, instance);
    const long long free = product == 0 ? 0 : leaf.fanout / product;
    if (free <= 1) continue;
    std::vector<std::string> targets;
    for (const char* dim : {"C", "M"})
      if (!leaf.no_iteration_dimensions.count(dim)) targets.push_back(dim);
    if (targets.empty()) continue;
    for (long long prime : prime_factors(free)) {
      const std::string* smallest = &targets.front();
      for (const std::string& dim : targets)
        if (bounds[dim] < bounds[*smallest]) smallest = &dim;
      bounds[*smallest] = checked_product(bounds[*smallest], prime, loader, instance);
    }
  }
  if (cim_architecture(variables)) {
    bounds["M"] = checked_product(bounds["M"], variable_integer(variables, "CIM_UNIT_DEPTH_CELLS", loader, instance), loader,
                                  instance);
    const long long slices = variable_integer(variables, "N_WEIGHT_SLICES", loader, instance);
    if (bounds["M"] < slices)
      loader.fail(instance, "problem.instance.M",
                  "To map this problem, " + std::to_string(slices) + " weight slices must be mapped. We could map these "
                  "to parallel output channels M, but there are only " + std::to_string(bounds["M"]) + " available.");
    bounds["M"] /= slices;
  }
  for (const auto& [dim, value] : bounds) {
    if (problem.bounds.count(dim) || shape.count(dim) || dim == "C" || dim == "M") {
      // replaced, not assigned: the input's nodes may be shared through anchors
      if (find_key(instance, dim).IsDefined()) instance.remove(dim);
      instance.force_insert(dim, std::to_string(value));
      problem.bounds[dim] = value;
    }
  }
}

}  // namespace cimloop::compat::cimloop
