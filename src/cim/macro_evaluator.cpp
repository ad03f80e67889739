#include "src/cim/macro_evaluator.hpp"

#include <cmath>

#include "src/cim/component_models.hpp"
#include "src/cim/macro_variables.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace {

bool selected(const std::vector<std::string>& subset, const std::string& name) {
  if (subset.empty()) return true;
  for (const auto& s : subset)
    if (s == name) return true;
  return false;
}

void check_subset(const MacroResult& r, const std::vector<std::string>& subset) {
  for (const auto& s : subset) {
    bool known = false;
    for (const auto& c : r.components) known |= c.name == s;
    if (!known) throw InputError(r.macro + ": no component named '" + s + "'");
  }
}

double attribute(const ComponentSpec& c, MacroVariables& vars, const std::string& name,
                 double fallback) {
  auto it = c.attributes.find(name);
  return it == c.attributes.end() ? fallback : vars.evaluate(it->second, c.where + ": attribute " + name);
}

// Accesses one value of the kept tensor needs at the component's width per activation. A
// component with temporal reuse over the bit-serial input loop (`accumulates_input_slices`,
// e.g. an analog accumulator before the ADC) acts once per whole input, not once per slice.
double accesses_per_value(const ComponentSpec& c, MacroVariables& vars) {
  const double width = attribute(c, vars, "width", 1);
  if (!(width > 0)) throw InputError(c.where + ": attribute width must be positive");
  const double accesses = std::ceil(vars.bits_per_value(c.keeps) / width - 1e-9);
  const bool accumulates = attribute(c, vars, "accumulates_input_slices", 0) != 0;
  return accumulates ? accesses / vars.get("N_INPUT_SLICES") : accesses;
}

// Enclosing containers of the nearest coalescing component after `index` keeping the same
// tensor: copies are merged there before they reach this component.
size_t coalesced_below(const MacroSpec& spec, size_t index) {
  const ComponentSpec& c = spec.components[index];
  for (size_t j = index + 1; j < spec.components.size(); ++j) {
    const ComponentSpec& below = spec.components[j];
    if (below.coalesces && below.keeps == c.keeps) return below.containers_above;
  }
  return kNotCoalesced;
}

}  // namespace

MacroResult evaluate_macro(const MacroSpec& spec, const LayerDistributions& distributions,
                           const std::map<std::string, double>& overrides,
                           const std::map<std::string, std::string>& text_overrides) {
  MacroVariables vars(spec, distributions, overrides, text_overrides);
  const std::vector<ArrayContainer> containers = vars.containers();
  MacroResult r;
  r.macro = spec.name;
  r.containers = containers;
  r.cycle_seconds = vars.get("GLOBAL_CYCLE_SECONDS");
  if (!(r.cycle_seconds > 0)) throw InputError(spec.source + ": GLOBAL_CYCLE_SECONDS must be > 0");
  const Slicing s = vars.slicing();
  r.slicing = s;
  r.macs_per_activation =
      cim_units_per_activation(containers) / (s.n_input_slices * s.n_weight_slices);
  r.activations_per_mvm = s.n_input_slices * vars.get("CIM_UNIT_DEPTH_CELLS");
  r.input_bits = vars.get("INPUT_BITS");
  r.weight_bits = vars.get("WEIGHT_BITS");
  r.average_input_value = vars.get("AVERAGE_INPUT_VALUE");
  r.average_weight_value = vars.get("AVERAGE_WEIGHT_VALUE");
  for (size_t i = 0; i < spec.components.size(); ++i) {
    const ComponentSpec& c = spec.components[i];
    const ComponentEstimate e = estimate_component(c, vars);
    ComponentResult out;
    out.name = c.name;
    out.keeps = c.keeps;
    out.containers_above = c.containers_above;
    out.coalesced_below = coalesced_below(spec, i);
    out.writes_weights = c.model == "weight_row_drivers";
    out.accesses_per_value = accesses_per_value(c, vars);
    // One action per value of the kept tensor crossing the component, unless stated.
    if (auto it = c.attributes.find("actions_per_activation"); it != c.attributes.end())
      out.actions_per_activation = vars.evaluate(it->second, c.where + ": attribute actions_per_activation");
    else
      out.actions_per_activation =
          values_per_activation(containers, c.keeps, c.containers_above, out.coalesced_below) *
          out.accesses_per_value;
    out.read_pj = e.read_pj;
    out.instances = instances_below(containers, c.containers_above);
    out.leak_pj_per_instance = e.leak_pj_per_cycle;
    out.leak_pj_per_cycle = e.leak_pj_per_cycle * out.instances;
    out.energy_per_activation_pj = out.actions_per_activation * e.read_pj + out.leak_pj_per_cycle;
    out.area_um2 = e.area_um2 * out.instances;
    if (!e.warning.empty()) out.warning = c.where + ": " + e.warning;
    r.components.push_back(out);
  }
  return r;
}

namespace {

double sum_over(const MacroResult& r, const std::vector<std::string>& subset,
                double ComponentResult::*field) {
  check_subset(r, subset);
  double total = 0;
  for (const auto& c : r.components)
    if (selected(subset, c.name)) total += c.*field;
  return total;
}

}  // namespace

double MacroResult::energy_per_activation_pj(const std::vector<std::string>& subset) const {
  return sum_over(*this, subset, &ComponentResult::energy_per_activation_pj);
}

double MacroResult::area_um2(const std::vector<std::string>& subset) const {
  return sum_over(*this, subset, &ComponentResult::area_um2);
}

double MacroResult::tops() const { return 2 * macs_per_activation / cycle_seconds / 1e12; }

double MacroResult::tops_per_w(const std::vector<std::string>& subset) const {
  return 2 * macs_per_activation / (energy_per_activation_pj(subset) * 1e-12) / 1e12;
}

double MacroResult::tops_per_mm2(const std::vector<std::string>& subset) const {
  return tops() / (area_um2(subset) * 1e-6);
}

double MacroResult::energy_per_mac_pj() const {
  return energy_per_activation_pj() / macs_per_activation;
}

}  // namespace cimloop::cim
