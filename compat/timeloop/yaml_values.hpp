#pragma once
// Typed look-ups of Timeloop input attributes: first matching alias wins, strings naming a
// root `variables` entry are replaced by that entry, and a value of the wrong type is an
// InputError naming file, line and key.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"

namespace cimloop::compat {

// node[key] that never throws: an undefined node when `node` is not a map or lacks `key`.
YAML::Node child(const YAML::Node& node, const std::string& key);

class ValueReader {
 public:
  ValueReader(const SourceMap& sources, YAML::Node variables = YAML::Node());

  // The node stored under the first alias present in `map` (after variable substitution);
  // an undefined node when none is present or the value is null.
  YAML::Node find(const YAML::Node& map, std::initializer_list<const char*> keys,
                  std::string* found_key = nullptr) const;

  std::optional<double> number(const YAML::Node& map, std::initializer_list<const char*> keys) const;
  std::optional<std::int64_t> integer(const YAML::Node& map,
                                      std::initializer_list<const char*> keys) const;
  std::optional<bool> boolean(const YAML::Node& map, std::initializer_list<const char*> keys) const;
  std::optional<std::string> text(const YAML::Node& map,
                                  std::initializer_list<const char*> keys) const;

  // integer() and number() for sizes, counts and physical quantities: a value below `minimum`
  // (for numbers also NaN and infinities) is an InputError naming file, line and key.
  std::optional<std::int64_t> integer_at_least(const YAML::Node& map, std::initializer_list<const char*> keys,
                                               std::int64_t minimum) const;
  std::optional<double> number_at_least(const YAML::Node& map, std::initializer_list<const char*> keys,
                                        double minimum) const;
  // As number_at_least, but the value must be greater than `bound`.
  std::optional<double> number_above(const YAML::Node& map, std::initializer_list<const char*> keys,
                                     double bound) const;

  // Conversions of one node; `key` is only used in the error message.
  double to_number(const YAML::Node& value, const std::string& key) const;
  std::int64_t to_integer(const YAML::Node& value, const std::string& key) const;
  bool to_boolean(const YAML::Node& value, const std::string& key) const;
  // A finite number >= minimum (> minimum when `strict`).
  double to_number_at_least(const YAML::Node& value, const std::string& key, double minimum,
                            bool strict = false) const;

  const SourceMap& sources() const { return sources_; }

 private:
  YAML::Node substitute(const YAML::Node& value) const;

  const SourceMap& sources_;
  YAML::Node variables_;
};

}  // namespace cimloop::compat
