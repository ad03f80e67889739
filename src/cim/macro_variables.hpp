#pragma once
// The variables of one macro at one operating point for one layer: the macro's expressions,
// evaluated lazily in dependency order, with operating-point overrides, plus the derived
// CiM quantities (slicing, array sizes, per-slice statistics) that CiMLoop computes in
// variables_common.yaml and its ArrayProcessor.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "src/cim/expression.hpp"
#include "src/cim/macro_spec.hpp"
#include "src/cim/slicing.hpp"

namespace cimloop::cim {

class MacroVariables {
 public:
  // `overrides` replace any variable, including derived ones (e.g. AVERAGE_INPUT_VALUE);
  // `text_overrides` set text-valued ones (e.g. SCALING = aggressive). A name that is
  // neither defined nor derived is an InputError.
  MacroVariables(const MacroSpec& spec, LayerDistributions distributions,
                 std::map<std::string, double> overrides,
                 const std::map<std::string, std::string>& text_overrides = {});

  // Throws InputError for unknown names, non-numeric values and circular definitions.
  double get(const std::string& name);
  double evaluate(const std::string& expression, const std::string& where);
  // Any value (lists too); nullopt when `name` is neither defined nor derived.
  std::optional<Value> lookup(const std::string& name);
  // An attribute that selects by text (a table's scenario column): a quoted literal or a
  // variable gives its value as text; anything else is a keyword taken literally.
  std::string text_or_keyword(const std::string& expression, const std::string& where);

  const LayerDistributions& distributions() const { return distributions_; }
  const MacroSpec& spec() const { return spec_; }
  std::vector<ArrayContainer> containers();
  SlicingInputs slicing_inputs();
  Slicing slicing() { return slice(slicing_inputs()); }
  EncodedPmf encoded_inputs() const;
  EncodedPmf encoded_weights() const;
  std::vector<double> input_bit_distribution();
  std::vector<double> weight_bit_distribution();
  // Bits per value of `tensor` crossing a component in one activation.
  double bits_per_value(Tensor tensor);

 private:
  // nullopt for names that are not derived quantities.
  std::optional<Value> derived(const std::string& name);
  double derived_number(const std::string& name);

  const MacroSpec& spec_;
  LayerDistributions distributions_;
  std::map<std::string, Value> values_;
  std::map<std::string, const VariableSpec*> definitions_;
  std::set<std::string> in_progress_;
};

// The quantities MacroVariables derives when the macro does not define them (slicing, array
// shape, per-slice averages, signedness).
bool is_derived_variable(const std::string& name);
// Defined by the macro or derived.
bool has_variable(const MacroSpec& spec, const std::string& name);

// Layer distributions from the macro's defaults (for a macro evaluated without a workload).
LayerDistributions default_distributions(const MacroSpec& spec);

}  // namespace cimloop::cim
