#pragma once
// Published component characterisations ("library" entries, CiMLoop spec §3.5) with the
// library plug-in's scaling rules: width-like attributes linear, resolution 2^delta,
// voltage (V1/V0)^2 on dynamic energy, n_steps linear on energy and leakage (parts whose
// action takes a variable number of steps, e.g. Wan's ADC), technology by Stillmaker & Baas,
// leakage per cycle scaled by the real cycle time.
#include <optional>
#include <string>
#include <vector>

namespace cimloop::estimators::cim {

struct LibraryEntry {
  std::string name;
  double technology_nm = 0;
  std::optional<double> voltage;      // characterisation voltage; none = no voltage scaling
  std::optional<double> width;        // width-like attribute; none = no width scaling
  std::optional<double> resolution;   // none = no resolution scaling
  std::optional<double> n_steps;      // steps per characterised action; none = no step scaling
  double read_energy_pj = 0;
  double leak_energy_pj = 0;          // per `cycle_seconds`
  double cycle_seconds = 1e-9;
  double area_um2 = 0;
  std::string source;                 // citation
};

struct LibraryQuery {
  double technology_nm = 0;
  std::optional<double> voltage;
  std::optional<double> width;
  std::optional<double> resolution;
  double cycle_seconds = 1e-9;
  std::optional<double> n_steps;
};

struct LibraryEstimate {
  double read_energy_pj = 0;
  double leak_energy_pj = 0;  // per cycle of the query
  double area_um2 = 0;
};

// Throws InputError for an unknown name (listing the known ones).
const LibraryEntry& library_entry(const std::string& name);
std::vector<std::string> library_names();
LibraryEstimate scale_library_entry(const LibraryEntry& entry, const LibraryQuery& query);

}  // namespace cimloop::estimators::cim
