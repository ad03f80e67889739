#pragma once
// The row drivers NeuroSim reports for SRAM arrays outside sequential mode, from their layout
// (data/neurosim/sram_row_drivers.yaml): a wordline switch per row (its DFF, control gate and
// a transmission gate folded into as many fingers as its width needs) stacked along the array
// height, and the per-column precharge and write-driver gates in strips under the columns.
#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

// The wordline switch of one row: its transmission-gate width in fingers before rounding
// (sized against the row's wire and access-gate load, see the data file) and the fingers
// laid out (at least one); at FinFET nodes the fins its read energy counts (NMOS and PMOS,
// each width rounded up to whole fins; 0 at planar nodes).
struct RowSwitch {
  double width_fingers = 0;
  int fingers = 1;
  int fins = 0;
};

// `node` is one of kNodes; `supply` in volts.
RowSwitch sram_row_switch(const ArrayRequest& request, int node, double supply);

// Area of the row drivers, um^2.
double sram_row_driver_area_um2(const ArrayRequest& request, int node, double supply);

}  // namespace cimloop::estimators::neurosim
