#pragma once
// Processing-in-memory figures of one evaluated mapping: where the energy goes (moving
// activations, moving weights, conversion, the array), how much of the arrays in use holds
// weights, and how many MACs each weight written into the array serves.
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/model/evaluation.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat::cimloop {

// A component's energy (J) split by what it moves; `other` is what no data space accounts
// for (leakage, the arithmetic).
struct ComponentTraffic {
  std::string name;
  double weights = 0, activations = 0, other = 0;
  double total() const { return weights + activations + other; }
};

struct PimFigures {
  std::vector<ComponentTraffic> components;  // the arithmetic, then storage innermost first
  std::string weight_level;                  // the innermost level that keeps Weights ("" if none)
  // Utilized instances of the weight level over its instances inside the utilized instances
  // of the next outer level with fewer instances (the arrays in use).
  double array_utilization = 0;
  // Weight words written into the weight level (its fills; its utilized capacity when weights
  // are preloaded and never filled).
  double weight_writes = 0;
};

PimFigures pim_figures(const arch::ArchSpec& arch, const workload::Workload& workload, const model::EvalResult& result);

// Which components count as conversion (ADC/DAC) and as the array; the rest is split by data
// space into weights and activations (Inputs, Outputs).
struct PimCategories {
  std::vector<std::string> conversion;  // default: names containing "adc" or "dac"
  std::vector<std::string> array;       // default: the weight level and the arithmetic
  bool conversion_given = false, array_given = false;
};

struct PimShares {
  double activations = 0, weights = 0, conversion = 0, array = 0, other = 0;  // J
};

PimShares pim_shares(const PimFigures& figures, const PimCategories& categories);

}  // namespace cimloop::compat::cimloop
