#pragma once
// The answers of the Accelergy NeuroSim plug-in for one query: NeuroSim's outputs at the
// two permitted nodes around the technology, the wrapper's post-processing of each class
// (on/off x high/low conductance interpolation, leakage scaled by the cycle time) and the
// linear blend between the two nodes.
#include <string>

#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators::neurosim {

// Energies in pJ per action (read-type, write-type, leak per global cycle, before Accelergy's
// n_instances), area in um^2.
struct Answer {
  double read_pj = 0;
  double write_pj = 0;
  double leak_pj = 0;
  double area_um2 = 0;
  std::string warning;  // non-empty when part of the answer is an estimate (see digital.cpp)
};

// Throws Declined when the plug-in would fail (e.g. a negative NeuroSim area).
Answer answer(const Request& request);

}  // namespace cimloop::estimators::neurosim
