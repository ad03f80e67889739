#include "compat/cimloop/macro_stats.hpp"

#include <algorithm>
#include <cstdlib>

#include "compat/timeloop/yaml_values.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat::cimloop {
namespace {

double number(const YAML::Node& variables, const std::string& name, double fallback) {
  const YAML::Node value = child(variables, name);
  if (!value || !value.IsScalar()) return fallback;
  char* end = nullptr;
  const double parsed = std::strtod(value.Scalar().c_str(), &end);
  return end && *end == '\0' ? parsed : fallback;
}

// A level's energy as CiMLoop reads it back: the stats' fJ-per-compute value as printed,
// times the computes.
double printed_energy_joules(double energy_pj, double computes, FloatStyle style) {
  const std::string printed = format_float(energy_pj * 1000.0 / computes, style);
  return std::strtod(printed.c_str(), nullptr) * computes / 1e15;
}

double total_of(const std::vector<std::pair<std::string, double>>& values, const std::vector<std::string>& names,
                const char* what) {
  double total = 0;
  for (const std::string& name : names) {
    const auto found = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    if (found == values.end()) throw InputError("no component named '" + name + "' for the " + what);
    total += found->second;
  }
  return total;
}

double sum(const std::vector<std::pair<std::string, double>>& values) {
  double total = 0;
  for (const auto& value : values) total += value.second;
  return total;
}

}  // namespace

double MacroOutputStats::energy() const { return sum(per_component_energy); }
double MacroOutputStats::area() const { return sum(per_component_area); }
double MacroOutputStats::tops() const { return computes / (cycles * cycle_seconds) / 1e12 * 2; }
double MacroOutputStats::tops_per_w() const { return computes / energy() * 2 / 1e12; }
double MacroOutputStats::tops_per_mm2() const { return tops() / area() / 1e6; }
double MacroOutputStats::energy_of(const std::vector<std::string>& names) const {
  return total_of(per_component_energy, names, "energy");
}
double MacroOutputStats::area_of(const std::vector<std::string>& names) const {
  return total_of(per_component_area, names, "area");
}

YAML::Node processed_variables(const YAML::Node& processed) {
  const YAML::Node subtree = child(child(processed, "architecture"), "subtree");
  if (!subtree.IsSequence() || subtree.size() == 0) return YAML::Node(YAML::NodeType::Undefined);
  return child(subtree[0], "attributes");
}

MacroOutputStats macro_output_stats(const arch::ArchSpec& arch, const model::EvalResult& result,
                                    const YAML::Node& variables, FloatStyle style) {
  MacroOutputStats out;
  const auto total_computes = static_cast<double>(result.arithmetic.computes);
  out.cycles = static_cast<double>(result.cycles);
  out.cycle_seconds = number(variables, "GLOBAL_CYCLE_SECONDS", 1e-9);
  out.percent_utilization = result.utilization * 100;
  out.input_bits = number(variables, "INPUT_BITS", 1);
  out.weight_bits = number(variables, "WEIGHT_BITS", 1);
  out.output_bits = number(variables, "OUTPUT_BITS", 1);
  out.encoded_input_bits = number(variables, "ENCODED_INPUT_BITS", 1);
  out.encoded_weight_bits = number(variables, "ENCODED_WEIGHT_BITS", 1);
  out.encoded_output_bits = number(variables, "ENCODED_OUTPUT_BITS", 1);
  out.computes = total_computes / (out.encoded_input_bits * out.encoded_weight_bits * out.encoded_output_bits);
  out.per_component_energy.emplace_back(arch.arithmetic.name,
                                        printed_energy_joules(result.arithmetic.energy, total_computes, style));
  out.per_component_area.emplace_back(arch.arithmetic.name,
                                      arch.arithmetic.area * static_cast<double>(arch.arithmetic.instances) / 1e12);
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    const arch::BufferSpec& level = arch.storage[static_cast<size_t>(i)];
    out.per_component_energy.emplace_back(level.name,
                                          printed_energy_joules(result.storage[static_cast<size_t>(i)].energy, total_computes, style));
    out.per_component_area.emplace_back(level.name, level.area * static_cast<double>(level.instances) / 1e12);
  }
  return out;
}

}  // namespace cimloop::compat::cimloop
