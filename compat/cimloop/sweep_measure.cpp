#include "compat/cimloop/sweep_measure.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "src/common/error.hpp"

namespace cimloop::compat::cimloop {
namespace {

// The scalar fields, in the order they are written.
const std::vector<std::pair<const char*, double UnitMeasure::*>>& scalar_fields() {
  static const std::vector<std::pair<const char*, double UnitMeasure::*>> fields{
      {"computes", &UnitMeasure::computes},
      {"cycles", &UnitMeasure::cycles},
      {"cycle_seconds", &UnitMeasure::cycle_seconds},
      {"utilization", &UnitMeasure::utilization},
      {"array_utilization", &UnitMeasure::array_utilization},
      {"weight_loads", &UnitMeasure::weight_loads},
      {"one_bit_scale", &UnitMeasure::one_bit_scale},
      {"mappings_evaluated", &UnitMeasure::mappings_evaluated}};
  return fields;
}

const std::vector<std::pair<const char*, double PimShares::*>>& role_fields() {
  static const std::vector<std::pair<const char*, double PimShares::*>> fields{
      {"activations", &PimShares::activations},
      {"weights", &PimShares::weights},
      {"conversion", &PimShares::conversion},
      {"array", &PimShares::array},
      {"other", &PimShares::other}};
  return fields;
}

void add_by_name(std::vector<std::pair<std::string, double>>& into, const std::vector<std::pair<std::string, double>>& from,
                 bool largest) {
  for (const auto& [name, value] : from) {
    auto found = std::find_if(into.begin(), into.end(), [&](const auto& entry) { return entry.first == name; });
    if (found == into.end()) into.emplace_back(name, value);
    else found->second = largest ? std::max(found->second, value) : found->second + value;
  }
}

std::string pairs_to_json(const std::vector<std::pair<std::string, double>>& pairs) {
  std::string out = "[";
  for (const auto& [name, value] : pairs)
    out.append(out.size() > 1 ? ",[" : "[").append(json_string(name)).append(",").append(exact_number(value)).append("]");
  return out + "]";
}

double read_number(const YAML::Node& node, const std::string& key, const std::string& source) {
  if (!node.IsScalar()) throw InputError(source + ": " + key + ": missing or not a number");
  double value = 0;
  const std::string& text = node.Scalar();
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw InputError(source + ": " + key + ": not a number: " + text);
  return value;
}

std::vector<std::pair<std::string, double>> read_pairs(const YAML::Node& node, const std::string& key,
                                                       const std::string& source) {
  if (!node.IsSequence()) throw InputError(source + ": " + key + ": expected a list");
  std::vector<std::pair<std::string, double>> out;
  for (const YAML::Node& pair : node) {
    if (!pair.IsSequence() || pair.size() != 2) throw InputError(source + ": " + key + ": expected [name, value] pairs");
    out.emplace_back(pair[0].Scalar(), read_number(pair[1], key, source));
  }
  return out;
}

}  // namespace

std::string exact_number(double value) {
  char text[64];
  const auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : "nan";
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += std::string("\\") + c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else out += c;
  }
  return out + "\"";
}

UnitMeasure measure_unit(const MacroRun& run, const PimCategories& categories) {
  UnitMeasure out;
  const MacroOutputStats& stats = run.stats;
  out.computes = stats.computes;
  out.cycles = stats.cycles;
  out.cycle_seconds = stats.cycle_seconds;
  out.utilization = stats.percent_utilization / 100;
  out.array_utilization = run.pim.array_utilization;
  out.weight_loads = run.pim.weight_writes / std::max(1.0, stats.encoded_weight_bits);
  out.one_bit_scale = stats.one_bit_scale();
  out.mappings_evaluated = static_cast<double>(run.mappings_evaluated);
  out.energy_by_role = pim_shares(run.pim, categories);
  out.component_energy = stats.per_component_energy;
  out.component_area = stats.per_component_area;
  out.mapping = run.map_text;
  return out;
}

UnitMeasure failed_unit(const std::string& error) {
  UnitMeasure out;
  out.error = error.empty() ? "failed" : error;
  return out;
}

UnitMeasure network_measure(const std::vector<const UnitMeasure*>& layers) {
  int failed = 0;
  for (const UnitMeasure* layer : layers) failed += layer->error.empty() ? 0 : 1;
  if (failed) return failed_unit(std::to_string(failed) + " of its layers failed");
  UnitMeasure total;
  double weighted_utilization = 0, weighted_array_utilization = 0;
  for (const UnitMeasure* layer : layers) {
    total.computes += layer->computes;
    total.cycles += layer->cycles;
    total.weight_loads += layer->weight_loads;
    total.mappings_evaluated += layer->mappings_evaluated;
    weighted_utilization += layer->utilization * layer->cycles;
    weighted_array_utilization += layer->array_utilization * layer->weight_loads;
    for (const auto& [name, member] : role_fields()) total.energy_by_role.*member += layer->energy_by_role.*member;
    add_by_name(total.component_energy, layer->component_energy, false);
    add_by_name(total.component_area, layer->component_area, true);
  }
  if (!layers.empty()) {
    total.cycle_seconds = layers.front()->cycle_seconds;
    total.one_bit_scale = layers.front()->one_bit_scale;
  }
  total.utilization = total.cycles > 0 ? weighted_utilization / total.cycles : 0;
  total.array_utilization = total.weight_loads > 0 ? weighted_array_utilization / total.weight_loads : 0;
  return total;
}

std::string measure_to_json(const UnitMeasure& measure) {
  if (!measure.error.empty()) return "{\"error\":" + json_string(measure.error) + "}";
  std::string out = "{";
  for (const auto& [name, member] : scalar_fields())
    out += json_string(name) + ":" + exact_number(measure.*member) + ",";
  for (const auto& [name, member] : role_fields())
    out += json_string(std::string("energy_") + name) + ":" + exact_number(measure.energy_by_role.*member) + ",";
  out += "\"component_energy\":" + pairs_to_json(measure.component_energy) + ",";
  out += "\"component_area\":" + pairs_to_json(measure.component_area) + ",";
  out += "\"mapping\":" + json_string(measure.mapping) + "}";
  return out;
}

UnitMeasure measure_from_json(const std::string& text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(source + ": not a cached unit (" + e.msg + ")");
  }
  if (!root.IsMap()) throw InputError(source + ": not a cached unit");
  if (root["error"]) return failed_unit(root["error"].Scalar());
  UnitMeasure out;
  for (const auto& [name, member] : scalar_fields()) out.*member = read_number(root[name], name, source);
  for (const auto& [name, member] : role_fields()) {
    const std::string key = std::string("energy_") + name;
    out.energy_by_role.*member = read_number(root[key], key, source);
  }
  out.component_energy = read_pairs(root["component_energy"], "component_energy", source);
  out.component_area = read_pairs(root["component_area"], "component_area", source);
  if (!root["mapping"].IsScalar()) throw InputError(source + ": mapping: missing");
  out.mapping = root["mapping"].Scalar();
  return out;
}

}  // namespace cimloop::compat::cimloop
