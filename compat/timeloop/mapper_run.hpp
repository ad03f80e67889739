#pragma once
// The mapper's steps between its inputs and its outputs, shared by timeloop-mapper and the
// tools that search a mapping per run (cimloop-report, cimloop-accuracy): the constrained
// mapspace of the inputs, and the best mapping of a search, rebuilt.
#include "compat/config/input_files.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/search.hpp"
#include "src/mapping/mapping.hpp"

namespace cimloop::compat {

// The mapspace of the architecture and problem under every constraint list of the input.
// Throws InputError for bad constraints.
mapper::Mapspace input_mapspace(const MergedInput& merged, const ModelInputs& inputs,
                                const mapper::MapperSettings& settings);

struct RebuiltMapping {
  mapping::MappingSpec spec;
  mapping::Mapping mapping;
};

// The search's best point as a mapping. Throws InputError when the search found no valid
// mapping (naming the first failure).
RebuiltMapping rebuilt_mapping(const mapper::SearchResult& found, const mapper::Mapspace& mapspace,
                               const ModelInputs& inputs);


// A mapping timeloop-mapper wrote (map.yaml), for these inputs: the reuse directives of the
// input's constraints and the residuals of imperfect factors, which map.yaml leaves out, are
// restored as the mapper set them. Throws InputError.
RebuiltMapping mapper_output_mapping(const std::string& path, const MergedInput& merged, ModelInputs& inputs);

}  // namespace cimloop::compat
