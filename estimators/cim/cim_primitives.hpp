#pragma once
// Our stand-ins for the NeuroSim plug-in's CiM classes by CiMLoop's names and attribute
// vocabulary (spec §3.2), as one entry point an Accelergy-style registry can wrap:
// array_row_drivers, array_col_drivers, memory_cell, flip_flop and not_gate.
// Energies in pJ per action (leak: per cycle), areas in um^2, before Accelergy's
// energy_scale/area_scale/n_instances, which the caller applies.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace cimloop::estimators::cim {

// Attributes (and action arguments) by name: numbers, or text ("True", a cell_config path).
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
// `arguments` are the action's (global_cycle_seconds, target_voltage, ...).
double cim_primitive_energy(const std::string& class_name, const std::string& action,
                            const PrimitiveInputs& attributes, const PrimitiveInputs& arguments);
double cim_primitive_area(const std::string& class_name, const PrimitiveInputs& attributes);

}  // namespace cimloop::estimators::cim
