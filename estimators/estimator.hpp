#pragma once
// Primitive energy/area estimators and the registry that picks one per query, the way
// Accelergy ranks its plug-ins: every estimator states an accuracy (0..100) for the query;
// the most accurate one that succeeds wins; ties keep registration order.
//
// Units everywhere: energy in pJ per action (leak: pJ per global cycle), area in um^2.
//
// Adding an estimator: derive from PrimitiveEstimator in estimators/impl/<name>.cpp and add
// one line to register_builtin_estimators() (estimators/impl/builtin.cpp) at the position
// that gives the intended tie order.
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace cimloop::estimators {

// An attribute or action-argument value: a number (booleans are 0/1), a string, or a list of
// numbers (a value distribution such as `hist`).
class Value {
 public:
  Value() = default;
  Value(double number) : data_(number) {}
  Value(int number) : data_(static_cast<double>(number)) {}
  Value(std::string text) : data_(std::move(text)) {}
  Value(const char* text) : data_(std::string(text)) {}
  Value(std::vector<double> items) : data_(std::move(items)) {}

  bool is_number() const { return std::holds_alternative<double>(data_); }
  bool is_string() const { return std::holds_alternative<std::string>(data_); }
  bool is_list() const { return std::holds_alternative<std::vector<double>>(data_); }
  double number() const { return std::get<double>(data_); }
  const std::string& string() const { return std::get<std::string>(data_); }
  const std::vector<double>& list() const { return std::get<std::vector<double>>(data_); }
  // The number, or a leading number in a string with a unit suffix ("45nm" -> 45).
  std::optional<double> numeric() const;
  // Python-like text: integral numbers without ".0", otherwise the shortest round-trip form;
  // a list as "[a, b]".
  std::string text() const;

  bool operator==(const Value&) const = default;

 private:
  std::variant<double, std::string, std::vector<double>> data_ = 0.0;
};

// Name -> value. Ordered by insertion is not needed by any estimator; lookups are by name.
using Attributes = std::map<std::string, Value>;

// Which behaviour to reproduce when versions of the reference tools differ (see README).
enum class Toolchain {
  reference_2024_05,  // Accelergy 1cd29e4 + library e649eb1 + Aladdin ab4123a (fixtures)
  current,            // Accelergy HEAD semantics
};

struct Query {
  std::string class_name;     // primitive class, e.g. "aladdin_adder", "SRAM", "intadder"
  Attributes attributes;      // resolved component attributes (null values dropped)
  std::string action;         // empty for an area query
  Attributes arguments;       // action arguments (includes global_cycle_seconds etc.)
  Toolchain toolchain = Toolchain::reference_2024_05;
  double input_version = 0.4; // < 0.4 switches on legacy (v0.3) behaviour
  bool is_area() const { return action.empty(); }
  const Value* attribute(std::string_view name) const;
  const Value* argument(std::string_view name) const;
};

struct Estimate {
  double value = 0;     // pJ for energy, um^2 for area
  std::string warning;  // non-empty when an approximate fallback model was used
};

// Thrown by an estimator that cannot handle a query; what() says why (e.g. "attribute
// 'width' missing"). The registry then tries the next estimator.
class Declined : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A class an estimator prices and the actions it prices for it, for listings (`accelergy -l`).
struct SupportedClass {
  std::string class_name;
  std::vector<std::string> actions;  // empty: any action name
  std::string note;                  // a condition on the query, e.g. "technology: -1"
};

class PrimitiveEstimator {
 public:
  virtual ~PrimitiveEstimator() = default;
  // Unique name, reported as the "estimator" in the summaries (e.g. "Aladdin_table").
  virtual std::string name() const = 0;
  // Classes this estimator may handle, compared case-insensitively; empty = it inspects any
  // class (e.g. table libraries that decide from their data).
  virtual std::vector<std::string> class_names() const = 0;
  // Attributes it needs for this class; the registry names the missing one in its error.
  virtual std::vector<std::string> required_attributes(const std::string& class_name) const {
    (void)class_name;
    return {};
  }
  // 0..100 for this query; 0 means unsupported. May throw Declined.
  virtual double accuracy(const Query& query) const = 0;
  // Energy of query.action (or area when query.is_area()). May throw Declined.
  virtual Estimate estimate(const Query& query) const = 0;
  // What the estimator prices, for listings; by default class_names(), each with any action.
  virtual std::vector<SupportedClass> supported_classes() const;
};

struct SelectionOptions {
  std::string forced_estimator;  // attribute plug_in: only this estimator is considered
  double min_accuracy = 0;       // attribute min_accuracy / minimum_accuracy
};

struct Selection {
  Estimate estimate;
  std::string estimator;  // name() of the winner
  double accuracy = 0;
};

class Registry {
 public:
  // All built-in estimators in Accelergy's load order (built once, thread-safe).
  static const Registry& builtin();

  void add(std::unique_ptr<PrimitiveEstimator> estimator);  // appended: later loses ties
  const PrimitiveEstimator* find(std::string_view name) const;
  const std::vector<std::unique_ptr<PrimitiveEstimator>>& all() const { return estimators_; }

  // Most accurate successful estimate. Throws Declined listing every estimator's reason when
  // none can estimate the query (the caller adds the component name).
  Selection select(const Query& query, const SelectionOptions& options = {}) const;

 private:
  std::vector<std::unique_ptr<PrimitiveEstimator>> estimators_;
};

// Appends the built-in estimators to `registry` in tie-break order.
void register_builtin_estimators(Registry& registry);

// Directory of the data files (CIMLOOP_DATA_DIR, overridable by $CIMLOOP_DATA_DIR).
std::string data_directory();

// Parses <data_directory()>/<name>; throws cimloop::InputError naming the file (and how to
// point at the data) when it cannot be read.
YAML::Node load_data_file(const std::string& name);

}  // namespace cimloop::estimators
