#include "estimators/neurosim/adc.hpp"

#include <cmath>

#include "estimators/neurosim/memory_cell.hpp"
#include "estimators/neurosim/node_constants.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr const char* kFile = "neurosim/adc.yaml";

struct Tables {
  NodeConstants energy, leakage;
};

const Tables& tables() {
  static const Tables t = [] {
    const YAML::Node root = load_data_file(kFile);
    return Tables{NodeConstants(root["energy"], kFile, "energy",
                                {"comparators", "bits", "encoder", "fixed", "levels", "fixed_reference", "two_bit"}),
                  NodeConstants(root["leakage"], kFile, "leakage", {"comparators", "bits", "encoder", "two_bit"})};
  }();
  return t;
}

// Gate counts of one ADC: 2^bits comparator slots, per output bit, and the encoder's levels x
// bits; a 2-bit encoder is built differently (its own term).
struct Size {
  double comparators, bits, encoder, two_bit;
};

Size size(int bits) {
  const double slots = std::pow(2.0, bits);
  return {slots, static_cast<double>(bits), (slots - 1) * bits, bits == 2 ? 1.0 : 0.0};
}

}  // namespace

double adc_energy_pj(const ArrayRequest& a, int node) {
  if (a.adc_resolution <= 0) return 0;
  const std::vector<double>& c = tables().energy.at(node);
  const Size s = size(a.adc_resolution);
  const double v = supply_voltage(a, node);
  // Switching at the supply, plus a per-level reference independent of it.
  return v * v * (c[0] * s.comparators + c[1] * s.bits + c[2] * s.encoder + c[3]) + c[4] * (s.comparators - 1) +
         c[5] + c[6] * s.two_bit;
}

double adc_leakage_w(const ArrayRequest& a, int node) {
  if (a.adc_resolution <= 0) return 0;
  const std::vector<double>& c = tables().leakage.at(node);
  const Size s = size(a.adc_resolution);
  const double per_adc = c[0] * s.comparators + c[1] * s.bits + c[2] * s.encoder + c[3] * s.two_bit;
  return a.cols_active_at_once * supply_voltage(a, node) * per_adc;
}

}  // namespace cimloop::estimators::neurosim
