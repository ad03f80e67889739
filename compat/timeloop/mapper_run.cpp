#include "compat/timeloop/mapper_run.hpp"

#include "compat/timeloop/constraints_reader.hpp"
#include "src/common/error.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/model_bridge.hpp"

namespace cimloop::compat {

mapper::Mapspace input_mapspace(const MergedInput& merged, const ModelInputs& inputs,
                                const mapper::MapperSettings& settings) {
  const mapper::MapspaceShape shape = mapper::mapspace_shape(inputs.workload, inputs.arch, !inputs.sparse);
  return mapper::Mapspace(shape, parse_constraints(merged.root, shape, merged.sources),
                          settings.max_temporal_loops);
}

RebuiltMapping rebuilt_mapping(const mapper::SearchResult& found, const mapper::Mapspace& mapspace,
                               const ModelInputs& inputs) {
  if (!found.best)
    throw InputError("no valid mapping found within the search criteria" +
                     (found.first_failure.empty() ? std::string() : " (e.g. " + found.first_failure + ")"));
  RebuiltMapping rebuilt;
  rebuilt.spec = mapper::to_mapping_spec(*found.best, mapspace.shape(), mapspace.constraints());
  rebuilt.mapping = mapping::build_mapping(rebuilt.spec, inputs.arch, inputs.workload);
  return rebuilt;
}

RebuiltMapping mapper_output_mapping(const std::string& path, const MergedInput& merged, ModelInputs& inputs) {
  RebuiltMapping given;
  given.spec = load_mapping_spec(load_merged_inputs({path}), inputs);
  const mapper::MapspaceShape shape = mapper::mapspace_shape(inputs.workload, inputs.arch, !inputs.sparse);
  mapper::carry_reuse_directives(parse_constraints(merged.root, shape, merged.sources), given.spec);
  mapping::complete_residuals(given.spec, inputs.workload);
  given.mapping = mapping::build_mapping(given.spec, inputs.arch, inputs.workload);
  return given;
}

}  // namespace cimloop::compat
