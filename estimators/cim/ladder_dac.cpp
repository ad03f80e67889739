#include "estimators/cim/ladder_dac.hpp"

#include <cmath>

#include "estimators/cim/capacitor.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

namespace {

// Thomas algorithm for the tridiagonal nodal system (a: sub, b: diag, c: super).
std::vector<double> solve_tridiagonal(std::vector<double> a, std::vector<double> b,
                                      std::vector<double> c, std::vector<double> d) {
  const size_t n = b.size();
  for (size_t i = 1; i < n; ++i) {
    const double m = a[i] / b[i - 1];
    b[i] -= m * c[i - 1];
    d[i] -= m * d[i - 1];
  }
  std::vector<double> x(n);
  x[n - 1] = d[n - 1] / b[n - 1];
  for (size_t i = n - 1; i-- > 0;) x[i] = (d[i] - c[i] * x[i + 1]) / b[i];
  return x;
}

}  // namespace

double ladder_supply_current(int code, int resolution, double voltage) {
  // Node 0 is the LSB end (2R termination to ground), node n-1 the unloaded output. Series
  // R has conductance 1, each 2R branch 1/2.
  const size_t n = resolution;
  std::vector<double> a(n, -1.0), b(n, 2.5), c(n, -1.0), d(n, 0.0);
  std::vector<int> bits(n);
  for (size_t i = 0; i < n; ++i) bits[i] = (code >> i) & 1;
  for (size_t i = 0; i < n; ++i) d[i] = bits[i] * voltage / 2;
  a[0] = 0;
  c[n - 1] = 0;
  b[0] = 2.0;
  b[n - 1] = 1.5;
  if (n == 1) b[0] = 1.0;  // both 2R branches on a single node
  const std::vector<double> v = solve_tridiagonal(a, b, c, d);
  double current = 0;
  for (size_t i = 0; i < n; ++i)
    if (bits[i]) current += voltage - v[i];
  return current;
}

std::vector<double> resample_pmf(const std::vector<double>& pmf, int codes) {
  const int levels = static_cast<int>(pmf.size());
  if (levels < 1 || codes < 1) throw InputError("DAC: empty value distribution");
  std::vector<double> out(codes, 0.0);
  if (levels == 1 || codes == 1) {
    out[0] = 1;
    return out;
  }
  out[0] = pmf[0];
  if (codes >= levels) {
    for (int k = 1; k < codes; ++k) {
      const double x = static_cast<double>(k) * (levels - 1) / (codes - 1);
      const int lo = std::min(static_cast<int>(std::floor(x)), levels - 2);
      const double t = x - lo;
      out[k] = pmf[lo] * (1 - t) + pmf[lo + 1] * t;
    }
    // Interpolated codes share the non-zero mass of the source.
    double rest = 0, source_rest = 0;
    for (int k = 1; k < codes; ++k) rest += out[k];
    for (int i = 1; i < levels; ++i) source_rest += pmf[i];
    for (int k = 1; k < codes; ++k) out[k] = rest > 0 ? out[k] * source_rest / rest : 0;
  } else {
    for (int i = 1; i < levels; ++i) {
      const int k = std::max(1, static_cast<int>(std::lround(static_cast<double>(i) *
                                                             (codes - 1) / (levels - 1))));
      out[k] += pmf[i];
    }
  }
  double total = 0;
  for (double q : out) total += q;
  if (total <= 0) throw InputError("DAC: value distribution sums to zero");
  for (double& q : out) q /= total;
  return out;
}

LadderDacEstimate estimate_ladder_dac(const LadderDacParameters& p) {
  if (p.resolution < 1 || p.resolution > 16)
    throw InputError("DAC: resolution must be between 1 and 16 bits");
  const int codes = 1 << p.resolution;
  const std::vector<double> pmf = resample_pmf(p.value_pmf, codes);
  double expected_current = 0;
  for (int k = 0; k < codes; ++k)
    if (pmf[k] > 0) expected_current += pmf[k] * ladder_supply_current(k, p.resolution, p.voltage);
  LadderDacEstimate out;
  const double node_scale = p.technology_nm / 22.0;
  if (p.type == LadderType::c2c) {
    out.ladder_energy_pj = expected_current * p.voltage * p.unit_capacitance_f * 1e12;
    CapacitorParameters cap{p.unit_capacitance_f, p.voltage, p.technology_nm, {}, false};
    out.area_um2 = p.resolution * Capacitor(cap).area();
  } else {
    const double power_w = expected_current * p.voltage / (2 * p.unit_resistance_ohm);
    out.ladder_energy_pj = power_w * p.cycle_seconds * 1e12;
    out.area_um2 =
        0.7e-14 * node_scale * node_scale * p.resolution * p.unit_resistance_ohm * 1e12;
  }
  const double vt = p.voltage * p.technology_nm;
  out.controller_energy_pj = vt * vt * p.resolution * 8e-17 * 1e12;
  return out;
}

}  // namespace cimloop::estimators::cim
