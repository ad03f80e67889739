#pragma once
// One macro of the accuracy suite, in the form it is written in: a Timeloop v0.4
// specification run through the product's chain when the macro folder has an `accuracy.yaml`
// naming its files, otherwise the private `macro.yaml` (src/cim/macro_evaluator).
//
//   # examples/cim/<macro>/accuracy.yaml
//   files: [arch.yaml, max_utilization.yaml, map.yaml, ../components/cim_components.yaml]
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_spec.hpp"

namespace cimloop::cim {

class AccuracyMacro {
 public:
  // Reads <macro_dir>/<name>/accuracy.yaml or macro.yaml; throws InputError when neither can
  // be read.
  AccuracyMacro(const std::string& macro_dir, const std::string& name);

  // "chain" (v0.4 files) or "macro.yaml".
  const std::string& form() const { return form_; }
  bool has_variable(const std::string& name) const;
  // The macro at an operating point (variable -> value, and text-valued variables such as a
  // scaling scenario), with its default distributions.
  MacroResult evaluate(const std::map<std::string, double>& operating_point,
                       const std::map<std::string, std::string>& text = {}) const;

 private:
  std::string name_;
  std::string form_;
  std::vector<std::string> chain_files_;
  std::set<std::string> chain_variables_;
  std::unique_ptr<MacroSpec> spec_;
};

}  // namespace cimloop::cim
