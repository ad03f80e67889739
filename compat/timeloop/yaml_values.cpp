#include "compat/timeloop/yaml_values.hpp"

#include <cmath>

namespace cimloop::compat {

YAML::Node child(const YAML::Node& node, const std::string& key) {
  if (!node.IsDefined() || !node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  YAML::Node value = node[key];
  return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

ValueReader::ValueReader(const SourceMap& sources, YAML::Node variables)
    : sources_(sources), variables_(std::move(variables)) {}

YAML::Node ValueReader::substitute(const YAML::Node& value) const {
  if (!value.IsScalar()) return value;
  YAML::Node replacement = child(variables_, value.Scalar());
  return replacement.IsDefined() && !replacement.IsNull() ? replacement : value;
}

YAML::Node ValueReader::find(const YAML::Node& map, std::initializer_list<const char*> keys,
                             std::string* found_key) const {
  for (const char* key : keys) {
    YAML::Node value = child(map, key);
    if (value.IsDefined() && !value.IsNull()) {
      if (found_key) *found_key = key;
      return substitute(value);
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

double ValueReader::to_number(const YAML::Node& value, const std::string& key) const {
  double result = 0;
  if (!value.IsScalar() || !YAML::convert<double>::decode(value, result)) {
    fail_at(sources_, value, key, "expected a number");
  }
  return result;
}

std::int64_t ValueReader::to_integer(const YAML::Node& value, const std::string& key) const {
  std::int64_t result = 0;
  if (value.IsScalar() && YAML::convert<std::int64_t>::decode(value, result)) return result;
  double real = to_number(value, key);
  if (std::floor(real) != real) fail_at(sources_, value, key, "expected an integer");
  // 2^63 is the first double past the range (a cast beyond it is undefined).
  if (!(real >= -9223372036854775808.0 && real < 9223372036854775808.0))
    fail_at(sources_, value, key, value.Scalar() + " does not fit in a 64-bit integer");
  return static_cast<std::int64_t>(real);
}

bool ValueReader::to_boolean(const YAML::Node& value, const std::string& key) const {
  bool result = false;
  if (!value.IsScalar() || !YAML::convert<bool>::decode(value, result)) {
    fail_at(sources_, value, key, "expected true or false");
  }
  return result;
}

std::optional<double> ValueReader::number(const YAML::Node& map,
                                          std::initializer_list<const char*> keys) const {
  std::string key;
  YAML::Node value = find(map, keys, &key);
  if (!value.IsDefined()) return std::nullopt;
  return to_number(value, key);
}

std::optional<std::int64_t> ValueReader::integer(const YAML::Node& map,
                                                 std::initializer_list<const char*> keys) const {
  std::string key;
  YAML::Node value = find(map, keys, &key);
  if (!value.IsDefined()) return std::nullopt;
  return to_integer(value, key);
}

std::optional<bool> ValueReader::boolean(const YAML::Node& map,
                                         std::initializer_list<const char*> keys) const {
  std::string key;
  YAML::Node value = find(map, keys, &key);
  if (!value.IsDefined()) return std::nullopt;
  return to_boolean(value, key);
}

std::optional<std::int64_t> ValueReader::integer_at_least(const YAML::Node& map, std::initializer_list<const char*> keys,
                                                          std::int64_t minimum) const {
  std::string key;
  YAML::Node value = find(map, keys, &key);
  if (!value.IsDefined()) return std::nullopt;
  const std::int64_t result = to_integer(value, key);
  if (result < minimum) fail_at(sources_, value, key, "must be at least " + std::to_string(minimum) + ", got " + value.Scalar());
  return result;
}

namespace {

// A number as the user wrote it and as a bound is best printed: 0 rather than 0.000000.
std::string bound_text(double bound) {
  std::string text = std::to_string(bound);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

double ValueReader::to_number_at_least(const YAML::Node& value, const std::string& key, double minimum,
                                       bool strict) const {
  const double result = to_number(value, key);
  if (!std::isfinite(result) || result < minimum || (strict && result == minimum)) {
    fail_at(sources_, value, key,
            std::string("must be a finite number ") + (strict ? "> " : ">= ") + bound_text(minimum) + ", got " +
                value.Scalar());
  }
  return result;
}

std::optional<double> ValueReader::number_at_least(const YAML::Node& map, std::initializer_list<const char*> keys,
                                                   double minimum) const {
  std::string key;
  YAML::Node value = find(map, keys, &key);
  if (!value.IsDefined()) return std::nullopt;
  return to_number_at_least(value, key, minimum);
}

std::optional<double> ValueReader::number_above(const YAML::Node& map, std::initializer_list<const char*> keys,
                                                double bound) const {
  std::string key;
  YAML::Node value = find(map, keys, &key);
  if (!value.IsDefined()) return std::nullopt;
  return to_number_at_least(value, key, bound, true);
}

std::optional<std::string> ValueReader::text(const YAML::Node& map,
                                             std::initializer_list<const char*> keys) const {
  std::string key;
  YAML::Node value = find(map, keys, &key);
  if (!value.IsDefined()) return std::nullopt;
  if (!value.IsScalar()) fail_at(sources_, value, key, "expected a string");
  return value.Scalar();
}

}  // namespace cimloop::compat
