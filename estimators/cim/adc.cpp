#include "estimators/cim/adc.hpp"

#include <algorithm>
#include <cmath>

#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

AdcEstimate estimate_adc(const AdcParameters& p) {
  if (!(p.technology_nm > 0) || !(p.throughput > 0) || !(p.n_adcs > 0) || !(p.resolution > 0))
    throw InputError("adc: resolution, technology, throughput and n_adcs must be positive");
  const double n = std::max(4.0, p.resolution);
  const double f = p.throughput / p.n_adcs;
  const double sndr = 6.0206 * n + 1.7609;
  const double fom_speed = 213.78067 - 2.871903 * std::log(f);
  const double fom_max = 128.30683 + 3.220512 * std::ceil(n);
  const double fom = std::min(fom_speed, fom_max);
  const double raw_joules = 1.0 / (2.0 * std::pow(10.0, (fom - sndr) / 10.0));
  const double energy_pj =
      raw_joules * std::exp(26.049622 + 1.880037 * std::log(p.technology_nm) -
                            2.829126 * std::log(n) - 1.470202);
  AdcEstimate out;
  out.energy_per_conversion_pj = energy_pj * p.energy_scale;
  out.area_per_adc_um2 = std::exp(1.3461916 + 0.99327947 * std::log(p.technology_nm) +
                                  0.18071538 * std::log(f) + 0.29912426 * std::log(energy_pj));
  out.bank_area_um2 = out.area_per_adc_um2 * p.n_adcs * p.area_scale;
  if (std::log(f) > 23.026) out.warning = "adc: per-ADC rate above 10 GS/s is extrapolated";
  return out;
}

}  // namespace cimloop::estimators::cim
