#pragma once
// A whole network on a v0.4 macro through the product's chain: per layer (a workload file with
// its histograms, e.g. CiMLoop's workloads/resnet18/NN.yaml) the statistics and action energies
// once, then timeloop-mapper's search over the layer's mapspace; the best mapping's energy,
// cycles and MACs per layer.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/cim/chain_evaluation.hpp"
#include "src/cim/network_evaluation.hpp"

namespace cimloop::cim {

// The mapper's best mapping of one prepared layer (Purpose::Mapper), evaluated; `threads`
// replaces the specification's mapper.num_threads. InputError when no mapping is valid.
LayerReport search_chain_layer(const std::string& name, const ChainLayer& layer, std::optional<int> threads = {});

// `files`: the macro's architecture first, then its other files (component classes, mapper
// settings); each layer goes in as the second file. `overrides` replace top-level variables.
// The report's `mappings` count the model evaluations of each layer's search. Throws
// InputError, also when a layer has no valid mapping.
NetworkReport evaluate_network_chain(const std::string& macro, const std::vector<std::string>& files,
                                     const std::string& workload_dir,
                                     const std::map<std::string, std::string>& overrides);

}  // namespace cimloop::cim
