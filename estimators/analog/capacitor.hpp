#pragma once
// The capacitor of CiMLoop's local plug-ins (models/components/accelergy_plug_ins/misc.py,
// mit-emze/cimloop, MIT, (c) 2024 T. Andrulis), computed operation for operation as the
// Python does so that results agree to the last bit. Energies in J, area in m^2. Errors the
// Python would raise (a zero node, an empty or zero distribution) raise PythonError.
#include <optional>
#include <vector>

namespace cimloop::estimators {

struct CapacitorParameters {
  double capacitance = 0;                // F
  double technology = 22;                // nm
  double voltage = 0.7;                  // supply, V
  bool stacked = false;                  // on top of other components: no area
  std::optional<double> cap_f_per_m2;    // none or 0: 2.3 fF/um^2 at 22 nm x (22 / technology)^2
  std::optional<double> border_area_m2;  // none or 0: 1 um^2 at 22 nm x (technology / 22)^2
  double energy_scale = 1;               // scales read()
};

class Capacitor {
 public:
  explicit Capacitor(const CapacitorParameters& p);

  double voltage() const { return voltage_; }
  // CiMLoop's wire sets its own voltage after constructing its capacitor.
  void set_voltage(double volts) { voltage_ = volts; }

  // C x target x supply (supply: the capacitor's voltage when not given).
  double raise_voltage_to(double target_volts, std::optional<double> supply_volts = std::nullopt) const;
  double raise_voltage_to_from_non_supply(double target_volts) const;
  // Expected energy between consecutive values drawn from `value_probabilities` (value k of
  // L is k / (L - 1) x voltage); only rises cost; with zero_between_values every value
  // starts from 0.
  double switch_energy(const std::vector<double>& value_probabilities, bool zero_between_values,
                       std::optional<double> supply_volts) const;
  double charge(const std::vector<double>& value_probabilities, double charge_probability) const;
  double read() const;  // one full charge, x energy_scale
  double area() const;

 private:
  double capacitance_, voltage_, cap_f_per_m2_, border_area_m2_, energy_scale_;
  bool stacked_;
};

}  // namespace cimloop::estimators
