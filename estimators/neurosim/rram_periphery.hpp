#pragma once
// The row and column drivers of RRAM arrays (1T1R and crossbar cells) as NeuroSim reports
// them to the plug-in, built from their layout: standard-cell gates stacked along the array's
// height (rows) and width (columns), the crossbar row switch sized to the current of the cells
// on its row (data/neurosim/rram_periphery.yaml).
#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

// Periphery gates are standard cells of one height (F); one gate pitch (F) at `node` is an
// inverter's area divided by that height.
double gate_height_f();
double gate_pitch_f(int node);
// Stacks needed to place `count` gates, each `gate_f` long, along a line of `count` cells of
// `pitch_f`: as many per stack as fit in the line. 0 when not even one fits.
double gate_stacks(int count, double pitch_f, double gate_f);

// Area of the row drivers of one voltage level (a voltage DAC adds copies), um^2, at
// `supply` volts; `node` is one of kNodes.
double rram_row_driver_area_um2(const ArrayRequest& request, int node, double supply);

// Size of a crossbar line switch in fingers, not rounded up: its on-resistance at `supply`
// (vt raised by `vt_offset`) may not exceed the share of one of the `cells` cells it feeds in
// parallel. The row switch feeds the cols cells of a row; areas use whole fingers, the
// energies (rram_energy.hpp) the exact size.
double crossbar_switch_fingers(const ArrayRequest& request, int node, double supply, double cells,
                               double vt_offset = 0);

// Size of a column mux pass gate in row-switch fingers, before the minimum size: sized to the
// current of the rows cells of its column (through their access transistors with 1T1R cells).
double column_mux_fingers(const ArrayRequest& request, int node, double supply);

// Area of the column drivers (with the column mux when cols_active_at_once < cols), um^2, at
// `supply` volts. Declined when a column's DFF does not fit along the array width (the
// plug-in's negative area).
double rram_column_driver_area_um2(const ArrayRequest& request, int node, double supply);

}  // namespace cimloop::estimators::neurosim
