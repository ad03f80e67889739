#include "estimators/estimator.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "src/common/error.hpp"

namespace cimloop::estimators {

std::optional<double> Value::numeric() const {
  if (is_number()) return number();
  if (is_list()) return std::nullopt;
  const std::string& s = string();
  const char* begin = s.data();
  while (begin != s.data() + s.size() && std::isspace(static_cast<unsigned char>(*begin))) ++begin;
  double parsed = 0;
  auto [end, error] = std::from_chars(begin, s.data() + s.size(), parsed);
  if (error != std::errc() || end == begin) return std::nullopt;
  return parsed;
}

std::string Value::text() const {
  if (is_string()) return string();
  if (is_list()) {
    std::string out = "[";
    for (double item : list()) out += (out.size() > 1 ? ", " : "") + Value(item).text();
    return out + "]";
  }
  double x = number();
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e16) {
    return std::to_string(static_cast<long long>(x));
  }
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x);
  (void)error;
  return std::string(buffer, end);
}

const Value* Query::attribute(std::string_view name) const {
  auto it = attributes.find(std::string(name));
  return it == attributes.end() ? nullptr : &it->second;
}

const Value* Query::argument(std::string_view name) const {
  auto it = arguments.find(std::string(name));
  return it == arguments.end() ? nullptr : &it->second;
}

namespace {

bool same_class(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool handles_class(const PrimitiveEstimator& estimator, const std::string& class_name) {
  auto names = estimator.class_names();
  return names.empty() || std::any_of(names.begin(), names.end(), [&](const std::string& n) {
           return same_class(n, class_name);
         });
}

// "" when every required attribute is present, otherwise the reason naming the first missing one.
std::string missing_attribute(const PrimitiveEstimator& estimator, const Query& query) {
  for (const std::string& name : estimator.required_attributes(query.class_name)) {
    if (!query.attribute(name)) return "required attribute '" + name + "' missing";
  }
  return "";
}

}  // namespace

std::vector<SupportedClass> PrimitiveEstimator::supported_classes() const {
  std::vector<SupportedClass> classes;
  for (const std::string& name : class_names()) classes.push_back({name, {}, ""});
  return classes;
}

void Registry::add(std::unique_ptr<PrimitiveEstimator> estimator) {
  estimators_.push_back(std::move(estimator));
}

const PrimitiveEstimator* Registry::find(std::string_view name) const {
  for (const auto& e : estimators_) {
    if (same_class(e->name(), name)) return e.get();
  }
  return nullptr;
}

Selection Registry::select(const Query& query, const SelectionOptions& options) const {
  struct Candidate {
    const PrimitiveEstimator* estimator;
    double accuracy;
  };
  std::vector<Candidate> candidates;
  std::string reasons;
  auto note = [&](const PrimitiveEstimator& e, const std::string& why) {
    reasons += "\n    " + e.name() + ": " + why;
  };
  for (const auto& e : estimators_) {
    if (!options.forced_estimator.empty() && !same_class(e->name(), options.forced_estimator)) continue;
    if (!handles_class(*e, query.class_name)) continue;
    if (std::string missing = missing_attribute(*e, query); !missing.empty()) {
      note(*e, missing);
      continue;
    }
    try {
      double accuracy = e->accuracy(query);
      if (accuracy <= 0) {
        // Generic estimators (no class list) stay silent about classes they do not know.
        if (!e->class_names().empty()) note(*e, "does not support this query");
      } else if (accuracy < options.min_accuracy) {
        note(*e, "accuracy below min_accuracy");
      } else {
        candidates.push_back({e.get(), accuracy});
      }
    } catch (const Declined& d) {
      note(*e, d.what());
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.accuracy > b.accuracy; });
  for (const Candidate& c : candidates) {
    try {
      return {c.estimator->estimate(query), c.estimator->name(), c.accuracy};
    } catch (const Declined& d) {
      note(*c.estimator, d.what());
    }
  }
  if (reasons.empty()) {
    throw Declined("unknown class '" + query.class_name + "': not a compound class and no estimator supports it");
  }
  std::string what = query.is_area() ? "the area" : "action '" + query.action + "'";
  throw Declined("no estimator can estimate " + what + ":" + reasons);
}

const Registry& Registry::builtin() {
  static const Registry registry = [] {
    Registry r;
    register_builtin_estimators(r);
    return r;
  }();
  return registry;
}

YAML::Node load_data_file(const std::string& name) {
  std::string path = data_directory() + "/" + name;
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw InputError("estimator data file " + path + ": " + e.msg +
                     " (set $CIMLOOP_DATA_DIR to the estimators/data folder)");
  }
}

std::string data_directory() {
  if (const char* overridden = std::getenv("CIMLOOP_DATA_DIR"); overridden && *overridden) return overridden;
  return CIMLOOP_DATA_DIR;
}

}  // namespace cimloop::estimators
