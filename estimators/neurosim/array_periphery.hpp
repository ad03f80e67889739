#pragma once
// The array periphery NeuroSim reports to the plug-in: the row drivers (wordline drive and
// the voltage-DAC copies), the column drivers (column mux, its decoder and the column
// switches) and NeuroSim's own ADC. Leakage follows the structure found in the plug-in's
// answers (DFFs per row/column, the mux decoder). RRAM driver areas and energies, SRAM column
// drivers and the ADC have their own models (rram_periphery.hpp,
// rram_energy.hpp, sram_periphery.hpp, adc.hpp); the rest (SRAM row drivers, sequential mode,
// RRAM column writes) are calibrated surrogates (data/neurosim/periphery.yaml),
// NOT NeuroSim's circuits: expect errors of a few percent (see the golden suite).
#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

// Energy of one activation with the line driven (on) or not (off).
struct OnOff {
  double on_pj = 0;
  double off_pj = 0;
};

// With every cell on the line at high and at low conductance.
struct DriverValues {
  OnOff read_hi, read_lo;
  OnOff write_hi, write_lo;  // only on_pj is used
  double leakage_w = 0;
  double area_um2 = 0;
};

DriverValues row_drivers(const ArrayRequest& request, int node);
DriverValues col_drivers(const ArrayRequest& request, int node);

struct AdcValues {
  double energy_pj = 0;
  double leakage_w = 0;
  double area_um2 = 0;
};

AdcValues array_adc(const ArrayRequest& request, int node);

}  // namespace cimloop::estimators::neurosim
