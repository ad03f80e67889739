#include "src/cim/component_models.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "estimators/cim/adc.hpp"
#include "estimators/cim/array_model.hpp"
#include "estimators/cim/c2c_multiplier.hpp"
#include "estimators/cim/capacitor.hpp"
#include "estimators/cim/component_table.hpp"
#include "estimators/cim/digital_gates.hpp"
#include "estimators/cim/ladder_dac.hpp"
#include "estimators/cim/library_components.hpp"
#include "src/cim/slice_statistics.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace est = cimloop::estimators::cim;

namespace {

// Attribute access with CiMLoop's defaults for CiM components.
class Attributes {
 public:
  Attributes(const ComponentSpec& c, MacroVariables& v) : c_(c), v_(v) {}
  double get(const std::string& name, const std::string& fallback) const {
    auto it = c_.attributes.find(name);
    const std::string& text = it != c_.attributes.end() ? it->second : fallback;
    return v_.evaluate(text, c_.where + ": attribute " + name);
  }
  bool has(const std::string& name) const { return c_.attributes.count(name) > 0; }
  std::string keyword(const std::string& name, const std::string& fallback) const {
    auto it = c_.attributes.find(name);
    return it != c_.attributes.end() ? it->second : fallback;
  }
  MacroVariables& vars() const { return v_; }
  const ComponentSpec& spec() const { return c_; }

