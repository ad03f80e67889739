#include "compat/timeloop/model_inputs.hpp"

#include "compat/timeloop/architecture_reader.hpp"
#include "compat/timeloop/energy_table_reader.hpp"
#include "compat/timeloop/mapping_reader.hpp"
#include "compat/timeloop/sparse_inputs.hpp"
#include "compat/timeloop/workload_reader.hpp"
#include "compat/timeloop/yaml_values.hpp"

namespace cimloop::compat {
namespace {

YAML::Node required(const MergedInput& merged, const char* key) {
  const YAML::Node node = merged.root[key];
  if (!node.IsDefined()) throw InputError(merged.sources.locate(0) + ": key not found: " + key);
  return node;
}

}  // namespace

void apply_energy_tables(const arch::EnergyTable& table, ModelInputs& inputs) {
  arch::apply_energy_table(inputs.arch, table);
  if (inputs.sparse) apply_sparse_energies(*inputs.sparse, inputs.arch, table);
}

ModelInputs load_model_inputs(const MergedInput& merged) {
  ModelInputs inputs;
  const YAML::Node& root = merged.root;
  inputs.workload = parse_workload(required(merged, "problem"), merged.sources, child(root, "variables"));
  YAML::Node architecture = child(root, "architecture");
  if (!architecture.IsDefined()) architecture = child(root, "arch");
  if (!architecture.IsDefined()) throw InputError(merged.sources.locate(0) + ": key not found: architecture");
  inputs.tree_form = is_tree_form(architecture);
  inputs.arch = parse_architecture(architecture, child(root, "variables"), merged.sources, inputs.stdout_messages);
  inputs.sparse = load_sparse_spec(merged, inputs.arch, inputs.workload, inputs.stdout_messages);
  if (child(root, "ERT").IsDefined()) {
    apply_energy_tables(parse_ert(child(root, "ERT"), merged.sources), inputs);
    inputs.has_ert = true;
  }
  if (child(root, "ART").IsDefined()) {
    arch::apply_area_table(inputs.arch, parse_art(child(root, "ART"), merged.sources));
    inputs.has_art = true;
  }
  const YAML::Node model = child(root, "model");
  if (model.IsMap()) {
    ValueReader reader(merged.sources, child(root, "variables"));
    inputs.out_prefix = reader.text(model, {"out_prefix"}).value_or(inputs.out_prefix);
    inputs.auto_bypass_on_failure = reader.boolean(model, {"auto_bypass_on_failure"}).value_or(false);
  }
  return inputs;
}

mapping::MappingSpec load_mapping_spec(const MergedInput& merged, ModelInputs& inputs) {
  return parse_mapping(required(merged, "mapping"), inputs.arch, inputs.workload, merged.sources,
                                inputs.stderr_messages);
}

}  // namespace cimloop::compat
