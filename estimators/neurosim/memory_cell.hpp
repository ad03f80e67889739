#pragma once
// One memory cell as NeuroSim reports it to the plug-in: the energy of one read pulse and of
// one write of a cell at high and at low conductance, its leakage and its area.
#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

struct CellValues {
  double read_hi_pj = 0, read_lo_pj = 0;    // one read pulse of read_pulse_width
  double write_hi_pj = 0, write_lo_pj = 0;  // one write (set) pulse
  double leakage_w = 0;
  double area_um2 = 0;
};

// The supply of an array query: its voltage, or the node's default when 0.
double supply_voltage(const ArrayRequest& request, int node);

// `node` is one of kNodes.
CellValues memory_cell(const ArrayRequest& request, int node);

// The resistance NeuroSim puts in series with an RRAM cell: access transistor (1T1R cells)
// plus the wire along the cell's bitline and wordline (ohm).
double rram_series_resistance(const ArrayRequest& request);

}  // namespace cimloop::estimators::neurosim
