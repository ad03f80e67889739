#pragma once
// A CiM macro in the form it is written in: Timeloop v0.4 files run through the product's
// chain (src/cim/chain_evaluation), or the private `macro.yaml` (src/cim/macro_evaluator).
// The accuracy suite finds a macro's folder form: the chain when the folder has an
// `accuracy.yaml` naming its files, otherwise macro.yaml.
//
//   # examples/cim/<macro>/accuracy.yaml
//   files: [arch.yaml, max_utilization.yaml, map.yaml, ../components/cim_components.yaml]
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_spec.hpp"

namespace cimloop::cim {

// True when command-line `files` are a macro's v0.4 files rather than one macro.yaml.
bool are_v04_macro_files(const std::vector<std::string>& files);
// A v0.4 macro's name: the folder of its first file.
std::string v04_macro_name(const std::vector<std::string>& files);
// An operating point as variable overrides of a v0.4 specification (expressions; text quoted).
std::map<std::string, std::string> v04_overrides(const std::map<std::string, double>& operating_point,
                                                 const std::map<std::string, std::string>& text);

class MacroSource {
 public:
  // Reads <macro_dir>/<name>/accuracy.yaml or macro.yaml; throws InputError when neither can
  // be read.
  MacroSource(const std::string& macro_dir, const std::string& name);
  // Command-line inputs: one macro.yaml, or v0.4 files (architecture, problem, mapping,
  // component classes) named after the folder of the first.
  explicit MacroSource(const std::vector<std::string>& files);

  const std::string& name() const { return name_; }
  // "chain" (v0.4 files) or "macro.yaml".
  const std::string& form() const { return form_; }
  // The macro.yaml description; nullptr for v0.4 files.
  const MacroSpec* spec() const { return spec_.get(); }
  bool has_variable(const std::string& name) const;
  // The macro at an operating point (variable -> value, and text-valued variables such as a
  // scaling scenario), with its default distributions or, for macro.yaml, `layer`'s (v0.4
  // files take a layer as their problem file).
  MacroResult evaluate(const std::map<std::string, double>& operating_point,
                       const std::map<std::string, std::string>& text = {},
                       const LayerDistributions* layer = nullptr) const;

 private:
  std::string name_;
  std::string form_;
  std::vector<std::string> chain_files_;
  mutable std::optional<std::set<std::string>> chain_variables_;
  std::unique_ptr<MacroSpec> spec_;

  void use_chain(const std::vector<std::string>& files);
};

}  // namespace cimloop::cim
