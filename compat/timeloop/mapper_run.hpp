#pragma once
// The mapper's steps between its inputs and its outputs, shared by timeloop-mapper and the
// tools that search a mapping per run (cimloop-report, cimloop-accuracy): the constrained
// mapspace of the inputs, and the best mapping of a search, rebuilt and evaluated.
#include "compat/config/input_files.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/search.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop::compat {

// The mapspace of the architecture and problem under every constraint list of the input.
// Throws InputError for bad constraints.
mapper::Mapspace input_mapspace(const MergedInput& merged, const ModelInputs& inputs,
                                const mapper::MapperSettings& settings);

struct BestMapping {
  mapping::MappingSpec spec;
  mapping::Mapping mapping;
  model::EvalResult result;
};

// Throws InputError when the search found no valid mapping (naming the first failure).
BestMapping best_mapping(const mapper::SearchResult& found, const mapper::Mapspace& mapspace, const ModelInputs& inputs,
                         const model::ModelOptions& options);

}  // namespace cimloop::compat
