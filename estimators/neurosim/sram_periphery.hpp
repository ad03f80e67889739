#pragma once
// The column periphery NeuroSim reports for SRAM cells: a transmission-gate column mux sized
// to the current of all rows of a column, and its decoder (data/neurosim/sram_periphery.yaml).
#include "estimators/neurosim/array_periphery.hpp"

namespace cimloop::estimators::neurosim {

// Read and write energies and area at a NeuroSim node; leakage is left 0 (the caller prices
// the decoder's leakage). All zero without a mux (cols_active_at_once >= cols) or in
// sequential mode.
DriverValues sram_col_drivers(const ArrayRequest& request, int node);

}  // namespace cimloop::estimators::neurosim
