#include "estimators/estimator.hpp"

namespace cimloop::estimators {

// Order = Accelergy's plug-in load order in the reference runs; it decides accuracy ties
// (e.g. Aladdin_table before NeuroSim for a 45nm intadder).
void register_builtin_estimators(Registry& registry) {
  (void)registry;
}

}  // namespace cimloop::estimators
