#pragma once
// A CiM macro written as a Timeloop v0.4 specification, evaluated through the product's own
// chain (v0.4 reader with variable overrides -> built-in Accelergy with the CiM estimators ->
// exact model), summarised in the private evaluator's terms so that the same metrics (TOPS,
// TOPS/W, TOPS/mm^2, energy per MVM or MAC, area by component) apply to both (cimloop-spec
// §1.6: computes are divided by the virtual 1b x 1b MACs, energy includes leakage).
#include <map>
#include <string>
#include <vector>

#include "compat/timeloop/model_inputs.hpp"
#include "compat/v04/process_v04.hpp"
#include "src/cim/macro_evaluator.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop::cim {

// The evaluated top-level variables of a processed v0.4 tree (name -> value).
YAML::Node processed_variables(const YAML::Node& processed);

// One layer of a v0.4 macro, processed and with its estimated action energies and areas
// applied: what every mapping of the layer is evaluated with.
struct ChainLayer {
  compat::MergedInput merged;
  compat::ModelInputs inputs;
  double cycle_seconds = 0;                                  // GLOBAL_CYCLE_SECONDS
  double input_bits = 0, weight_bits = 0;                    // INPUT_BITS, WEIGHT_BITS
  double average_input_value = 0, average_weight_value = 0;  // 0 when not defined
  double virtual_macs_per_mac = 1;  // product of the bit dimensions X, Y, Z
  double mvms = 1;                  // see evaluate_v04_macro
};

// Throws InputError (file, line, key) for bad specifications.
ChainLayer prepare_chain_layer(const std::vector<std::string>& files, const std::map<std::string, std::string>& overrides,
                               compat::v04::Purpose purpose);

// The layer's result for one evaluated mapping, per component.
MacroResult summarise_chain_result(const std::string& macro, const ChainLayer& layer, const mapping::Mapping& mapping,
                                   const model::EvalResult& result);

// `files`: architecture, problem, mapping and component classes (no ERT/ART). `overrides`
// replace top-level variables (NAME -> expression). One activation is one cycle; an MVM uses
// every stored weight once (MVMs = product of the problem dimensions the weights do not
// project on, except the bit dimensions X and Z), and copies of the array that work at the
// same time on other MVMs (spatial loops over those dimensions) count as one. Throws InputError, also for a mapping the
// model rejects.
MacroResult evaluate_v04_macro(const std::string& macro, const std::vector<std::string>& files,
                               const std::map<std::string, std::string>& overrides);

}  // namespace cimloop::cim
