// CiMLoop's local plug-ins of models/components/accelergy_plug_ins/misc.py, by the names
// Accelergy reports for them: "Capacitor" (class capacitor, 80 %), "Wire" (wire, 80 %) and
// "PassGate" (pass_gate, 50 %), with the Python methods' parameters and defaults.
#include "estimators/analog/capacitor.hpp"
#include "estimators/analog/pass_gate.hpp"
#include "estimators/plug_in_interface/python_estimator.hpp"

namespace cimloop::estimators {
namespace {

using Action = PythonEstimator::Action;

double zero(const Arguments&, const Arguments&) { return 0; }

// The capacitor's actions on the capacitor `make` builds from the bound attributes; the wire
// overrides none of them in a way that changes a result.
std::vector<Action> capacitor_actions(Capacitor (*make)(const Arguments&)) {
  return {
      {"charge",
       {required("value_probabilities"), defaulted("charge_probability", 0.0)},
       [make](const Arguments& a, const Arguments& x) {
         return make(a).charge(x.list("value_probabilities"), x.number("charge_probability"));
       }},
      {"leak", {required("global_cycle_seconds")}, zero},
      {"raise_voltage_to",
       {required("target_voltage"), defaulted_to_none("supply_voltage")},
       [make](const Arguments& a, const Arguments& x) {
         return make(a).raise_voltage_to(x.number("target_voltage"), x.number_or_none("supply_voltage"));
       }},
      {"raise_voltage_to_from_non_supply",
       {required("target_voltage"), required("non_supply_voltage")},
       [make](const Arguments& a, const Arguments& x) {
         return make(a).raise_voltage_to_from_non_supply(x.number("target_voltage"));
       }},
      {"read", {}, [make](const Arguments& a, const Arguments&) { return make(a).read(); }},
      {"switch",
       {required("value_probabilities"), defaulted("zero_between_values", 1), defaulted_to_none("supply_voltage")},
       [make](const Arguments& a, const Arguments& x) {
         return make(a).switch_energy(x.list("value_probabilities"), x.truthy("zero_between_values"),
                                      x.number_or_none("supply_voltage"));
       }},
      {"update", {}, zero},
      {"write", {}, zero},
  };
}

Capacitor capacitor_from(const Arguments& a) {
  CapacitorParameters p;
  p.capacitance = a.number("capacitance");
  p.technology = a.number("technology");
  p.voltage = a.number("voltage");
  p.stacked = a.truthy("stacked");
  p.cap_f_per_m2 = a.number_or_none("cap_f_per_m2");
  p.border_area_m2 = a.number_or_none("border_area_m2");
  p.energy_scale = a.number("energy_scale");
  return Capacitor(p);
}

class CapacitorEstimator : public PythonEstimator {
 public:
  CapacitorEstimator() : PythonEstimator("Capacitor", "capacitor", 80) {}

 protected:
  std::vector<Parameter> constructor() const override {
    return {required("capacitance"),           required("technology"),
            defaulted("voltage", 0.7),         defaulted("stacked", 0),
            defaulted_to_none("cap_f_per_m2"), defaulted_to_none("border_area_m2"),
            defaulted("energy_scale", 1.0)};
  }
  std::vector<Action> actions() const override { return capacitor_actions(capacitor_from); }
  double area_m2(const Arguments& a) const override { return capacitor_from(a).area(); }
};

// Wire.__init__ passes its voltage where Capacitor.__init__ takes the technology (the
// capacitor's own voltage stays at its default until the wire sets it); only the area, which
// a wire does not have, could see that.
Capacitor wire_from(const Arguments& a) {
  CapacitorParameters p;
  p.capacitance = a.number("length") * a.number("capacitance_per_m");
  p.technology = a.number("voltage");
  Capacitor wire(p);
  wire.set_voltage(a.number("voltage"));
  return wire;
}

class WireEstimator : public PythonEstimator {
 public:
  WireEstimator() : PythonEstimator("Wire", "wire", 80) {}

 protected:
  std::vector<Parameter> constructor() const override {
    return {required("length"), defaulted("capacitance_per_m", 2e-10), defaulted("voltage", 0.7)};
  }
  std::vector<Action> actions() const override { return capacitor_actions(wire_from); }
  double area_m2(const Arguments& a) const override {
    wire_from(a);  // the constructor's errors fail the area too
    return 0;
  }
};

// Two transistors (analog/pass_gate.hpp); no energy: its only actions are idle and leak.
class PassGateEstimator : public PythonEstimator {
 public:
  PassGateEstimator() : PythonEstimator("PassGate", "pass_gate", 50) {}

 protected:
  std::vector<Parameter> constructor() const override {
    return {required("technology"), defaulted("transistor_area_f2", 100)};
  }
  std::vector<Action> actions() const override { return {{"leak", {required("global_cycle_seconds")}, zero}}; }
  double area_m2(const Arguments& a) const override {
    return pass_gate_area_m2(a.number("technology"), a.number("transistor_area_f2"));
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_capacitor_estimator() { return std::make_unique<CapacitorEstimator>(); }
std::unique_ptr<PrimitiveEstimator> make_wire_estimator() { return std::make_unique<WireEstimator>(); }
std::unique_ptr<PrimitiveEstimator> make_pass_gate_estimator() { return std::make_unique<PassGateEstimator>(); }

}  // namespace cimloop::estimators
