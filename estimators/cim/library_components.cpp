#include "estimators/cim/library_components.hpp"

#include <cmath>

#include "estimators/cim/technology_scaling.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

namespace {

const std::string kAladdin = "Aladdin (Shao et al., ISCA 2014) via accelergy-library-plug-in";
const std::string kJia = "Jia et al., JSSC 2020, via accelergy-library-plug-in";
const std::string kWan = "Wan et al., Nature 2022, via accelergy-library-plug-in";
const std::string kIsaac = "Shafiee et al. (ISAAC), ISCA 2016, via accelergy-library-plug-in";
const std::string kTimely = "Li et al. (TIMELY), ISCA 2020, via accelergy-library-plug-in";

// Values as tabulated in the CiMLoop study §3.5 and the library plug-in version behind the
// reference outputs (e649eb1), whose Aladdin rows carry the 45 nm label; leak rows are per
// `cycle_seconds`. Wan's ADC is that version's 0.3 pJ per step (the study's table says 0.25).
const std::vector<LibraryEntry>& entries() {
  static const std::vector<LibraryEntry> table = {
      {"aladdin_adder", 45, {}, 32, {}, {}, 0.21, 0.0024, 1e-9, 278, kAladdin},
      {"aladdin_register", 45, {}, 1, {}, {}, 0.009, 0, 1e-9, 5.98, kAladdin},
      {"aladdin_comparator", 45, {}, 32, {}, {}, 0.02947, 2.51e-5, 1e-9, 71, kAladdin},
      {"aladdin_counter", 45, {}, 32, {}, {}, 0.25074, 0.0003213, 1e-9, 495.5, kAladdin},
      {"jia_datapath", 65, 1.2, {}, {}, {}, 12, 2.4, 540e-9, 10535, kJia},
      {"jia_shift_add", 65, 1.2, {}, 8, {}, 2.25, 1.2, 540e-9, 5000, kJia},
      {"jia_zero_gate", 65, 1.2, {}, 8, {}, 0.5, 0.2, 540e-9, 174, kJia},
      {"wan_variable_precision_adc", 130, 1.8, {}, {}, 1, 0.3, 0, 1e-6, 400, kWan},
      {"wan_shift_add", 130, 1.8, {}, 8, 1, 0.1, 0, 1e-6, 170, kWan},
      {"wan_analog_integrator", 130, 1.8, {}, {}, 1, 0.25, 0, 1e-6, 350, kWan},
      {"wan_analog_sample", 130, 1.8, {}, {}, {}, 1.2, 0, 1e-6, 350, kWan},
      {"isaac_edram", 32, {}, {}, {}, {}, 20.45, 0, 1e-9, 83000, kIsaac},
      {"isaac_eDRAM_bus", 32, {}, 256, {}, {}, 20.74, 0, 1e-9, 37500, kIsaac},
      {"timely_psubbuf", 65, {}, {}, {}, {}, 0.0023, 0, 1e-9, 5, kTimely},
      {"timely_iadder", 65, {}, {}, {}, {}, 0.0368, 0, 1e-9, 40, kTimely},
      {"timely_dtc", 65, {}, {}, 8, {}, 0.0375, 0, 1e-9, 240, kTimely},
  };
  return table;
}

}  // namespace

std::vector<std::string> library_names() {
  std::vector<std::string> names;
  for (const auto& e : entries()) names.push_back(e.name);
  return names;
}

const LibraryEntry& library_entry(const std::string& name) {
  for (const auto& e : entries())
    if (e.name == name) return e;
  std::string known;
  for (const auto& n : library_names()) known += (known.empty() ? "" : ", ") + n;
  throw InputError("unknown library component '" + name + "' (known: " + known + ")");
}

LibraryEstimate scale_library_entry(const LibraryEntry& e, const LibraryQuery& q) {
  if (!(q.technology_nm > 0) || !(q.cycle_seconds > 0))
    throw InputError(e.name + ": technology and cycle time must be positive");
  double area = area_scale(e.technology_nm, q.technology_nm);
  double dynamic = energy_scale(e.technology_nm, q.technology_nm);
  double leak = dynamic;
  if (e.width && q.width) {
    const double r = *q.width / *e.width;
    dynamic *= r;
    leak *= r;
    area *= r;
  }
  if (e.resolution && q.resolution) {
    const double r = std::pow(2.0, *q.resolution - *e.resolution);
    dynamic *= r;
    leak *= r;
    area *= r;
  }
  if (e.n_steps && q.n_steps) {
    const double r = *q.n_steps / *e.n_steps;
    dynamic *= r;
    leak *= r;
  }
  if (e.voltage && q.voltage) dynamic *= voltage_energy_scale(*e.voltage, *q.voltage);
  LibraryEstimate out;
  out.read_energy_pj = e.read_energy_pj * dynamic;
  out.leak_energy_pj = e.leak_energy_pj * leak * q.cycle_seconds / e.cycle_seconds;
  out.area_um2 = e.area_um2 * area;
  return out;
}

}  // namespace cimloop::estimators::cim
