#pragma once
// The CiM primitive classes by CiMLoop's names and attribute vocabulary (spec §3.1, 3.3-3.6),
// as one entry point an Accelergy-style registry can wrap: array_adc (and the ADC aliases),
// capacitor, wire, pass_gate, dac_r2r_ladder, dac_c2c_ladder and the table-characterised
// classes. The NeuroSim classes (array drivers, memory_cell, digital blocks, gates) are the
// "Neurosim Plug-In" estimator's (estimators/neurosim).
// Energies in pJ per action (leak: per cycle), areas in um^2, before Accelergy's
// energy_scale/area_scale/n_instances, which the caller applies.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace cimloop::estimators::cim {

// Attributes (and action arguments) by name: numbers, or text ("True", a cell_config path,
// "[0.5, 0.25, 0.25]" for a PMF).
struct PrimitiveInputs {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
};

// Thrown when a class or action is not one of ours, or a needed attribute is missing; the
// registry then tries another estimator.
class PrimitiveDeclined : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<std::string> cim_primitive_classes();
bool is_cim_primitive_class(const std::string& class_name);
// The ADC regression classes (array_adc, adc, ...): CiMLoop's ADC plug-in states accuracy 75
// for them, above NeuroSim's 70.
bool is_adc_class(const std::string& class_name);
// `arguments` are the action's (global_cycle_seconds, target_voltage, ...).
double cim_primitive_energy(const std::string& class_name, const std::string& action,
                            const PrimitiveInputs& attributes, const PrimitiveInputs& arguments);
double cim_primitive_area(const std::string& class_name, const PrimitiveInputs& attributes);

}  // namespace cimloop::estimators::cim
