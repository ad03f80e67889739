#pragma once
// NeuroSim's own ADC as the plug-in reports it (class array_adc: the run with the ADC minus
// the run without): a multilevel sense amplifier of 2^bits - 1 comparators per active column
// with its encoder (data/neurosim/adc.yaml).
#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

// Energy of one conversion (pJ) and the leakage of all active columns' ADCs (W) at `node`
// (one of kNodes); 0 without an ADC (adc_resolution 0).
double adc_energy_pj(const ArrayRequest& request, int node);
double adc_leakage_w(const ArrayRequest& request, int node);

}  // namespace cimloop::estimators::neurosim
