#include "estimators/cim/c2c_multiplier.hpp"

#include <cmath>

#include "estimators/analog/capacitor.hpp"
#include "estimators/analog/pass_gate.hpp"
#include "estimators/cim/digital_gates.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

namespace {

double rms_voltage(const std::vector<double>& pmf, double voltage) {
  double weighted = 0, total = 0;
  for (size_t i = 0; i < pmf.size(); ++i) {
    weighted += static_cast<double>(i * i) * pmf[i];
    total += pmf[i];
  }
  if (total <= 0 || pmf.size() < 2) return 0;
  return std::sqrt(weighted / total) * voltage / static_cast<double>(pmf.size() - 1);
}

}  // namespace

C2cMultiplierEstimate estimate_c2c_multiplier(const C2cMultiplierParameters& p) {
  if (p.resolution < 1) throw InputError("c2c multiplier: resolution must be >= 1");
  if (p.b_bit_probabilities.empty())
    throw InputError("c2c multiplier: operand B bit distribution is empty");
  double lo_to_hi = 0;
  for (double q : p.b_bit_probabilities) lo_to_hi += q * (1 - q);
  lo_to_hi /= p.b_bit_probabilities.size();

  const Capacitor unit({p.unit_capacitance_f, p.technology_nm, p.voltage});
  const Capacitor doubled({2 * p.unit_capacitance_f, p.technology_nm, p.voltage});
  const double a_rms = rms_voltage(p.a_pmf, p.voltage);
  constexpr double kPico = 1e12;  // J -> pJ, m^2 -> um^2

  C2cMultiplierEstimate out;
  const double per_bit_switch_a = unit.switch_energy(p.a_pmf, false, std::nullopt) +
                                  doubled.switch_energy(p.a_pmf, false, std::nullopt);
  out.switch_a_energy_pj = p.resolution * per_bit_switch_a * kPico * p.reference_node_capacitance_scale;
  out.switch_b_energy_pj =
      p.resolution * (unit.raise_voltage_to(a_rms) + doubled.raise_voltage_to(a_rms)) * kPico * lo_to_hi;
  const DigitalGates gates(p.technology_nm);
  out.area_um2 = p.resolution * ((unit.area() + doubled.area() + 2 * pass_gate_area_m2(p.technology_nm)) * kPico +
                                 2 * gates.inverter_area());
  return out;
}

}  // namespace cimloop::estimators::cim
