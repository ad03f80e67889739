#pragma once
// A CiM macro written as a Timeloop v0.4 specification, evaluated through the product's own
// chain (v0.4 reader with variable overrides -> built-in Accelergy with the CiM estimators ->
// exact model), summarised in the private evaluator's terms so that the same metrics (TOPS,
// TOPS/W, TOPS/mm^2, energy per MVM or MAC, area by component) apply to both (cimloop-spec
// §1.6: computes are divided by the virtual 1b x 1b MACs, energy includes leakage).
#include <map>
#include <string>
#include <vector>

#include "src/cim/macro_evaluator.hpp"

namespace cimloop::cim {

// `files`: architecture, problem, mapping and component classes (no ERT/ART). `overrides`
// replace top-level variables (NAME -> expression). One activation is one cycle; an MVM uses
// every stored weight once (MVMs = product of the problem dimensions the weights do not
// project on, except the bit dimensions X and Z). Throws InputError, also for a mapping the
// model rejects.
MacroResult evaluate_v04_macro(const std::string& macro, const std::vector<std::string>& files,
                               const std::map<std::string, std::string>& overrides);

}  // namespace cimloop::cim
