#pragma once
// The row and column drivers of RRAM arrays (1T1R and crossbar cells) as NeuroSim reports
// them to the plug-in, built from their layout: standard-cell gates stacked along the array's
// height (rows) and width (columns), the crossbar row switch sized to the current of the cells
// on its row (data/neurosim/rram_periphery.yaml).
#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

// Area of the row drivers of one voltage level (a voltage DAC adds copies), um^2, at
// `supply` volts; `node` is one of kNodes.
double rram_row_driver_area_um2(const ArrayRequest& request, int node, double supply);

// Area of the column drivers (with the column mux when cols_active_at_once < cols), um^2, at
// `supply` volts. Declined when a column's DFF does not fit along the array width (the
// plug-in's negative area).
double rram_column_driver_area_um2(const ArrayRequest& request, int node, double supply);

}  // namespace cimloop::estimators::neurosim
