#pragma once
// Accelergy energy and area tables (ERT/ART) and how they are applied to an architecture.
// The estimator can build these tables directly or hand over a YAML node of the same shape.
#include <initializer_list>
#include <map>
#include <string>

#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
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

// `ert` is the value of the root key `ERT` ({version, tables}); a node that still has the
// `ERT` key is accepted too. Versions 0.2 (map form), 0.3 and 0.4 (list form).
EnergyTable parse_ert(const YAML::Node& ert, const compat::SourceMap& sources);
AreaTable parse_art(const YAML::Node& art, const compat::SourceMap& sources);

// Replaces default energies by ERT actions and sets areas; levels the tables do not name keep
// their previous values. User `vector_access_energy` / `energy` overrides stay in force.
void apply_energy_table(ArchSpec& spec, const EnergyTable& table);
void apply_area_table(ArchSpec& spec, const AreaTable& table);

}  // namespace cimloop::arch
