#include "src/cim/chain_evaluation.hpp"

#include <algorithm>
#include <tuple>

#include "compat/accelergy/tables.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/architecture/energy_tables.hpp"
#include "src/common/error.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop::cim {

// timeloopfe puts the evaluated top-level variables in the attributes of the architecture's
// first node.
YAML::Node processed_variables(const YAML::Node& processed) {
  return processed["architecture"]["subtree"][0]["attributes"];
}

namespace {

double variable(const YAML::Node& root, const std::string& name, const std::string& where) {
  const YAML::Node value = processed_variables(root)[name];
  try {
    if (value.IsScalar()) return value.as<double>();
  } catch (const YAML::Exception&) {
  }
  throw InputError(where + ": the specification has no numeric variable " + name);
}

double optional_variable(const YAML::Node& root, const std::string& name) {
  try {
    return variable(root, name, "");
  } catch (const InputError&) {
    return 0;
  }
}

bool is_bit_dimension(const std::string& name) { return name == "X" || name == "Y" || name == "Z"; }

// Virtual 1b MACs per real MAC, and the MVMs of the problem (see the header).
// Dimensions that count MVMs: not a bit dimension, and not one the weights project on.
std::vector<bool> mvm_dimensions(const workload::Workload& workload) {
  const int weights = workload.data_space_index("Weights");
  std::vector<bool> out(workload.num_dimensions(), true);
  if (weights >= 0)
    for (const auto& rank : workload.data_spaces[weights].ranks)
      for (const workload::Term& term : rank) out[term.dimension] = false;
  for (int d = 0; d < workload.num_dimensions(); ++d)
    if (is_bit_dimension(workload.dimension_names[d])) out[d] = false;
  return out;
}

std::pair<double, double> virtual_macs_and_mvms(const workload::Workload& workload) {
  const std::vector<bool> counts_mvms = mvm_dimensions(workload);
  double virtual_macs = 1, mvms = 1;
  for (int d = 0; d < workload.num_dimensions(); ++d) {
    const auto bound = static_cast<double>(workload.bounds[d]);
    if (is_bit_dimension(workload.dimension_names[d]))
      virtual_macs *= bound;
    else if (counts_mvms[d])
      mvms *= bound;
  }
  return {virtual_macs, mvms};
}

// Copies of the array that work on other MVMs at the same time (spatial loops over MVM
// dimensions, e.g. Albireo's columns over output pixels): one MVM with them, as the private
// evaluator counts a full-array activation.
double concurrent_mvms(const workload::Workload& workload, const mapping::Mapping& mapping) {
  const std::vector<bool> counts_mvms = mvm_dimensions(workload);
  double out = 1;
  for (const mapping::Loop& loop : mapping.loops)
    if (loop.spatial() && counts_mvms[loop.dimension]) out *= static_cast<double>(loop.factor);
  return out;
}

// A storage level as a component. Its actions are its vector reads (scalar reads of every
// utilised instance over the block size), priced at its read energy: CiM components act by
// being read (their fills and updates cost nothing); a memory whose updates cost (a buffer
// of partial sums) also acts by being updated. The energy includes every action.
ComponentResult storage_component(const arch::BufferSpec& level, const model::BufferStats& stats, double cycles) {
  ComponentResult out;
  out.name = level.name;
  double scalar_actions = 0;
  for (const model::DataSpaceStats& ds : stats.data_spaces)
    scalar_actions += static_cast<double>((ds.reads + (level.update_energy > 0 ? ds.updates : 0)) * ds.utilized_instances);
  out.instances = static_cast<double>(level.instances);
  out.actions_per_activation = scalar_actions / static_cast<double>(std::max<std::int64_t>(level.block_size, 1)) / cycles;
  out.read_pj = level.read_energy;
  out.leak_pj_per_cycle = stats.leakage_energy / cycles;
  out.energy_per_activation_pj = stats.energy / cycles;
  out.area_um2 = level.area * static_cast<double>(level.instances);
  return out;
}

}  // namespace

