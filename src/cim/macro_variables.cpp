#include "src/cim/macro_variables.hpp"

#include <cmath>
#include <set>

#include "src/cim/slice_statistics.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

LayerDistributions default_distributions(const MacroSpec& spec) {
  return {spec.default_inputs, spec.default_weights, spec.default_inputs};
}

MacroVariables::MacroVariables(const MacroSpec& spec, LayerDistributions distributions,
                               std::map<std::string, double> overrides,
                               const std::map<std::string, std::string>& text_overrides)
    : spec_(spec), distributions_(std::move(distributions)) {
  for (const auto& [name, value] : overrides) values_[name] = number_value(value);
  for (const auto& [name, text] : text_overrides) values_[name] = Value::from_string(text);
  for (const auto& v : spec.variables) definitions_[v.name] = &v;
  // An override of a name the macro never defines would be silently ignored.
  for (const auto& [name, value] : values_)
    if (!has_variable(spec, name))
      throw InputError(spec.source + ": cannot set " + name + ": the macro has no such variable");
}

bool has_variable(const MacroSpec& spec, const std::string& name) {
  for (const auto& v : spec.variables)
    if (v.name == name) return true;
  return is_derived_variable(name);
}

bool is_derived_variable(const std::string& name) {
  static const std::set<std::string> names = {
      "INPUTS_SIGNED", "WEIGHTS_SIGNED", "INPUTS_HIST", "WEIGHTS_HIST", "OUTPUTS_HIST",
      "CIM_UNIT_WIDTH_CELLS", "CIM_UNIT_DEPTH_CELLS",
      "BITS_PER_CELL", "DAC_RESOLUTION", "INPUT_BITS_PER_SLICE", "WEIGHT_BITS_PER_SLICE",
      "N_INPUT_SLICES", "N_WEIGHT_SLICES", "N_VIRTUAL_MACS", "AVERAGE_INPUT_VALUE",
      "AVERAGE_WEIGHT_VALUE", "ARRAY_WORDLINES", "ARRAY_BITLINES", "ARRAY_PARALLEL_INPUTS",
      "ARRAY_PARALLEL_OUTPUTS", "ARRAY_PARALLEL_WEIGHTS"};
  return names.count(name) > 0;
}

double MacroVariables::evaluate(const std::string& expression, const std::string& where) {
  return number_of(evaluate_value(expression, [this](const std::string& n) { return lookup(n); }, where),
                   where + ": expression '" + expression + "'");
}

double MacroVariables::get(const std::string& name) {
  const std::optional<Value> value = lookup(name);
  if (!value) throw InputError(spec_.source + ": unknown variable " + name);
  auto def = definitions_.find(name);
  return number_of(*value, def != definitions_.end() ? def->second->where : spec_.source + ": " + name);
}

std::optional<Value> MacroVariables::lookup(const std::string& name) {
  if (auto it = values_.find(name); it != values_.end()) return it->second;
  auto def = definitions_.find(name);
  if (in_progress_.count(name))
    throw InputError((def != definitions_.end() ? def->second->where : spec_.source + ": " + name) +
                     ": the definition depends on itself");
  in_progress_.insert(name);
  std::optional<Value> value;
  try {
    if (def != definitions_.end())
      value = evaluate_value(def->second->expression, [this](const std::string& n) { return lookup(n); },
                             def->second->where);
    else
      value = derived(name);
  } catch (...) {
    in_progress_.erase(name);
    throw;
  }
  in_progress_.erase(name);
  if (value) values_[name] = *value;
  return value;
}

std::string MacroVariables::text_or_keyword(const std::string& expression, const std::string& where) {
  const bool quoted = expression.size() >= 2 && (expression.front() == '\'' || expression.front() == '"') &&
                      expression.back() == expression.front();
  if (!quoted && !definitions_.count(expression) && !values_.count(expression)) return expression;
  const Value value = evaluate_value(expression, [this](const std::string& n) { return lookup(n); }, where);
  return value.kind == Value::Kind::String ? value.text : value.str();
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

namespace {

Value list_value(const std::vector<double>& numbers) {
  std::vector<Value> items;
  for (double n : numbers) items.push_back(number_value(n));
  return Value::from_list(std::move(items));
}

}  // namespace

std::optional<Value> MacroVariables::derived(const std::string& name) {
  if (!is_derived_variable(name)) return std::nullopt;
  const LayerDistributions& d = distributions_;
  if (name == "INPUTS_HIST") return list_value(d.inputs.pmf());
  if (name == "WEIGHTS_HIST") return list_value(d.weights.pmf());
  if (name == "OUTPUTS_HIST") return list_value(d.outputs.pmf());
  return number_value(derived_number(name));
}

double MacroVariables::derived_number(const std::string& name) {
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
