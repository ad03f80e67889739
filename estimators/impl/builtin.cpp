#include "estimators/estimator.hpp"

namespace cimloop::estimators {

std::unique_ptr<PrimitiveEstimator> make_aladdin_table_estimator();
std::unique_ptr<PrimitiveEstimator> make_dummy_table_estimator();
std::unique_ptr<PrimitiveEstimator> make_neurosim_estimator();
std::unique_ptr<PrimitiveEstimator> make_library_estimator();
std::unique_ptr<PrimitiveEstimator> make_cacti_dram_estimator();
std::unique_ptr<PrimitiveEstimator> make_cacti_sram_estimator();
std::unique_ptr<PrimitiveEstimator> make_adc_plug_in();
std::unique_ptr<PrimitiveEstimator> make_capacitor_estimator();
std::unique_ptr<PrimitiveEstimator> make_pass_gate_estimator();
std::unique_ptr<PrimitiveEstimator> make_wire_estimator();
std::unique_ptr<PrimitiveEstimator> make_x2x_ladder_estimator();
std::unique_ptr<PrimitiveEstimator> make_c2c_ladder_estimator();
std::unique_ptr<PrimitiveEstimator> make_r2r_ladder_estimator();

// Order = Accelergy's plug-in load order in the reference runs; it decides accuracy ties
// (e.g. Aladdin_table before NeuroSim for a 45nm intadder). CiMLoop's local plug-ins come
// last, each Python module's estimators in the order of their Python class names.
void register_builtin_estimators(Registry& registry) {
  registry.add(make_aladdin_table_estimator());
  registry.add(make_dummy_table_estimator());
  registry.add(make_neurosim_estimator());
  registry.add(make_library_estimator());
  registry.add(make_adc_plug_in());
  registry.add(make_cacti_dram_estimator());
  registry.add(make_cacti_sram_estimator());
  registry.add(make_capacitor_estimator());
  registry.add(make_pass_gate_estimator());
  registry.add(make_wire_estimator());
  registry.add(make_x2x_ladder_estimator());
  registry.add(make_c2c_ladder_estimator());
  registry.add(make_r2r_ladder_estimator());
}

}  // namespace cimloop::estimators
