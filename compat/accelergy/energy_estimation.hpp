#pragma once
// energy_estimation.yaml (spec §1.7): the energy of every component named in `action_counts`
// = sum of counts x ERT energy of the matching action, and their Total. Component names match
// an ERT entry with the list ranges stripped and each index inside the entry's range.
#include <yaml-cpp/yaml.h>

namespace cimloop::accelergy {

// `ert`: the ERT tree (with or without the root key `ERT`); `action_counts`: the value of the
// root key `action_counts` (subtree/local tree, or a flat `local` list of full names).
// Returns {energy_estimation: {version, components: [{name, energy}], Total}}. Throws
// InputError naming a component or action that has no ERT entry.
YAML::Node estimate_energy(const YAML::Node& ert, const YAML::Node& action_counts);

}  // namespace cimloop::accelergy
