#pragma once
// Evaluates a CiM macro at full utilisation (CiMLoop's MAX_UTILIZATION quick run): action
// counts per array activation from the array containers (spec §1.3), per-action energies and
// areas from the component models, and the output metrics of spec §1.6.
#include <map>
#include <string>
#include <vector>

#include "src/cim/macro_spec.hpp"

namespace cimloop::cim {

struct ComponentResult {
  std::string name;
  Tensor keeps = Tensor::inputs;
  size_t containers_above = 0;
  size_t coalesced_below = kNotCoalesced;  // see values_per_activation
  bool writes_weights = false;     // its actions are weight writes, not per-activation reads
  double accesses_per_value = 1;   // ceil(bits per value / width)
  double leak_pj_per_instance = 0; // per cycle
  double actions_per_activation = 0;
  double read_pj = 0;              // per action
  double leak_pj_per_cycle = 0;    // all instances
  double instances = 0;            // copies below the enclosing array containers
  double energy_per_activation_pj = 0;  // actions x read + leak
  double area_um2 = 0;             // all copies
  std::string warning;             // from its estimator, empty when none
};

struct MacroResult {
  std::string macro;
  std::vector<ArrayContainer> containers;
  Slicing slicing;
  double cycle_seconds = 0;
  double macs_per_activation = 0;    // real (multi-bit) MACs
  double activations_per_mvm = 0;    // every stored weight used once with a full input
  double input_bits = 0, weight_bits = 0;
  double average_input_value = 0, average_weight_value = 0;
  std::vector<ComponentResult> components;

  // `subset` lists component names; empty = all. Unknown names throw InputError.
  double energy_per_activation_pj(const std::vector<std::string>& subset = {}) const;
  double area_um2(const std::vector<std::string>& subset = {}) const;
  double tops() const;
  double tops_per_w(const std::vector<std::string>& subset = {}) const;
  double tops_per_mm2(const std::vector<std::string>& subset = {}) const;
  double energy_per_mac_pj() const;
};

// One evaluation: distributions (per layer), then operating-point overrides of variables
// (numbers, and text for text-valued variables such as a scaling scenario).
MacroResult evaluate_macro(const MacroSpec& spec, const LayerDistributions& distributions,
                           const std::map<std::string, double>& overrides,
                           const std::map<std::string, std::string>& text_overrides = {});

}  // namespace cimloop::cim