ChainLayer prepare_chain_layer(const std::vector<std::string>& files, const std::map<std::string, std::string>& overrides,
                               compat::v04::Purpose purpose) {
  const std::string where = files.empty() ? std::string("no files") : files.front();
  ChainLayer layer;
  layer.merged = compat::v04::merged_from_v04(files, {}, purpose, "", overrides);
  // Estimated before load_model_inputs, which rebinds nodes of the tree.
  const accelergy::AccelergyResult tables = accelergy::estimate_tables(layer.merged.root);
  const YAML::Node& root = layer.merged.root;
  layer.cycle_seconds = variable(root, "GLOBAL_CYCLE_SECONDS", where);
  layer.input_bits = variable(root, "INPUT_BITS", where);
  layer.weight_bits = variable(root, "WEIGHT_BITS", where);
  layer.average_input_value = optional_variable(root, "AVERAGE_INPUT_VALUE");
  layer.average_weight_value = optional_variable(root, "AVERAGE_WEIGHT_VALUE");
  layer.inputs = compat::load_model_inputs(layer.merged);
  arch::apply_energy_table(layer.inputs.arch, arch::parse_ert(tables.ert, layer.merged.sources));
  arch::apply_area_table(layer.inputs.arch, arch::parse_art(tables.art, layer.merged.sources));
  std::tie(layer.virtual_macs_per_mac, layer.mvms) = virtual_macs_and_mvms(layer.inputs.workload);
  return layer;
}

MacroResult summarise_chain_result(const std::string& macro, const ChainLayer& layer, const mapping::Mapping& mapping,
                                   const model::EvalResult& result) {
  const arch::ArchSpec& arch = layer.inputs.arch;
  MacroResult r;
  r.macro = macro;
  r.cycle_seconds = layer.cycle_seconds;
  r.input_bits = layer.input_bits;
  r.weight_bits = layer.weight_bits;
  r.average_input_value = layer.average_input_value;
  r.average_weight_value = layer.average_weight_value;
  const auto cycles = static_cast<double>(std::max<std::int64_t>(result.cycles, 1));
  const double macs = static_cast<double>(result.arithmetic.computes) / layer.virtual_macs_per_mac;
  r.macs_per_activation = macs / cycles;
  r.activations_per_mvm = cycles * concurrent_mvms(layer.inputs.workload, mapping) / layer.mvms;
  // Outermost first, as the macro descriptions list them; the (virtual) MACs last.
  for (int i = arch.num_storage_levels() - 1; i >= 0; --i)
    r.components.push_back(storage_component(arch.storage[i], result.storage[i], cycles));
  ComponentResult arithmetic;
  arithmetic.name = arch.arithmetic.name;
  arithmetic.instances = static_cast<double>(arch.arithmetic.instances);
  arithmetic.actions_per_activation = static_cast<double>(result.arithmetic.computes) / cycles;
  arithmetic.read_pj = arch.arithmetic.energy_per_op;
  arithmetic.energy_per_activation_pj = result.arithmetic.energy / cycles;
  arithmetic.area_um2 = result.arithmetic.area;
  r.components.push_back(arithmetic);
  return r;
}

MacroResult evaluate_v04_macro(const std::string& macro, const std::vector<std::string>& files,
                               const std::map<std::string, std::string>& overrides) {
  const std::string where = files.empty() ? macro : files.front();
  ChainLayer layer = prepare_chain_layer(files, overrides, compat::v04::Purpose::Model);
  const mapping::Mapping mapping =
      mapping::build_mapping(compat::load_mapping_spec(layer.merged, layer.inputs), layer.inputs.arch, layer.inputs.workload);
  const model::EvalResult result = model::evaluate(layer.inputs.arch, layer.inputs.workload, mapping);
  if (!result.valid) throw InputError(where + ": the mapping is not valid at " + result.failed_level + ": " + result.failure);
  return summarise_chain_result(macro, layer, mapping, result);
}

}  // namespace cimloop::cim
