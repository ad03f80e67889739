#pragma once
// Reading Timeloop mapping directives (`mapping:` list of temporal / spatial / bypass
// entries) into a MappingSpec.
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "src/mapping/mapping.hpp"

namespace cimloop::compat {

// `directives` is the value of the root key `mapping`. Warnings Timeloop prints on stderr are
// appended to `warnings`. Throws InputError (unknown target, type, dimension or data space).
mapping::MappingSpec parse_mapping(const YAML::Node& directives, const arch::ArchSpec& arch,
                                   const workload::Workload& workload, const SourceMap& sources,
                                   std::vector<std::string>& warnings);

struct ParsedFactor {
  int dimension = 0;
  std::int64_t factor = 1;    // 0 = the whole dimension
  std::int64_t residual = 1;  // "R=5,3": 3 iterations in the last pass (imperfect); else = factor
  bool operator==(const ParsedFactor&) const = default;
};

// "R=3,P=16", "R3 P16", "C=4 # comment", "Y=6,4" (residual) -> one entry per factor. Throws
// InputError naming the factor string when a dimension is unknown or a residual is not in
// 1..factor.
std::vector<ParsedFactor> parse_factors(const std::string& text, const workload::Workload& workload);

}  // namespace cimloop::compat
