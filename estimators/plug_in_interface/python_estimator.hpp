#pragma once
// Accelergy's new-style Python estimator interface (accelergy.plug_in_interface: Estimator and
// its EstimatorWrapper), which CiMLoop's local plug-ins (models/components/accelergy_plug_ins)
// use, so that our C++ versions of them accept and refuse exactly the queries they do:
// - the estimator supports one class, compared exactly, at a fixed accuracy;
// - the component's attributes bind by name to the constructor's parameters and an action's
//   arguments to the action method's parameters, with the Python defaults; other names are
//   ignored; a required parameter that is missing (or None) means the query is unsupported;
// - every estimator has `idle()` (0) besides its own actions, and a `leak` action;
// - the methods return Joules and m^2, reported here in pJ and um^2;
// - an error while constructing or calling (the Python exception) fails the estimate, and the
//   registry then tries the next estimator.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "estimators/estimator.hpp"

namespace cimloop::estimators {

// One parameter of a Python method: required, or with a default (nullopt = Python's None).
struct Parameter {
  std::string name;
  bool required = true;
  std::optional<Value> fallback;
};
Parameter required(std::string name);
Parameter defaulted(std::string name, Value fallback);
Parameter defaulted_to_none(std::string name);

// The values a method receives: each parameter's given value or its default; a parameter at
// a None default has none. The accessors fail like the Python arithmetic would on the value.
class Arguments {
 public:
  Arguments(const std::vector<Parameter>& parameters, const Attributes& given);
  const Value* get(std::string_view name) const;  // nullptr for None
  double number(std::string_view name) const;      // Declined for None, text or a list
  std::optional<double> number_or_none(std::string_view name) const;
  // An integer (bit counts, list sizes); Declined for a fraction.
  long long integer(std::string_view name) const;
  bool truthy(std::string_view name) const;        // Python bool(): None, 0, "" and [] are false
  const std::vector<double>& list(std::string_view name) const;  // Declined unless a list

 private:
  std::map<std::string, std::optional<Value>, std::less<>> values_;
};

// The first required parameter without a value in `given`, if any.
std::optional<std::string> missing_parameter(const std::vector<Parameter>& parameters, const Attributes& given);

// Raised by a model for what Python would raise (ZeroDivisionError, TypeError, ...); the
// estimate fails with this message.
class PythonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// a / b, raising ZeroDivisionError like Python when b is 0.
double python_divide(double a, double b);

class PythonEstimator : public PrimitiveEstimator {
 public:
  // An action method: its parameters and its energy in Joules.
  struct Action {
    std::string name;
    std::vector<Parameter> parameters;
    std::function<double(const Arguments& attributes, const Arguments& arguments)> joules;
  };

  PythonEstimator(std::string estimator_name, std::string class_name, double percent_accuracy);
  std::string name() const override { return estimator_name_; }
  std::vector<std::string> class_names() const override { return {class_name_}; }
  std::vector<SupportedClass> supported_classes() const override;
  double accuracy(const Query& query) const override;
  Estimate estimate(const Query& query) const override;

 protected:
  virtual std::vector<Parameter> constructor() const = 0;
  // The decorated actions and leak; idle() is added here.
  virtual std::vector<Action> actions() const = 0;
  virtual double area_m2(const Arguments& attributes) const = 0;

 private:
  // actions() and idle().
  std::vector<Action> all_actions() const;
  // The action the query calls: the first of its name whose required parameters are given.
  Action matching_action(const Query& query) const;

  std::string estimator_name_, class_name_;
  double percent_accuracy_;
};

}  // namespace cimloop::estimators
