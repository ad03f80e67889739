#pragma once
// Accelergy energy and area tables (ERT/ART) and how they are applied to an architecture.
// The estimator can build these tables directly; compat/timeloop/energy_table_reader reads
// them from ERT/ART files.
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"

namespace cimloop::arch {

// One ERT entry of an action with its numeric arguments.
struct ActionEntry {
  std::map<std::string, double> arguments;
  double energy = 0;  // pJ
};

// Component base name -> action name -> energy (pJ; the maximum over duplicate entries).
// `entries` keeps every entry with its arguments (networks price by an argument).
struct EnergyTable {
  std::map<std::string, std::map<std::string, double>> components;
  std::map<std::string, std::map<std::string, std::vector<ActionEntry>>> entries;
};

// Component base name -> area per instance (um^2, rounded through a 32-bit float like Timeloop).
struct AreaTable {
  std::map<std::string, double> components;
};

// The energy of the first of `names` the component's actions have, or null.
const double* find_action(const std::map<std::string, double>& actions, std::initializer_list<const char*> names);

// Replaces default energies by ERT actions and sets areas; levels the tables do not name keep
// their previous values. User `vector_access_energy` / `energy` overrides stay in force.
// SimpleMulticast/ReductionTree networks take their table's entries by multicast-factor
// argument; a `wire`/`Wire` table's transfer_random sets the wire energy of inferred networks.
void apply_energy_table(ArchSpec& spec, const EnergyTable& table);
void apply_area_table(ArchSpec& spec, const AreaTable& table);

}  // namespace cimloop::arch
