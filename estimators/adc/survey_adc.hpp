#pragma once
// ADC energy/area regression on Murmann's ADC survey (CiMLoop spec §3.1; coefficients of
// Accelergy-Project/accelergy-adc-plug-in adc_data/model.yaml, MIT, (c) 2021 T. Andrulis).
#include <string>

namespace cimloop::estimators {

struct AdcParameters {
  double resolution = 8;       // bits (values below 4 are raised to 4)
  double technology_nm = 65;
  double throughput = 1e8;     // total samples/s of the bank
  double n_adcs = 1;           // ADCs sharing the throughput
  double energy_scale = 1;     // calibration (ADC_ENERGY_SCALE)
  double area_scale = 1;       // calibration (ADC_AREA_SCALE)
};

struct AdcEstimate {
  double energy_per_conversion_pj = 0;  // scaled by energy_scale
  double area_per_adc_um2 = 0;          // unscaled
  double bank_area_um2 = 0;             // per-ADC area x n_adcs x area_scale
  std::string warning;                  // set above 10 GS/s per ADC
};

// Throws InputError for non-positive inputs.
AdcEstimate estimate_adc(const AdcParameters& p);

}  // namespace cimloop::estimators
