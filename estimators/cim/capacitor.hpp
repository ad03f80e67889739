#pragma once
// Analytic capacitor model (CiMLoop spec §2.4-5, §3.3): charge-based energies driven by a
// value PMF, and area from a capacitance density.
#include <optional>
#include <vector>

namespace cimloop::estimators::cim {

struct CapacitorParameters {
  double capacitance_f = 1e-15;
  double voltage = 1;                      // supply V_s
  double technology_nm = 22;
  std::optional<double> density_f_per_m2;  // default 2.3 fF/um^2 x (22 / T)^2
  bool stacked = false;                    // area already counted elsewhere (e.g. in the cell)
};

// Energies in pJ, area in um^2.
class Capacitor {
 public:
  explicit Capacitor(const CapacitorParameters& p);
  // C V^2: one full charge from 0 to V.
  double read_energy() const;
  // Raise from 0 to `target_volts` from the supply: C V_t V_s.
  double raise_energy(double target_volts) const;
  // Expected energy between consecutive independent values drawn from `pmf` (bin k holds
  // voltage k / (L - 1) x V); only rising steps cost. With zero_between_values the previous
  // value is always 0.
  double switch_energy(const std::vector<double>& pmf, bool zero_between_values) const;
  // sum_v p_v x probability x C V_v V.
  double charge_energy(const std::vector<double>& pmf, double probability) const;
  double area() const;

 private:
  CapacitorParameters p_;
};

}  // namespace cimloop::estimators::cim
