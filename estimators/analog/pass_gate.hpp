#pragma once
// The pass gate of CiMLoop's local plug-ins (models/components/accelergy_plug_ins/misc.py):
// two transistors of `transistor_area_f2` F^2 each at the node; no energy of its own.

namespace cimloop::estimators {

inline double pass_gate_area_m2(double technology_nm, double transistor_area_f2 = 100) {
  const double node_m = technology_nm * 1e-9;
  return 2 * transistor_area_f2 * (node_m * node_m);
}

}  // namespace cimloop::estimators
