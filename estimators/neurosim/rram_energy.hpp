#pragma once
// Energies of the periphery and cell writes of RRAM arrays (1T1R and crossbar cells, not in
// sequential mode) as NeuroSim reports them to the plug-in. The structure is the one found in
// the plug-in's answers (see data/neurosim/rram_energy.yaml): line capacitances charged at the
// supply (cell width and access gates on a row; cell height on a column), switches sized to the
// current of the cells they feed (rram_periphery.hpp), a column-mux decoder by address bits;
// the capacitance per unit of each is a constant of the node fitted to the answers.
#include "estimators/neurosim/array_periphery.hpp"

namespace cimloop::estimators::neurosim {

// Row drivers: read on/off (the same for high and low conductance) and write. `node` is one
// of kNodes; area and leakage are left 0 (rram_periphery.hpp and array_periphery.cpp).
DriverValues rram_row_driver_energies(const ArrayRequest& request, int node);

// Column drivers: read energy of one column read through the column mux (0 without one).
double rram_col_driver_read_pj(const ArrayRequest& request, int node);

// What a cell write costs besides the set pulse through the cell (memory_cell.hpp): the same
// for high and low conductance.
double rram_cell_write_overhead_pj(const ArrayRequest& request, int node);

}  // namespace cimloop::estimators::neurosim
