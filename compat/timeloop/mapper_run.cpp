#include "compat/timeloop/mapper_run.hpp"

#include "compat/timeloop/yaml_values.hpp"
#include "src/common/error.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/model_bridge.hpp"

namespace cimloop::compat {

mapper::Mapspace input_mapspace(const MergedInput& merged, const ModelInputs& inputs,
                                const mapper::MapperSettings& settings) {
  const bool dense = !child(merged.root, "sparse_optimizations").IsDefined();
  const mapper::MapspaceShape shape = mapper::mapspace_shape(inputs.workload, inputs.arch, dense);
  return mapper::Mapspace(shape, mapper::parse_constraints(merged.root, shape, merged.sources),
                          settings.max_temporal_loops);
}

BestMapping best_mapping(const mapper::SearchResult& found, const mapper::Mapspace& mapspace, const ModelInputs& inputs,
                         const model::ModelOptions& options) {
  if (!found.best)
    throw InputError("no valid mapping found within the search criteria" +
                     (found.first_failure.empty() ? std::string() : " (e.g. " + found.first_failure + ")"));
  BestMapping best;
  best.spec = mapper::to_mapping_spec(*found.best, mapspace.shape(), mapspace.constraints());
  best.mapping = mapping::build_mapping(best.spec, inputs.arch, inputs.workload);
  model::Evaluator evaluator(inputs.arch, inputs.workload, options);
  best.result = evaluator.evaluate(best.mapping);
  return best;
}

}  // namespace cimloop::compat
