#pragma once
// CiMLoop's ArrayProcessor (its scripts/processors.py; cimloop-spec §1.1) for raw v0.4
// specifications.
// Before the variables are evaluated:
//   problem.histograms.{Inputs,Weights,Outputs} -> INPUTS_HIST, WEIGHTS_HIST, OUTPUTS_HIST
//   !ArrayContainer fan-outs -> ARRAY_WORDLINES (product of meshY x CIM_UNIT_DEPTH_CELLS),
//     ARRAY_BITLINES (product of meshX x CIM_UNIT_WIDTH_CELLS) and
//     ARRAY_PARALLEL_{INPUTS,OUTPUTS,WEIGHTS} (product of the fan-outs of the array containers
//     whose spatial no_reuse lists that tensor).
// While the architecture is walked: in a CiM architecture (variable CIM_ARCHITECTURE true) an
//   !ArrayContainer is marked `_is_CiM` and its fan-out split so that X runs along the
//   columns and Y along the rows; every node's fan-out, spatial constraint and
//   max_utilization are recorded for the synthesis below.
// After the architecture is read, when the variable MAX_UTILIZATION is true: the layer is
// replaced by the one that fills the array (X, Y, Z the encoded bits, the nodes'
// max_utilization factors, remaining fan-outs filled with prime factors of C and M, M scaled by
// CIM_UNIT_DEPTH_CELLS / N_WEIGHT_SLICES).
// Specifications with neither are processed exactly as before.
#include <yaml-cpp/yaml.h>

#include <string>

#include "compat/v04/reduction.hpp"
#include "compat/v04/sections.hpp"
#include "compat/v04/spec_values.hpp"

namespace cimloop::compat::cimloop {

// The variable that asks for the maximum-utilisation layer. The processor reads and removes
// it, so the processed variables never hold it; `--set` may add it.
inline constexpr const char* kMaxUtilization = "MAX_UTILIZATION";

// Evaluates `variables` (a versioned map) into `symbols`, with the processor's values in
// place of the file's own definitions of those names; returns the evaluated tree (without
// MAX_UTILIZATION).
YAML::Node evaluate_variables_with_arrays(const YAML::Node& variables, const v04::Sections& sections,
                                          const v04::SpecLoader& loader, v04::Symbols& symbols);

// CIM_ARCHITECTURE is true.
bool cim_architecture(const v04::Symbols& variables);

// `node` is an !ArrayContainer of a CiM architecture; its evaluated `attributes` get the mark.
bool is_cim_array(const YAML::Node& node, const v04::Symbols& variables);
void mark_cim_array(YAML::Node& attributes);

// The `split` of a CiM array's spatial directive: an array fans out along X (columns) when
// its meshY is 1, else along Y (rows).
const char* cim_array_split(long long mesh_y);

// What the maximum-utilisation synthesis reads of a !Container or !Component of `fanout`
// instances (`key`: its place in the specification, for errors).
v04::LeafNode read_leaf(const YAML::Node& node, const std::string& name, long long fanout,
                        const v04::ReductionContext& context, const std::string& key);

// With MAX_UTILIZATION true in `variables`, rewrites `instance` (the processed
// problem.instance) and `problem`'s bounds to the layer that fills the array.
void synthesize_max_utilization(const v04::ReducedArchitecture& architecture, const v04::Symbols& variables,
                                v04::ProblemInfo& problem, YAML::Node instance, const v04::SpecLoader& loader);

}  // namespace cimloop::compat::cimloop
