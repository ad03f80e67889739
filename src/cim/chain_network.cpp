#include "src/cim/chain_network.hpp"

#include "compat/timeloop/yaml_values.hpp"
#include "src/cim/chain_evaluation.hpp"
#include "src/common/error.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/model_bridge.hpp"
#include "src/mapper/search.hpp"
#include "src/mapping/mapping.hpp"

namespace cimloop::cim {

LayerReport search_chain_layer(const std::string& name, const ChainLayer& layer, std::optional<int> threads) {
  const compat::MergedInput& merged = layer.merged;
  mapper::MapperSettings settings = mapper::parse_mapper_settings(compat::child(merged.root, "mapper"), merged.sources);
  if (threads) settings.num_threads = *threads;
  const mapper::MapspaceShape shape = mapper::mapspace_shape(layer.inputs.workload, layer.inputs.arch);
  const mapper::Mapspace mapspace(shape, mapper::parse_constraints(merged.root, shape, merged.sources),
                                  settings.max_temporal_loops);
  mapper::SearchMonitor monitor;
  const model::ModelOptions options;
  const mapper::SearchResult found = mapper::search(
      mapspace, settings,
      mapper::model_evaluators(layer.inputs.arch, layer.inputs.workload, mapspace, settings.metrics, options), monitor);
  if (!found.best)
    throw InputError(name + ": no valid mapping found" +
                     (found.first_failure.empty() ? std::string() : " (e.g. " + found.first_failure + ")"));
  const mapping::Mapping mapping = mapping::build_mapping(
      mapper::to_mapping_spec(*found.best, shape, mapspace.constraints()), layer.inputs.arch, layer.inputs.workload);
  const model::EvalResult result = model::evaluate(layer.inputs.arch, layer.inputs.workload, mapping, options);
  LayerReport report;
  report.layer = name;
  report.mappings = static_cast<double>(found.evaluated);
  report.best.energy_pj = result.energy;
  report.best.cycles = static_cast<double>(result.cycles);
  report.best.macs = static_cast<double>(result.arithmetic.computes) / layer.virtual_macs_per_mac;
  report.average_input_value = layer.average_input_value;
  report.average_weight_value = layer.average_weight_value;
  return report;
}

NetworkReport evaluate_network_chain(const std::string& macro, const std::vector<std::string>& files,
                                     const std::string& workload_dir,
                                     const std::map<std::string, std::string>& overrides) {
  if (files.empty()) throw InputError("no macro files given");
  NetworkReport report;
  report.macro = macro;
  for (const auto& layer_file : workload_layer_files(workload_dir)) {
    std::vector<std::string> with_layer = files;
    with_layer.insert(with_layer.begin() + 1, layer_file.string());
    const ChainLayer layer = prepare_chain_layer(with_layer, overrides, compat::v04::Purpose::Mapper);
    report.cycle_seconds = layer.cycle_seconds;
    report.layers.push_back(search_chain_layer(layer_file.filename().string(), layer));
  }
  return report;
}

}  // namespace cimloop::cim
