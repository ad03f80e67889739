#pragma once
// The X-2X ladder DACs of CiMLoop's local plug-ins (models/components/accelergy_plug_ins/
// X2X_ladder.py, mit-emze/cimloop, MIT, (c) 2024 T. Andrulis; after Wang et al., JSSC 2023),
// computed operation for operation as the Python does. A ladder of `resolution` nodes is
// solved for each code; the energy of a conversion is the supply current of the bits that
// are on, averaged over the operand histogram resampled to the 2^resolution codes. Energies
// in J. Errors the Python would raise raise PythonError.
#include <optional>
#include <vector>

namespace cimloop::estimators {

struct LadderDacParameters {
  long long resolution = 8;
  double voltage = 1;
  double unit_x = 0;        // R-2R: 1 / (2 unit_resistance); C-2C: unit_capacitance
  double technology = 22;   // nm
  std::optional<std::vector<double>> hist;  // operand histogram; needed to convert
  double controller_energy_scale = 1;
};

class LadderDac {
 public:
  explicit LadderDac(const LadderDacParameters& p);

  // Voltage of each ladder node for `code`, from the node farthest from the output.
  std::vector<double> node_voltages(long long code) const;
  double code_energy(long long code) const;
  // The histogram resized to the 2^resolution codes (codes 0 and 2^res / 2 map exactly to
  // the histogram's first and middle bins), not normalised.
  std::vector<double> code_histogram() const;
  // Average energy of one conversion over the code histogram, plus the controller's.
  double convert(bool ignore_controller_energy) const;
  // 0.08 pJ per bit at 32 nm and 1 V, scaling with (voltage x technology)^2.
  double controller_energy() const;

 private:
  LadderDacParameters p_;
};

// dac_r2r_ladder: the ladder conducts for the action's latency (cycles x cycle time).
double r2r_convert_energy(const LadderDac& dac, double action_latency_cycles, double cycle_seconds);
// 0.7e-14 m^2 per ohm at 22 nm, x (technology / 22)^2 x area_scale, per bit.
double r2r_area(double resolution, double unit_resistance, double technology, double area_scale);

}  // namespace cimloop::estimators
