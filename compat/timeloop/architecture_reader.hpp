#pragma once
// Reading the architecture from a merged Timeloop input: the tree form (`version` 0.2-0.4,
// `subtree`/`local`, as emitted by timeloopfe) and the legacy form (`arithmetic` + `storage`
// listed innermost first). Energies are left at the built-in fallback values; apply an ERT
// afterwards (energy_table_reader.hpp, src/architecture/energy_tables.hpp).
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "src/architecture/arch_spec.hpp"

namespace cimloop::compat {

// `architecture` is the value of the root key `architecture` (or `arch`); `variables` the
// root `variables` map (may be undefined). Messages meant for stdout are appended to
// `warnings`. Throws InputError.
arch::ArchSpec parse_architecture(const YAML::Node& architecture, const YAML::Node& variables,
                                  const SourceMap& sources, std::vector<std::string>& warnings);

// True for the tree form (`version` 0.2, 0.3 or 0.4), false for the legacy form.
bool is_tree_form(const YAML::Node& architecture);

// The attribute maps of the storage levels in ArchSpec::storage order (innermost first).
std::vector<YAML::Node> storage_attributes(const YAML::Node& architecture);

// The stripped component name: "sys.PE_buf[1..16]" -> "PE_buf".
std::string component_base_name(const std::string& full_name);

}  // namespace cimloop::compat
