#include "estimators/plug_in_interface/python_estimator.hpp"

#include <algorithm>
#include <cmath>

namespace cimloop::estimators {

Parameter required(std::string name) { return {std::move(name), true, std::nullopt}; }
Parameter defaulted(std::string name, Value fallback) { return {std::move(name), false, std::move(fallback)}; }
Parameter defaulted_to_none(std::string name) { return {std::move(name), false, std::nullopt}; }

Arguments::Arguments(const std::vector<Parameter>& parameters, const Attributes& given) {
  for (const Parameter& p : parameters) {
    auto it = given.find(p.name);
    values_[p.name] = it != given.end() ? std::optional<Value>(it->second) : p.fallback;
  }
}

const Value* Arguments::get(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() || !it->second ? nullptr : &*it->second;
}

double Arguments::number(std::string_view name) const {
  const Value* v = get(name);
  if (!v) throw PythonError("TypeError: '" + std::string(name) + "' is None, not a number");
  if (!v->is_number()) throw PythonError("TypeError: '" + std::string(name) + "' is " + v->text() + ", not a number");
  return v->number();
}

std::optional<double> Arguments::number_or_none(std::string_view name) const {
  if (!get(name)) return std::nullopt;
  return number(name);
}

long long Arguments::integer(std::string_view name) const {
  const double x = number(name);
  if (x != std::floor(x) || std::fabs(x) > 1e15) {
    throw PythonError("TypeError: '" + std::string(name) + "' must be an integer, got " + Value(x).text());
  }
  return static_cast<long long>(x);
}

bool Arguments::truthy(std::string_view name) const {
  const Value* v = get(name);
  if (!v) return false;
  if (v->is_number()) return v->number() != 0;
  if (v->is_string()) return !v->string().empty();
  return !v->list().empty();
}

const std::vector<double>& Arguments::list(std::string_view name) const {
  const Value* v = get(name);
  if (!v || !v->is_list()) {
    throw PythonError("TypeError: '" + std::string(name) + "' is " + (v ? v->text() : "None") + ", not a list of numbers");
  }
  return v->list();
}

std::optional<std::string> missing_parameter(const std::vector<Parameter>& parameters, const Attributes& given) {
  for (const Parameter& p : parameters) {
    if (p.required && !given.count(p.name)) return p.name;
  }
  return std::nullopt;
}

double python_divide(double a, double b) {
  if (b == 0) throw PythonError("ZeroDivisionError: division by zero");
  return a / b;
}

PythonEstimator::PythonEstimator(std::string estimator_name, std::string class_name, double percent_accuracy)
    : estimator_name_(std::move(estimator_name)), class_name_(std::move(class_name)), percent_accuracy_(percent_accuracy) {}

std::vector<PythonEstimator::Action> PythonEstimator::all_actions() const {
  std::vector<Action> all = actions();
  all.push_back({"idle", {}, [](const Arguments&, const Arguments&) { return 0.0; }});
  return all;
}

std::vector<SupportedClass> PythonEstimator::supported_classes() const {
  SupportedClass supported{class_name_, {}, ""};
  for (const Action& a : all_actions()) {
    if (std::find(supported.actions.begin(), supported.actions.end(), a.name) == supported.actions.end())
      supported.actions.push_back(a.name);
  }
  return {supported};
}

PythonEstimator::Action PythonEstimator::matching_action(const Query& query) const {
  const std::vector<Action> all = all_actions();
  bool named = false;
  for (const Action& a : all) {
    if (a.name != query.action) continue;
    named = true;
    if (!missing_parameter(a.parameters, query.arguments)) return a;
  }
  if (!named) throw Declined("no action '" + query.action + "' in " + estimator_name_);
  throw Declined("action '" + query.action + "' of " + estimator_name_ + " needs arguments that were not given");
}

double PythonEstimator::accuracy(const Query& query) const {
  if (query.class_name != class_name_) return 0;  // Python compares class names exactly
  if (std::optional<std::string> missing = missing_parameter(constructor(), query.attributes)) {
    throw Declined("attribute '" + *missing + "' missing");
  }
  if (!query.is_area()) matching_action(query);
  return percent_accuracy_;
}

Estimate PythonEstimator::estimate(const Query& query) const {
  const Arguments attributes(constructor(), query.attributes);
  try {
    if (query.is_area()) return {area_m2(attributes) * 1e12, ""};
    const Action action = matching_action(query);
    return {action.joules(attributes, Arguments(action.parameters, query.arguments)) * 1e12, ""};
  } catch (const PythonError& e) {
    throw Declined(e.what());
  }
}

}  // namespace cimloop::estimators
