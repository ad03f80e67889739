// CiMLoop's local plug-ins of models/components/accelergy_plug_ins/X2X_ladder.py, by the
// names Accelergy reports for them: "DigitalAnalogConverterX2XLadder" (dac_x2x_ladder, 0 %:
// the abstract base, never chosen), "DigitalAnalogConverter_C2C" (dac_c2c_ladder, 80 %) and
// "DigitalAnalogConverter_R2R" (dac_r2r_ladder, 80 %), with the Python methods' parameters.
#include "estimators/analog/ladder_dac.hpp"
#include "estimators/plug_in_interface/python_estimator.hpp"

namespace cimloop::estimators {
namespace {

using Action = PythonEstimator::Action;

double zero(const Arguments&, const Arguments&) { return 0; }

std::optional<std::vector<double>> histogram(const Arguments& a) {
  if (!a.get("hist")) return std::nullopt;
  return a.list("hist");
}

// The base's convert(latency, load_cap, ignore_controller_energy); latency and load_cap do
// not change the result.
Action base_convert(LadderDac (*make)(const Arguments&)) {
  return {"convert",
          {defaulted("latency", 1e-9), defaulted("load_cap", 10e-15), defaulted("ignore_controller_energy", 0)},
          [make](const Arguments& a, const Arguments& x) {
            return make(a).convert(x.truthy("ignore_controller_energy"));
          }};
}

const Action kLeak = {"leak", {required("global_cycle_seconds")}, zero};

LadderDac x2x_from(const Arguments& a) {
  return LadderDac({a.integer("resolution"), a.number("voltage"), a.number("unit_x"), a.number("technology"),
                    histogram(a), a.number("controller_energy_scale")});
}

class X2xLadderEstimator : public PythonEstimator {
 public:
  X2xLadderEstimator() : PythonEstimator("DigitalAnalogConverterX2XLadder", "dac_x2x_ladder", 0) {}

 protected:
  std::vector<Parameter> constructor() const override {
    return {required("resolution"), required("voltage"),        required("unit_x"),
            required("technology"), defaulted_to_none("hist"), defaulted("controller_energy_scale", 1)};
  }
  std::vector<Action> actions() const override { return {base_convert(x2x_from), kLeak}; }
  double area_m2(const Arguments&) const override {
    throw PythonError("NotImplementedError: X2X DAC should not be instantiated directly. Use a subclass.");
  }
};

// DigitalAnalogConverter_C2C.__init__ builds its capacitor as Capacitor(self.voltage,
// capacitance=...), which Python rejects (capacitance given twice): every estimate fails.
class C2cLadderEstimator : public PythonEstimator {
 public:
  C2cLadderEstimator() : PythonEstimator("DigitalAnalogConverter_C2C", "dac_c2c_ladder", 80) {}

 protected:
  std::vector<Parameter> constructor() const override {
    return {required("resolution"), required("voltage"),        required("unit_capacitance"),
            required("technology"), defaulted_to_none("hist"), defaulted("capacitors_are_stacked", 0)};
  }
  std::vector<Action> actions() const override { return {base_convert(c2c_from), kLeak}; }
  double area_m2(const Arguments& a) const override {
    c2c_from(a);
    return 0;
  }

 private:
  static LadderDac c2c_from(const Arguments&) {
    throw PythonError("TypeError: Capacitor.__init__() got multiple values for argument 'capacitance'");
  }
};

LadderDac r2r_from(const Arguments& a) {
  return LadderDac({a.integer("resolution"), a.number("voltage"), python_divide(1, a.number("unit_resistance")) / 2,
                    a.number("technology"), histogram(a), 1});
}

class R2rLadderEstimator : public PythonEstimator {
 public:
  R2rLadderEstimator() : PythonEstimator("DigitalAnalogConverter_R2R", "dac_r2r_ladder", 80) {}

 protected:
  std::vector<Parameter> constructor() const override {
    return {required("resolution"), required("voltage"),        required("unit_resistance"),
            required("technology"), defaulted_to_none("hist"), defaulted("area_scale", 1)};
  }
  std::vector<Action> actions() const override {
    return {{"convert",
             {required("action_latency_cycles"), required("cycle_seconds"), defaulted("load_cap", 10e-15)},
             [](const Arguments& a, const Arguments& x) {
               return r2r_convert_energy(r2r_from(a), x.number("action_latency_cycles"), x.number("cycle_seconds"));
             }},
            kLeak};
  }
  double area_m2(const Arguments& a) const override {
    python_divide(1, a.number("unit_resistance"));  // the constructor's unit_x
    return r2r_area(a.number("resolution"), a.number("unit_resistance"), a.number("technology"),
                    a.number("area_scale"));
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_x2x_ladder_estimator() { return std::make_unique<X2xLadderEstimator>(); }
std::unique_ptr<PrimitiveEstimator> make_c2c_ladder_estimator() { return std::make_unique<C2cLadderEstimator>(); }
std::unique_ptr<PrimitiveEstimator> make_r2r_ladder_estimator() { return std::make_unique<R2rLadderEstimator>(); }

}  // namespace cimloop::estimators
