#include "estimators/adc/survey_adc.hpp"

#include <algorithm>
#include <cmath>

#include "src/common/error.hpp"

namespace cimloop::estimators {

AdcEstimate estimate_adc(const AdcParameters& p) {
  if (!(p.technology_nm > 0) || !(p.throughput > 0) || !(p.n_adcs > 0) || !(p.resolution > 0))
    throw InputError("adc: resolution, technology, throughput and n_adcs must be positive");
  const double n = std::max(4.0, p.resolution);
  const double f = p.throughput / p.n_adcs;
  // Coefficients of the ADC plug-in's regression (accelergy-adc-plug-in adc_data/model.yaml,
  // MIT, fit to Murmann's ADC survey), at full precision: the plug-in's own numbers.
  static const double kMaxFomByEnob[] = {
      128.3068287398817,  131.52734025085925, 134.7478517618368,  137.96836327281437, 141.18887478379193,
      144.4093862947695,  147.62989780574708, 150.85040931672464, 154.0709208277022,  157.29143233867975,
      160.5119438496573,  163.73245536063487, 166.95296687161243, 170.17347838259,    173.39398989356755,
      176.61450140454514, 179.83501291552267, 183.05552442650026, 186.27603593747781, 189.49654744845537,
      192.71705895943293};
  const double enob_index = std::ceil(n);
  if (enob_index > 20) throw InputError("adc: resolution above 20 bits is outside the ADC model");
  const double sndr = 20 * std::log10(2.0) * n + 10 * std::log10(1.5);
  const double fom_speed = 213.7806687348118 - 2.8719030399529957 * std::log(f);
  const double fom = std::min(fom_speed, kMaxFomByEnob[static_cast<int>(enob_index)]);
  const double raw_joules = 1.0 / (2.0 * std::pow(10.0, (fom - sndr) / 10.0));
  const double energy_pj = raw_joules * std::exp(26.0496215686518 + 1.8800369206815004 * std::log(p.technology_nm) -
                                                 2.8291256050594527 * std::log(n) - 1.4702022133784405);
  AdcEstimate out;
  out.energy_per_conversion_pj = energy_pj * p.energy_scale;
  out.area_per_adc_um2 = std::exp(1.3461916439910742 + 0.9932794744745022 * std::log(p.technology_nm) +
                                  0.18071538424508238 * std::log(f) + 0.29912426192653485 * std::log(energy_pj));
  out.bank_area_um2 = out.area_per_adc_um2 * p.n_adcs * p.area_scale;
  if (std::log(f) > 23.026) out.warning = "adc: per-ADC rate above 10 GS/s is extrapolated";
  return out;
}

}  // namespace cimloop::estimators
