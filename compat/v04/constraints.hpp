#pragma once
// v0.4 constraints to processed mapping directives: normalization (factor lists joined with
// ',', permutation lists joined, `dataspace` -> `bypass`), the timeloopfe macros (keep_only,
// bypass_only, factors_only, no_iteration_over_dataspaces, must_iterate_over_dataspaces),
// attaching top-level `constraints.targets` / `mapping` entries to levels, and permutation
// completion.
#include <string>

#include <yaml-cpp/yaml.h>

#include "compat/v04/reduction.hpp"

namespace cimloop::compat::v04 {

// `type` is spatial, temporal, dataspace, bypass or datatype; `body` the constraint's keys.
Directive make_directive(const std::string& type, const YAML::Node& body, const ReductionContext& context,
                         const std::string& key);

// Adds (or, for an existing directive of the same type, replaces) a directive of a level.
void set_directive(Level& level, Directive directive);
Directive* find_directive(Level& level, const std::string& type);

// A container without spatial fan-out holds no spatial loop: a spatial constraint (or mapping
// entry) on it holds when every factor it names is 1 (or `=0`, the rest, then 1 too), e.g.
// CiMLoop's virtual-MAC container at 1b operands. `body` has the constraint's keys.
bool spatial_holds_without_fanout(const YAML::Node& body, const ReductionContext& context, const std::string& key);

// Attaches a list of `{target, type, ...}` entries (v0.4 `mapping:` or `constraints.targets`).
void attach_target_list(const YAML::Node& list, ReducedArchitecture& architecture, const ReductionContext& context,
                        const std::string& key);

// Dummy-level temporal/bypass directives and permutation completion; then the flat list.
YAML::Node finish_directives(ReducedArchitecture& architecture, const ReductionContext& context);

}  // namespace cimloop::compat::v04
