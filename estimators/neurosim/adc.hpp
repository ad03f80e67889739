#pragma once
// NeuroSim's own ADC as the plug-in reports it (class array_adc: the run with the ADC minus
// the run without): a multilevel sense amplifier of 2^bits - 1 comparators per active column
// with its encoder (data/neurosim/adc.yaml). Each comparator is laid out under its column:
// a fixed block plus an output gate folded into the column pitch.
#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

// Energy of one conversion (pJ) and the leakage of all active columns' ADCs (W) at `node`
// (one of kNodes); 0 without an ADC (adc_resolution 0).
double adc_energy_pj(const ArrayRequest& request, int node);
double adc_leakage_w(const ArrayRequest& request, int node);

// Layout area of the ADCs of all active columns (um^2) at `node`; 0 without an ADC.
double adc_area_um2(const ArrayRequest& request, int node);

// Width of one comparator's output gate in gate pitches at `bits` resolution (>= 1).
double adc_output_gate_pitches(int bits);

}  // namespace cimloop::estimators::neurosim
