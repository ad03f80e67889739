#pragma once
// CiMLoop's ArrayProcessor (cimloop-spec §1.1) for raw v0.4 specifications: the variables a
// CiM macro expects the front end to set before its expressions are evaluated.
//   problem.histograms.{Inputs,Weights,Outputs} -> INPUTS_HIST, WEIGHTS_HIST, OUTPUTS_HIST
//   !ArrayContainer fan-outs -> ARRAY_WORDLINES (product of meshY x CIM_UNIT_DEPTH_CELLS),
//     ARRAY_BITLINES (product of meshX x CIM_UNIT_WIDTH_CELLS) and
//     ARRAY_PARALLEL_{INPUTS,OUTPUTS,WEIGHTS} (product of the fan-outs of the array containers
//     whose spatial no_reuse lists that tensor).
// Specifications with neither are evaluated exactly as before.
#include <yaml-cpp/yaml.h>

#include "compat/v04/sections.hpp"
#include "compat/v04/spec_values.hpp"

namespace cimloop::compat::v04 {

// Evaluates `variables` (a versioned map) into `symbols`, with the processor's values in
// place of the file's own definitions of those names; returns the evaluated tree.
YAML::Node evaluate_variables_with_arrays(const YAML::Node& variables, const Sections& sections,
                                          const SpecLoader& loader, Symbols& symbols);

}  // namespace cimloop::compat::v04
