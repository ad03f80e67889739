#include "estimators/estimator.hpp"

namespace cimloop::estimators {

std::unique_ptr<PrimitiveEstimator> make_aladdin_table_estimator();
std::unique_ptr<PrimitiveEstimator> make_dummy_table_estimator();
std::unique_ptr<PrimitiveEstimator> make_neurosim_estimator();
std::unique_ptr<PrimitiveEstimator> make_library_estimator();
std::unique_ptr<PrimitiveEstimator> make_cacti_dram_estimator();
std::unique_ptr<PrimitiveEstimator> make_cacti_sram_estimator();
std::unique_ptr<PrimitiveEstimator> make_cim_estimator();

// Order = Accelergy's plug-in load order in the reference runs; it decides accuracy ties
// (e.g. Aladdin_table before NeuroSim for a 45nm intadder).
void register_builtin_estimators(Registry& registry) {
  registry.add(make_aladdin_table_estimator());
  registry.add(make_dummy_table_estimator());
  registry.add(make_neurosim_estimator());
  registry.add(make_library_estimator());
  registry.add(make_cacti_dram_estimator());
  registry.add(make_cacti_sram_estimator());
  registry.add(make_cim_estimator());
}

}  // namespace cimloop::estimators
