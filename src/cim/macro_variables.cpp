#include "src/cim/macro_variables.hpp"

#include <cmath>

#include "src/cim/expression.hpp"
#include "src/cim/slice_statistics.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

LayerDistributions default_distributions(const MacroSpec& spec) {
  return {spec.default_inputs, spec.default_weights, spec.default_inputs};
}

MacroVariables::MacroVariables(const MacroSpec& spec, LayerDistributions distributions,
                               std::map<std::string, double> overrides,
                               std::map<std::string, std::string> text_overrides)
    : spec_(spec),
      distributions_(std::move(distributions)),
      values_(std::move(overrides)),
      texts_(std::move(text_overrides)) {
  for (const auto& v : spec.variables) definitions_[v.name] = &v;
  // An override of a name the macro never defines would be silently ignored.
  for (const auto& [name, value] : values_)
    if (!has_variable(spec, name))
      throw InputError(spec.source + ": cannot set " + name + ": the macro has no such variable");
  for (const auto& [name, text] : texts_)
    if (!definitions_.count(name))
      throw InputError(spec.source + ": cannot set " + name + ": the macro has no such variable");
}

bool has_variable(const MacroSpec& spec, const std::string& name) {
  for (const auto& v : spec.variables)
    if (v.name == name) return true;
  return is_derived_variable(name);
}

bool is_derived_variable(const std::string& name) {
  static const std::set<std::string> names = {
      "INPUTS_SIGNED", "WEIGHTS_SIGNED", "CIM_UNIT_WIDTH_CELLS", "CIM_UNIT_DEPTH_CELLS",
      "BITS_PER_CELL", "DAC_RESOLUTION", "INPUT_BITS_PER_SLICE", "WEIGHT_BITS_PER_SLICE",
      "N_INPUT_SLICES", "N_WEIGHT_SLICES", "N_VIRTUAL_MACS", "AVERAGE_INPUT_VALUE",
      "AVERAGE_WEIGHT_VALUE", "ARRAY_WORDLINES", "ARRAY_BITLINES", "ARRAY_PARALLEL_INPUTS",
      "ARRAY_PARALLEL_OUTPUTS", "ARRAY_PARALLEL_WEIGHTS"};
  return names.count(name) > 0;
}

double MacroVariables::evaluate(const std::string& expression, const std::string& where) {
  return evaluate_expression(
      expression, [this](const std::string& n) { return get(n); }, where,
      [this](const std::string& n) { return text(n); });
}

std::optional<std::string> MacroVariables::text(const std::string& name) {
  if (auto it = texts_.find(name); it != texts_.end()) return it->second;
  if (values_.count(name)) return std::nullopt;
  auto def = definitions_.find(name);
  if (def == definitions_.end() || in_progress_.count(name)) return std::nullopt;
  const std::string& expression = def->second->expression;
  if (auto literal = quoted_text(expression)) return literal;
  if (!definitions_.count(expression)) return std::nullopt;  // not an alias of a variable
  in_progress_.insert(name);
  auto aliased = text(expression);
  in_progress_.erase(name);
  return aliased;
}

std::string MacroVariables::text_or_keyword(const std::string& expression) {
  if (auto literal = quoted_text(expression)) return *literal;
  if (auto value = text(expression)) return *value;
  return expression;
}

double MacroVariables::get(const std::string& name) {
  if (auto it = values_.find(name); it != values_.end()) return it->second;
  if (in_progress_.count(name)) {
    auto def = definitions_.find(name);
    throw InputError((def != definitions_.end() ? def->second->where : spec_.source + ": " + name) +
                     ": the definition depends on itself");
  }
  in_progress_.insert(name);
  double value = 0;
  if (auto def = definitions_.find(name); def != definitions_.end()) {
    value = evaluate(def->second->expression, def->second->where);
  } else {
    bool found = false;
    value = derived(name, found);
    if (!found) {
      in_progress_.erase(name);
      throw InputError(spec_.source + ": unknown variable " + name);
    }
  }
  in_progress_.erase(name);
  values_[name] = value;
  return value;
}

std::vector<ArrayContainer> MacroVariables::containers() {
  std::vector<ArrayContainer> out;
  for (const auto& a : spec_.array) {
    const double fanout = evaluate(a.fanout, spec_.source + ": array " + a.name + ".fanout");
    if (fanout < 1 || fanout != std::floor(fanout))
      throw InputError(spec_.source + ": array " + a.name + ".fanout must be a positive integer");
    out.push_back({a.name, static_cast<int>(fanout), a.along_rows, a.shares, a.spatial_reuse,
                   a.array_container});
  }
  return out;
}

