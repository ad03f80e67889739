#pragma once
// NeuroSim's digital blocks (DFF, ripple-carry adder, shift-add, adder tree, max-pool
// comparators, mux with decoder) and the gate areas, at one of NeuroSim's nodes, from the
// per-node constants in data/neurosim/digital.yaml.
#include <string>

#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

// One block as NeuroSim reports it: energy per operation, leakage power, layout area.
struct BlockValues {
  double energy_pj = 0;
  double leakage_w = 0;
  double area_um2 = 0;
};

// `component` is one of the digital classes or gates; `node` one of kNodes. Appends to
// `warning` when a value is estimated from another node or interpolated between block sizes.
BlockValues digital_block(Component component, const DigitalRequest& request, int node, std::string& warning);

// Layout area of a minimum inverter at `node` (F^2): NeuroSim's unit of gate area.
double inverter_area_f2(int node);

}  // namespace cimloop::estimators::neurosim
