#pragma once
// C-2C ladder multiplier (CiMLoop spec §2.4-7; Wang et al., JSSC 2023): an analog operand A
// on the ladder's reference node times a digital operand B switching the ladder caps.
#include <vector>

namespace cimloop::estimators::cim {

struct C2cMultiplierParameters {
  int resolution = 8;                     // bits of B (ladder stages)
  double voltage = 1;
  double technology_nm = 22;
  double unit_capacitance_f = 1e-15;
  std::vector<double> a_pmf;              // PMF of A over L levels (level k = k/(L-1) V)
  std::vector<double> b_bit_probabilities;  // P(bit = 1) per bit of B
  // The reference node sees unit_capacitance x this per bit on average.
  double reference_node_capacitance_scale = 1.67 / 8;
};

struct C2cMultiplierEstimate {
  double switch_a_energy_pj = 0;  // A changes: every ladder cap follows it
  double switch_b_energy_pj = 0;  // B bits rise: their caps charge to A (rms)
  double area_um2 = 0;            // caps + pass gates + inverters
};

C2cMultiplierEstimate estimate_c2c_multiplier(const C2cMultiplierParameters& p);

}  // namespace cimloop::estimators::cim
