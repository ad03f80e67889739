#pragma once
// Our own first-order gate models (flip-flop, inverter) in units of the feature
// size F: capacitance per um of F switched at V^2, area in F^2. Stand-ins for the NeuroSim
// digital cells, whose code we may not use.

namespace cimloop::estimators::cim {

class DigitalGates {
 public:
  explicit DigitalGates(double technology_nm);
  double flip_flop_energy(double voltage) const;  // pJ per bit written with a toggle
  double flip_flop_area() const;                  // um^2 per bit
  double inverter_energy(double voltage) const;   // pJ per toggle
  double inverter_area() const;                   // um^2

 private:
  double f_um_;  // feature size in um
};

}  // namespace cimloop::estimators::cim
