#include "estimators/analog/capacitor.hpp"

#include <cmath>

#include "estimators/plug_in_interface/python_estimator.hpp"

namespace cimloop::estimators {
namespace {

// Python's `value or default`: None and 0 take the default.
double or_default(const std::optional<double>& value, double fallback) { return value && *value != 0 ? *value : fallback; }

// bit_functions.rescale_sum_to_1 without a fixed index.
std::vector<double> rescale_sum_to_1(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  const double scale = python_divide(1, sum);
  std::vector<double> out;
  for (double v : values) out.push_back(v * scale);
  return out;
}

}  // namespace

Capacitor::Capacitor(const CapacitorParameters& p)
    : capacitance_(p.capacitance),
      voltage_(p.voltage),
      cap_f_per_m2_(p.cap_f_per_m2 && *p.cap_f_per_m2 != 0 ? *p.cap_f_per_m2
                                                             : 2.3e-3 * std::pow(python_divide(22, p.technology), 2)),
      border_area_m2_(or_default(p.border_area_m2, 1e-12 * std::pow(p.technology / 22, 2))),
      energy_scale_(p.energy_scale),
      stacked_(p.stacked) {}

double Capacitor::raise_voltage_to(double target_volts, std::optional<double> supply_volts) const {
  return capacitance_ * target_volts * supply_volts.value_or(voltage_);
}

double Capacitor::raise_voltage_to_from_non_supply(double target_volts) const {
  return capacitance_ * target_volts * voltage_;
}

double Capacitor::switch_energy(const std::vector<double>& value_probabilities, bool zero_between_values,
                                std::optional<double> supply_volts) const {
  const double supply = supply_volts.value_or(voltage_);
  const std::vector<double> p = rescale_sum_to_1(value_probabilities);
  const double steps = static_cast<double>(p.size()) - 1;
  double expected = 0;
  for (size_t from = 0; from < p.size(); ++from) {
    const double v0 = zero_between_values ? 0 : static_cast<double>(from);
    for (size_t to = 0; to < p.size(); ++to) {
      const double v1 = static_cast<double>(to);
      if (v1 < v0) continue;
      const double e0 = raise_voltage_to(python_divide(v0, steps) * voltage_, supply);
      const double e1 = raise_voltage_to(python_divide(v1, steps) * voltage_, supply);
      expected += (e1 - e0) * p[from] * p[to];
    }
  }
  return expected;
}

double Capacitor::charge(const std::vector<double>& value_probabilities, double charge_probability) const {
  const double steps = static_cast<double>(value_probabilities.size()) - 1;
  double expected = 0;
  for (size_t k = 0; k < value_probabilities.size(); ++k) {
    const double v = python_divide(static_cast<double>(k), steps) * voltage_;
    expected += raise_voltage_to(v) * (value_probabilities[k] * charge_probability);
  }
  return expected;
}

double Capacitor::read() const { return raise_voltage_to(voltage_) * energy_scale_; }

double Capacitor::area() const {
  if (stacked_) return 0;
  return python_divide(capacitance_, cap_f_per_m2_) + border_area_m2_;
}

}  // namespace cimloop::estimators
