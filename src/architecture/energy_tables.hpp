#pragma once
// Accelergy energy and area tables (ERT/ART) and how they are applied to an architecture.
// The estimator can build these tables directly; compat/timeloop/energy_table_reader reads
// them from ERT/ART files.
#include <initializer_list>
#include <map>
#include <string>

#include "src/architecture/arch_spec.hpp"

namespace cimloop::arch {

// Component base name -> action name -> energy (pJ; the maximum over duplicate entries).
struct EnergyTable {
  std::map<std::string, std::map<std::string, double>> components;
};

// Component base name -> area per instance (um^2, rounded through a 32-bit float like Timeloop).
struct AreaTable {
  std::map<std::string, double> components;
};

// The energy of the first of `names` the component's actions have, or null.
const double* find_action(const std::map<std::string, double>& actions, std::initializer_list<const char*> names);

// Replaces default energies by ERT actions and sets areas; levels the tables do not name keep
// their previous values. User `vector_access_energy` / `energy` overrides stay in force.
void apply_energy_table(ArchSpec& spec, const EnergyTable& table);
void apply_area_table(ArchSpec& spec, const AreaTable& table);

}  // namespace cimloop::arch