SlicingInputs MacroVariables::slicing_inputs() {
  auto integer = [this](const std::string& name) { return static_cast<int>(std::lround(get(name))); };
  SlicingInputs in;
  in.encoded_input_bits = integer("ENCODED_INPUT_BITS");
  in.encoded_weight_bits = integer("ENCODED_WEIGHT_BITS");
  in.encoded_output_bits = integer("ENCODED_OUTPUT_BITS");
  in.dac_resolution = integer("DAC_RESOLUTION");
  in.cim_unit_width_cells = integer("CIM_UNIT_WIDTH_CELLS");
  in.cim_unit_depth_cells = integer("CIM_UNIT_DEPTH_CELLS");
  in.bits_per_cell = integer("BITS_PER_CELL");
  return in;
}

EncodedPmf MacroVariables::encoded_inputs() const {
  return encode(distributions_.inputs, spec_.input_encoding);
}
EncodedPmf MacroVariables::encoded_weights() const {
  return encode(distributions_.weights, spec_.weight_encoding);
}

std::vector<double> MacroVariables::input_bit_distribution() {
  return bit_distribution(encoded_inputs(), static_cast<int>(get("ENCODED_INPUT_BITS")));
}
std::vector<double> MacroVariables::weight_bit_distribution() {
  return bit_distribution(encoded_weights(), static_cast<int>(get("ENCODED_WEIGHT_BITS")));
}

double MacroVariables::bits_per_value(Tensor tensor) {
  switch (tensor) {
    case Tensor::inputs: return get("INPUT_BITS_PER_SLICE");
    case Tensor::weights: return get("WEIGHT_BITS_PER_SLICE");
    case Tensor::outputs: return get("ENCODED_OUTPUT_BITS");
  }
  return 1;
}

double MacroVariables::derived(const std::string& name, bool& found) {
  found = is_derived_variable(name);
  if (!found) return 0;
  if (name == "INPUTS_SIGNED") return distributions_.inputs.is_signed() ? 1 : 0;
  if (name == "WEIGHTS_SIGNED") return distributions_.weights.is_signed() ? 1 : 0;
  if (name == "CIM_UNIT_WIDTH_CELLS" || name == "CIM_UNIT_DEPTH_CELLS" || name == "BITS_PER_CELL")
    return 1;
  if (name == "DAC_RESOLUTION")
    return std::max(get("VOLTAGE_DAC_RESOLUTION"), get("TEMPORAL_DAC_RESOLUTION"));
  if (name.rfind("ARRAY_", 0) == 0) {
    // Only the CiM unit's cells size the array (bit widths may depend on the array size,
    // e.g. Colonnade's ENCODED_WEIGHT_BITS = WEIGHT_BITS + ceil(log2(ARRAY_WORDLINES))).
    SlicingInputs unit;
    unit.cim_unit_width_cells = static_cast<int>(std::lround(get("CIM_UNIT_WIDTH_CELLS")));
    unit.cim_unit_depth_cells = static_cast<int>(std::lround(get("CIM_UNIT_DEPTH_CELLS")));
    const ArrayShape shape = array_shape(containers(), unit);
    if (name == "ARRAY_WORDLINES") return shape.wordlines;
    if (name == "ARRAY_BITLINES") return shape.bitlines;
    if (name == "ARRAY_PARALLEL_INPUTS") return shape.parallel_inputs;
    if (name == "ARRAY_PARALLEL_OUTPUTS") return shape.parallel_outputs;
    return shape.parallel_weights;  // the last ARRAY_ name of is_derived_variable's list
  }
  const Slicing s = slicing();
  if (name == "INPUT_BITS_PER_SLICE") return s.input_bits_per_slice;
  if (name == "WEIGHT_BITS_PER_SLICE") return s.weight_bits_per_slice;
  if (name == "N_INPUT_SLICES") return s.n_input_slices;
  if (name == "N_WEIGHT_SLICES") return s.n_weight_slices;
  if (name == "N_VIRTUAL_MACS") return s.n_virtual_macs;
  if (name == "AVERAGE_INPUT_VALUE")
    return average_slice_value(encoded_inputs(), static_cast<int>(get("ENCODED_INPUT_BITS")),
                               s.input_bits_per_slice);
  return average_slice_value(encoded_weights(), static_cast<int>(get("ENCODED_WEIGHT_BITS")),
                             s.weight_bits_per_slice);  // AVERAGE_WEIGHT_VALUE, the last left
}

}  // namespace cimloop::cim
