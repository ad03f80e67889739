#include "estimators/cim/capacitor.hpp"

#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

namespace {
constexpr double kJoulesToPj = 1e12;
constexpr double kM2ToUm2 = 1e12;

double bin_voltage(size_t k, size_t bins, double v) {
  return bins > 1 ? v * static_cast<double>(k) / static_cast<double>(bins - 1) : v;
}
}  // namespace

Capacitor::Capacitor(const CapacitorParameters& p) : p_(p) {
  if (!(p.capacitance_f >= 0) || !(p.technology_nm > 0))
    throw InputError("capacitor: capacitance must be >= 0 and technology > 0");
}

double Capacitor::read_energy() const {
  return p_.capacitance_f * p_.voltage * p_.voltage * kJoulesToPj;
}

double Capacitor::raise_energy(double target_volts) const {
  return p_.capacitance_f * target_volts * p_.voltage * kJoulesToPj;
}

double Capacitor::switch_energy(const std::vector<double>& pmf, bool zero_between) const {
  const size_t n = pmf.size();
  double total = 0, expected = 0;
  for (double q : pmf) total += q;
  if (total <= 0) return 0;
  for (size_t to = 0; to < n; ++to) {
    const double p1 = pmf[to] / total;
    const double v1 = bin_voltage(to, n, p_.voltage);
    if (zero_between) {
      expected += p1 * v1;
      continue;
    }
    for (size_t from = 0; from <= to; ++from)
      expected += pmf[from] / total * p1 * (v1 - bin_voltage(from, n, p_.voltage));
  }
  return p_.capacitance_f * p_.voltage * expected * kJoulesToPj;
}

double Capacitor::charge_energy(const std::vector<double>& pmf, double probability) const {
  double total = 0, expected = 0;
  for (double q : pmf) total += q;
  if (total <= 0) return 0;
  for (size_t k = 0; k < pmf.size(); ++k)
    expected += pmf[k] / total * bin_voltage(k, pmf.size(), p_.voltage);
  return probability * p_.capacitance_f * expected * p_.voltage * kJoulesToPj;
}

double Capacitor::area() const {
  if (p_.stacked) return 0;
  const double node = p_.technology_nm / 22.0;
  const double density = p_.density_f_per_m2 ? *p_.density_f_per_m2 : 2.3e-3 / (node * node);
  if (!(density > 0)) throw InputError("capacitor: density must be positive");
  const double border_m2 = 1e-12 * node * node;
  return (p_.capacitance_f / density + border_m2) * kM2ToUm2;
}

}  // namespace cimloop::estimators::cim
