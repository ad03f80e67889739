#include "compat/accelergy/energy_estimation.hpp"

#include <cmath>
#include <optional>

#include "compat/accelergy/attributes.hpp"
#include "compat/accelergy/component_classes.hpp"
#include "src/common/error.hpp"

namespace cimloop::accelergy {
namespace {

struct CountedComponent {
  std::string name;
  YAML::Node counts;
};

void collect_counts(const YAML::Node& node, const std::string& prefix, std::vector<CountedComponent>& out) {
  std::string path = prefix;
  if (node["name"]) path = prefix.empty() ? node["name"].Scalar() : prefix + "." + node["name"].Scalar();
  if (node["action_counts"]) out.push_back({path, node["action_counts"]});
  for (const YAML::Node& local : sequence_or_empty(node["local"])) collect_counts(local, path, out);
  for (const YAML::Node& sub : sequence_or_empty(node["subtree"])) collect_counts(sub, path, out);
}

// Dotted name segments; dots inside list ranges ("PE[0..4]") do not split.
std::vector<std::string> segments(const std::string& name) {
  std::vector<std::string> out(1);
  int depth = 0;
  for (char c : name) {
    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
    if (c == '.' && depth == 0) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::optional<std::pair<long long, long long>> bounds(const RangedName& r) {
  if (!r.has_range()) return std::nullopt;
  Value low = convert_plain_scalar(r.low), high = convert_plain_scalar(r.high);
  if (low.kind != Value::Kind::Int || high.kind != Value::Kind::Int) return std::nullopt;
  return std::make_pair(low.integer, high.integer);
}

// Same names with brackets stripped, and every counted index inside the entry's range.
bool names_match(const std::string& counted, const std::string& entry) {
  std::vector<std::string> a = segments(counted), b = segments(entry);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    RangedName x = split_ranged_name(a[i]), y = split_ranged_name(b[i]);
    if (x.base != y.base) return false;
    auto inner = bounds(x), outer = bounds(y);
    if (inner && outer && (inner->first < outer->first || inner->second > outer->second)) return false;
  }
  return true;
}

bool arguments_match(const YAML::Node& counted, const YAML::Node& entry) {
  if (!counted || counted.IsNull() || counted.size() == 0) return true;
  for (const auto& kv : counted) {
    const YAML::Node value = entry && entry.IsMap() ? entry[kv.first.Scalar()] : YAML::Node();
    if (!value || convert_plain_scalar(value.Scalar()).str() != convert_plain_scalar(kv.second.Scalar()).str()) {
      return false;
    }
  }
  return true;
}

// A count or an ERT energy of component `component`: a finite number >= 0, or an InputError.
double cost_number(const YAML::Node& value, const std::string& component, const std::string& key) {
  double number = 0;
  if (!value || !value.IsScalar() || !YAML::convert<double>::decode(value, number) || !std::isfinite(number) ||
      number < 0) {
    throw InputError("action_counts: component '" + component + "': " + key + ": expected a finite number >= 0" +
                     (value && value.IsScalar() ? ", got '" + value.Scalar() + "'" : std::string()));
  }
  return number;
}

double action_energy(const YAML::Node& entry, const YAML::Node& count, const std::string& component) {
  std::string action = count["name"].Scalar();
  for (const YAML::Node& a : sequence_or_empty(entry["actions"])) {
    if (a["name"].Scalar() == action && arguments_match(count["arguments"], a["arguments"])) {
      return cost_number(a["energy"], component, "energy of action '" + action + "'");
    }
  }
  throw InputError("action_counts: component '" + component + "': no ERT entry for action '" + action +
                   "' with these arguments");
}

}  // namespace

YAML::Node estimate_energy(const YAML::Node& ert, const YAML::Node& action_counts) {
  YAML::Node tables = ert["ERT"] ? ert["ERT"]["tables"] : ert["tables"];
  std::vector<CountedComponent> counted;
  collect_counts(action_counts, "", counted);
  YAML::Node body;
  body["version"] = "0.4";
  body["components"] = YAML::Node(YAML::NodeType::Sequence);
  double total = 0;
  for (const CountedComponent& c : counted) {
    const YAML::Node* entry = nullptr;
    YAML::Node found;
    for (const YAML::Node& t : sequence_or_empty(tables)) {
      if (!entry && names_match(c.name, t["name"].Scalar())) found = t, entry = &found;
    }
    if (!entry) throw InputError("action_counts: component '" + c.name + "' has no ERT entry");
    double energy = 0;
    for (const YAML::Node& count : sequence_or_empty(c.counts)) {
      energy += cost_number(count["counts"], c.name, "counts") * action_energy(*entry, count, c.name);
    }
    YAML::Node out;
    out["name"] = c.name;
    out["energy"] = python_float_repr(energy);
    body["components"].push_back(out);
    total += energy;
  }
  body["Total"] = python_float_repr(total);
  YAML::Node root;
  root["energy_estimation"] = body;
  return root;
}

}  // namespace cimloop::accelergy