 private:
  const ComponentSpec& c_;
  MacroVariables& v_;
};

est::ArrayEstimate array_estimate(const Attributes& a) {
  est::ArrayParameters p;
  if (!a.vars().spec().cell)
    throw InputError(a.spec().where + ": model " + a.spec().model + " needs the macro's cell");
  p.cell = *a.vars().spec().cell;
  p.rows = a.get("rows", "ARRAY_WORDLINES");
  p.cols = a.get("cols", "ARRAY_BITLINES");
  p.technology_nm = a.get("technology", "TECHNOLOGY");
  p.voltage = a.get("voltage", "VOLTAGE");
  p.average_input_value = a.get("average_input_value", "AVERAGE_INPUT_VALUE");
  p.average_cell_value = a.get("average_cell_value", "AVERAGE_WEIGHT_VALUE");
  p.temporal_dac_bits = static_cast<int>(a.get("temporal_dac_bits", "TEMPORAL_DAC_RESOLUTION"));
  p.voltage_dac_bits = static_cast<int>(a.get("voltage_dac_bits", "1"));
  p.temporal_spiking = a.get("temporal_spiking", "0") != 0;
  p.read_pulse_seconds = a.get("read_pulse_width", "READ_PULSE_WIDTH");
  return est::estimate_array(p);
}

ComponentEstimate input_row_drivers(const Attributes& a) {
  const auto e = array_estimate(a);
  return {e.row_read, 0, e.row_drivers_area, {}};
}

ComponentEstimate weight_row_drivers(const Attributes& a) {
  const auto e = array_estimate(a);
  return {e.row_write, 0, e.row_drivers_area, {}};
}

ComponentEstimate column_drivers(const Attributes& a) {
  const auto e = array_estimate(a);
  return {e.column_read, 0, e.column_drivers_area, {}};
}

ComponentEstimate cell(const Attributes& a) {
  const auto e = array_estimate(a);
  const double width = a.get("width_cells", "CIM_UNIT_WIDTH_CELLS");
  const double depth = a.get("depth_cells", "CIM_UNIT_DEPTH_CELLS");
  return {e.cell_read * width, 0, e.cell_area * width * depth, {}};
}

ComponentEstimate adc(const Attributes& a) {
  est::AdcParameters p;
  p.resolution = a.get("resolution", "ADC_RESOLUTION");
  p.technology_nm = a.get("technology", "TECHNOLOGY");
  p.n_adcs = a.get("n_adcs", "N_ADC_PER_BANK");
  p.throughput = a.get("cols_active_at_once", "ARRAY_PARALLEL_OUTPUTS") *
                 a.get("throughput_scale", "1") / a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  p.energy_scale = a.get("adc_energy_scale", "ADC_ENERGY_SCALE");
  p.area_scale = a.get("adc_area_scale", "ADC_AREA_SCALE");
  const auto e = est::estimate_adc(p);
  return {e.energy_per_conversion_pj, 0, e.bank_area_um2, e.warning};
}

est::Capacitor capacitor_of(const Attributes& a, double capacitance) {
  est::CapacitorParameters p;
  p.capacitance_f = capacitance;
  p.voltage = a.get("voltage", "VOLTAGE");
  p.technology_nm = a.get("technology", "TECHNOLOGY");
  if (a.has("cap_f_per_m2")) p.density_f_per_m2 = a.get("cap_f_per_m2", "0");
  p.stacked = a.get("stacked", "0") != 0;
  return est::Capacitor(p);
}

ComponentEstimate capacitor(const Attributes& a) {
  const est::Capacitor c = capacitor_of(a, a.get("capacitance", "1e-15"));
  return {c.read_energy(), 0, c.area(), {}};
}

// Operand PMFs a component may name: inputs, weights, or their magnitudes (|v| folded).
std::vector<double> operand_pmf(const Attributes& a, const std::string& key) {
  const std::string which = a.keyword(key, "inputs");
  const LayerDistributions& d = a.vars().distributions();
  if (which == "inputs") return d.inputs.pmf();
  if (which == "weights") return d.weights.pmf();
  if (which == "inputs_magnitude") return d.inputs.magnitude_pmf();
  if (which == "weights_magnitude") return d.weights.magnitude_pmf();
  throw InputError(a.spec().where + ": attribute " + key +
                   " must be inputs, weights, inputs_magnitude or weights_magnitude");
}

ComponentEstimate ladder_dac(const Attributes& a, est::LadderType type) {
  est::LadderDacParameters p;
  p.type = type;
  p.resolution = static_cast<int>(a.get("resolution", "DAC_RESOLUTION"));
  p.voltage = a.get("voltage", "VOLTAGE");
  p.technology_nm = a.get("technology", "TECHNOLOGY");
  p.unit_resistance_ohm = a.get("unit_resistance", "5e3");
  p.unit_capacitance_f = a.get("unit_capacitance", "1e-12");
  p.cycle_seconds = a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  p.value_pmf = operand_pmf(a, "hist");
  const auto ladder = est::estimate_ladder_dac(p);
  // Compound: the ladder plus `resolution` input flip-flops that toggle with the bits.
  const est::DigitalGates gates(p.technology_nm);
  const double flips = mean_bit_flip_probability(a.vars().input_bit_distribution());
  const double active = a.get("scale_active_energy_by", "1");
  const double read = (ladder.ladder_energy_pj + ladder.controller_energy_pj) * active +
                      p.resolution * gates.flip_flop_energy(p.voltage) * flips * active;
  return {read, 0, ladder.area_um2 + p.resolution * gates.flip_flop_area(), {}};
}

// Port A's action moves the analog operand (every ladder cap follows A); port B's action
// switches B's bits. CiMLoop counts the area once, on port A (port B sets area_scale 0).
ComponentEstimate c2c_port(const Attributes& a, bool port_a) {
  est::C2cMultiplierParameters p;
  p.resolution = static_cast<int>(a.get("resolution", "CIM_UNIT_WIDTH_CELLS"));
  p.voltage = a.get("voltage", "VOLTAGE");
  p.technology_nm = a.get("technology", "TECHNOLOGY");
  p.unit_capacitance_f = a.get("unit_capacitance", "1e-15");
  p.a_pmf = operand_pmf(a, "a_hist");
  p.b_bit_probabilities = a.vars().weight_bit_distribution();
  p.reference_node_capacitance_scale = a.get("reference_node_capacitance_scale", "1.67 / 8");
  const auto e = est::estimate_c2c_multiplier(p);
  return {port_a ? e.switch_a_energy_pj : e.switch_b_energy_pj, 0, e.area_um2, {}};
}

ComponentEstimate library(const Attributes& a, const std::string& name) {
  const est::LibraryEntry& entry = est::library_entry(name);
  est::LibraryQuery q;
  q.technology_nm = a.get("technology", "TECHNOLOGY");
  q.voltage = a.get("voltage", "VOLTAGE");
  if (a.has("width")) q.width = a.get("width", "1");
  if (a.has("resolution")) q.resolution = a.get("resolution", "1");
  if (a.has("n_steps")) q.n_steps = a.get("n_steps", "1");
  q.cycle_seconds = a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  const auto e = est::scale_library_entry(entry, q);
  return {e.read_energy_pj, e.leak_energy_pj, e.area_um2, {}};
}

// A table-characterised class (model "table:<class>", e.g. photonic parts): attributes that
// scale (technology, resolution, width) are numbers; the others select rows by their text.
ComponentEstimate table_component(const Attributes& a, const std::string& class_name) {
  static const std::set<std::string> not_matched = {"n_instances", "energy_scale", "area_scale",
                                                    "cycle_seconds", "actions_per_activation",
                                                    "action", "accumulates_input_slices",
                                                    "leak_scale"};
  est::TableQuery q;
  q.class_name = class_name;
  q.cycle_seconds = a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  q.numeric_attributes["technology"] = a.get("technology", "TECHNOLOGY");
  for (const auto& [name, text] : a.spec().attributes) {
    if (not_matched.count(name) || name == "technology") continue;
    if (name == "resolution" || name == "width" || name == "datawidth" || name == "depth")
      q.numeric_attributes[name] = a.get(name, "1");
    else
      q.text_attributes[name] = a.vars().text_or_keyword(text, a.spec().where + ": attribute " + name);
  }
  const auto& tables = est::builtin_component_tables();
  ComponentEstimate out;
  try {
    q.action = a.keyword("action", "read");
    const auto read = tables.estimate(q);
    q.action = "leak";
    out.read_pj = read.energy_pj;
    out.leak_pj_per_cycle = tables.estimate(q).energy_pj;
    out.area_um2 = read.area_um2;
  } catch (const InputError& e) {
    throw InputError(a.spec().where + ": " + e.what());
  }
  return out;
}

// Shift-and-add of slice partial sums: an n-bit adder (Aladdin row, scaled) and a shift
// register whose bits toggle half the time.
ComponentEstimate shift_add(const Attributes& a) {
  est::LibraryQuery q;
  q.technology_nm = a.get("technology", "TECHNOLOGY");
  q.cycle_seconds = a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  q.width = a.get("n_bits", "ENCODED_OUTPUT_BITS");
  const double register_bits = a.get("shift_register_n_bits", "ENCODED_OUTPUT_BITS");
  const auto adder = est::scale_library_entry(est::library_entry("aladdin_adder"), q);
  const est::DigitalGates gates(q.technology_nm);
  const double voltage = a.get("voltage", "VOLTAGE");
  return {adder.read_energy_pj + 0.5 * register_bits * gates.flip_flop_energy(voltage),
          adder.leak_energy_pj, adder.area_um2 + register_bits * gates.flip_flop_area(), {}};
}

// Integer adder (the class NeuroSim calls intadder): the Aladdin adder scaled to n_bits, plus
// the wire it drives (load_capacitance, switched at `voltage`).
ComponentEstimate intadder(const Attributes& a) {
  est::LibraryQuery q;
  q.technology_nm = a.get("technology", "TECHNOLOGY");
  q.cycle_seconds = a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  q.width = a.get("n_bits", "1");
  const auto adder = est::scale_library_entry(est::library_entry("aladdin_adder"), q);
  const double load = a.get("load_capacitance", "0");
  const double wire = load > 0 ? capacitor_of(a, load).read_energy() : 0;
  return {adder.read_energy_pj + wire, adder.leak_energy_pj, adder.area_um2, {}};
}

// n_bits flip-flops written with a toggle (our gate model has no leakage).
ComponentEstimate flip_flop(const Attributes& a) {
  const est::DigitalGates gates(a.get("technology", "TECHNOLOGY"));
  const double bits = a.get("n_bits", "1");
  return {bits * gates.flip_flop_energy(a.get("voltage", "VOLTAGE")), 0,
          bits * gates.flip_flop_area(), {}};
}

// Jia's input zero gating: comparators, one flag flip-flop per row, half a zeros counter.
ComponentEstimate zero_comparator(const Attributes& a) {
  est::LibraryQuery q;
  q.technology_nm = a.get("technology", "TECHNOLOGY");
  q.cycle_seconds = a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  const double comparators = a.get("n_comparators", "ARRAY_PARALLEL_INPUTS");
  const double flags = a.get("n_flags_store", "ARRAY_PARALLEL_INPUTS");
  q.width = a.get("n_bits", "ENCODED_INPUT_BITS");
  const auto cmp = est::scale_library_entry(est::library_entry("aladdin_comparator"), q);
  q.width = std::ceil(std::log2(std::max(2.0, flags)));
  const auto counter = est::scale_library_entry(est::library_entry("aladdin_counter"), q);
  const est::DigitalGates gates(q.technology_nm);
  const double dynamic = a.get("dynamic_energy_scale", "1");
  const double leakage = a.get("leakage_energy_scale", "1");
  const double voltage = a.get("voltage", "VOLTAGE");
  ComponentEstimate out;
  out.read_pj = (cmp.read_energy_pj + gates.flip_flop_energy(voltage) +
                 0.5 * counter.read_energy_pj) * dynamic;
  out.leak_pj_per_cycle = (cmp.leak_energy_pj * comparators + 0.5 * counter.leak_energy_pj) * leakage;
  out.area_um2 = cmp.area_um2 * comparators + gates.flip_flop_area() * flags + counter.area_um2;
  return out;
}

struct Model {
  std::function<ComponentEstimate(const Attributes&)> estimate;
  // Row/column drivers take the macro's driver-area calibration unless told otherwise.
  std::string default_area_scale = "1";
};

const std::map<std::string, Model>& models() {
  const std::string drivers = "ROW_COL_DRIVERS_AREA_SCALE";
  static const std::map<std::string, Model> table = {
      {"input_row_drivers", {input_row_drivers, drivers}},
      {"weight_row_drivers", {weight_row_drivers, drivers}},
      {"column_drivers", {column_drivers, drivers}},
      {"cell", {cell}},
      {"adc", {adc}},
      {"capacitor", {capacitor}},
      {"dac_r2r_ladder", {[](const Attributes& a) { return ladder_dac(a, est::LadderType::r2r); }}},
      {"dac_c2c_ladder", {[](const Attributes& a) { return ladder_dac(a, est::LadderType::c2c); }}},
      {"c2c_multiplier_port_a", {[](const Attributes& a) { return c2c_port(a, true); }}},
      {"c2c_multiplier_port_b", {[](const Attributes& a) { return c2c_port(a, false); }}},
      {"zero_comparator", {zero_comparator}},
      {"shift_add", {shift_add}},
      {"intadder", {intadder}},
      {"flip_flop", {flip_flop}},
      {"dummy", {[](const Attributes&) { return ComponentEstimate{}; }}},
  };
  return table;
}

}  // namespace

std::vector<std::string> component_model_names() {
  std::vector<std::string> names;
  for (const auto& [name, model] : models()) names.push_back(name);
  return names;
}

ComponentEstimate estimate_component(const ComponentSpec& component, MacroVariables& vars) {
  const Attributes a(component, vars);
  ComponentEstimate e;
  std::string area_scale = "1";
  if (auto it = models().find(component.model); it != models().end()) {
    e = it->second.estimate(a);
    area_scale = it->second.default_area_scale;
  } else if (component.model.rfind("table:", 0) == 0) {
    e = table_component(a, component.model.substr(6));
  } else {
    try {
      est::library_entry(component.model);
    } catch (const InputError& error) {
      throw InputError(component.where + ": unknown model '" + component.model + "' (" +
                       error.what() + ")");
    }
    e = library(a, component.model);
  }
  const double instances = a.get("n_instances", "1");
  e.read_pj *= a.get("energy_scale", "1");
  e.area_um2 *= instances * a.get("area_scale", area_scale);
  e.leak_pj_per_cycle *= instances * a.get("leak_scale", "1");
  return e;
}

}  // namespace cimloop::cim
