#include "estimators/cim/digital_gates.hpp"

#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

namespace {
// Switched capacitance per um of feature size, and layout areas in F^2: a static
// master-slave flip-flop (~24 transistors) and a minimum inverter.
constexpr double kFlipFlopFaradsPerUm = 100e-15;
constexpr double kInverterFaradsPerUm = 10e-15;
constexpr double kFlipFlopAreaF2 = 2750;
constexpr double kInverterAreaF2 = 60;
}  // namespace

DigitalGates::DigitalGates(double technology_nm) : f_um_(technology_nm * 1e-3) {
  if (!(technology_nm > 0)) throw InputError("technology must be a positive node in nm");
}

double DigitalGates::flip_flop_energy(double v) const {
  return kFlipFlopFaradsPerUm * f_um_ * v * v * 1e12;
}
double DigitalGates::flip_flop_area() const { return kFlipFlopAreaF2 * f_um_ * f_um_; }
double DigitalGates::inverter_energy(double v) const {
  return kInverterFaradsPerUm * f_um_ * v * v * 1e12;
}
double DigitalGates::inverter_area() const { return kInverterAreaF2 * f_um_ * f_um_; }

}  // namespace cimloop::estimators::cim
