#pragma once
// Our own first-order CiM array model (wordline/bitline capacitance, drivers sized to their
// load, cell conductance). It stands in for NeuroSim's array periphery, whose code may not be
// used; it matches NeuroSim's interface (on/off x hi/lo energies interpolated in the average
// input x and average cell value w, spec §2.4) and is calibrated to published macros (§4).
#include "estimators/neurosim/cell_file.hpp"

namespace cimloop::estimators::cim {

using neurosim::CellType;
using neurosim::MemoryCell;

struct ArrayParameters {
  MemoryCell cell;
  double rows = 64;                  // wordlines
  double cols = 64;                  // bitlines
  double technology_nm = 22;
  double voltage = 1;
  double average_input_value = 0.5;  // x in [0, 1]
  double average_cell_value = 0.5;   // w in [0, 1]
  int temporal_dac_bits = 1;
  int voltage_dac_bits = 1;
  bool temporal_spiking = false;     // pulse-count DAC: 2^bits - 1 pulses at full scale
  double read_pulse_seconds = 1e-9;
};

// Energies in pJ per action; areas in um^2 for the whole array's set of drivers or one cell.
struct ArrayEstimate {
  double row_read = 0;       // drive one input slice onto one row
  double row_write = 0;      // drive one row for a weight write
  double column_read = 0;    // precharge and sense one bitline
  double cell_read = 0;      // one cell's share of one analog MAC
  double cell_write = 0;     // program one cell
  double row_drivers_area = 0;
  double column_drivers_area = 0;
  double cell_area = 0;
};

// Throws InputError for non-positive sizes or values outside [0, 1].
ArrayEstimate estimate_array(const ArrayParameters& p);

}  // namespace cimloop::estimators::cim
