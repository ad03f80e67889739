#pragma once
// v0.4 constraints to processed mapping directives: normalization (factor lists joined with
// ',', permutation lists joined, `dataspace` -> `bypass`), the timeloopfe macros (keep_only,
// bypass_only, factors_only, no_iteration_over_dataspaces, must_iterate_over_dataspaces),
// attaching top-level `constraints.targets` / `mapping` entries to levels, and permutation
// completion.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/v04/reduction.hpp"

namespace cimloop::compat::v04 {

// `type` is spatial, temporal, dataspace, bypass or datatype; `body` the constraint's keys.
Directive make_directive(const std::string& type, const YAML::Node& body, const ReductionContext& context,
                         const std::string& key);

// Adds (or, for an existing directive of the same type, replaces) a directive of a level.
void set_directive(Level& level, Directive directive);
Directive* find_directive(Level& level, const std::string& type);

// A `factors` value (text or list; list entries may be expressions giving the text).
std::vector<Factor> read_factors(const YAML::Node& node, const ReductionContext& context, const std::string& key);
std::vector<Factor> parse_factor_text(const std::string& text, const YAML::Node& node, const ReductionContext& context,
                                      const std::string& key);
std::string factors_text(const std::vector<Factor>& factors);

// Attaches a list of `{target, type, ...}` entries (v0.4 `mapping:` or `constraints.targets`).
void attach_target_list(const YAML::Node& list, ReducedArchitecture& architecture, const ReductionContext& context,
                        const std::string& key);

// Dummy-level temporal/bypass directives and permutation completion; then the flat list.
YAML::Node finish_directives(ReducedArchitecture& architecture, const ReductionContext& context);

}  // namespace cimloop::compat::v04
