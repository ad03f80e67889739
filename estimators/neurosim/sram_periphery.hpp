#pragma once
// The column periphery NeuroSim reports for SRAM cells: a transmission-gate column mux sized
// to the current of all rows of a column, and its decoder (data/neurosim/sram_periphery.yaml).
#include "estimators/neurosim/array_periphery.hpp"

namespace cimloop::estimators::neurosim {

// Read and write energies and area at a NeuroSim node; leakage is left 0 (the caller prices
// the decoder's leakage). All zero without a mux (cols_active_at_once >= cols) or in
// sequential mode.
DriverValues sram_col_drivers(const ArrayRequest& request, int node);

// How the pass gates' read energy per V^2 at `supply` (V) compares with that at 1 V: 1 + kappa
// ln(supply) with the node's measured kappa (LSTP / LP cells), 1 where none is measured.
double sram_pass_gate_voltage_factor(const ArrayRequest& request, int node, double supply);

}  // namespace cimloop::estimators::neurosim
