#include "src/cim/component_models.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "estimators/adc/survey_adc.hpp"
#include "estimators/analog/capacitor.hpp"
#include "estimators/analog/ladder_dac.hpp"
#include "estimators/cim/array_model.hpp"
#include "estimators/cim/c2c_multiplier.hpp"
#include "estimators/cim/digital_gates.hpp"
#include "estimators/estimator.hpp"
#include "estimators/plug_in_interface/python_estimator.hpp"
#include "src/cim/slice_statistics.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace est = cimloop::estimators::cim;
namespace estimators = cimloop::estimators;

namespace {

constexpr double kPico = 1e12;  // J -> pJ, m^2 -> um^2

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
  estimators::AdcParameters p;
  p.resolution = a.get("resolution", "ADC_RESOLUTION");
  p.technology_nm = a.get("technology", "TECHNOLOGY");
  p.n_adcs = a.get("n_adcs", "N_ADC_PER_BANK");
  p.throughput = a.get("cols_active_at_once", "ARRAY_PARALLEL_OUTPUTS") *
                 a.get("throughput_scale", "1") / a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  p.energy_scale = a.get("adc_energy_scale", "ADC_ENERGY_SCALE");
  p.area_scale = a.get("adc_area_scale", "ADC_AREA_SCALE");
  const auto e = estimators::estimate_adc(p);
  return {e.energy_per_conversion_pj, 0, e.bank_area_um2, e.warning};
}

estimators::Capacitor capacitor_of(const Attributes& a, double capacitance) {
  estimators::CapacitorParameters p;
  p.capacitance = capacitance;
  p.voltage = a.get("voltage", "VOLTAGE");
  p.technology = a.get("technology", "TECHNOLOGY");
  if (a.has("cap_f_per_m2")) p.cap_f_per_m2 = a.get("cap_f_per_m2", "0");
  p.stacked = a.get("stacked", "0") != 0;
  try {
    return estimators::Capacitor(p);
  } catch (const estimators::PythonError& e) {
    throw InputError(a.spec().where + ": " + e.what());
  }
}

ComponentEstimate capacitor(const Attributes& a) {
  const estimators::Capacitor c = capacitor_of(a, a.get("capacitance", "1e-15"));
  return {c.read() * kPico, 0, c.area() * kPico, {}};
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

// CiMLoop's R-2R ladder DAC (dac_r2r_ladder, conducting for one cycle per conversion) plus
// the compound's `resolution` input flip-flops that toggle with the bits. (Its C-2C ladder
// cannot be built: the plug-in fails on every query.)
ComponentEstimate r2r_ladder_dac(const Attributes& a) {
  const double bits = a.get("resolution", "DAC_RESOLUTION");
  const double voltage = a.get("voltage", "VOLTAGE");
  const double technology = a.get("technology", "TECHNOLOGY");
  const double unit_resistance = a.get("unit_resistance", "5e3");
  ComponentEstimate out;
  try {
    const estimators::LadderDac dac({static_cast<long long>(bits), voltage, estimators::python_divide(1, unit_resistance) / 2,
                                     technology, operand_pmf(a, "hist"), 1});
    const double ladder = estimators::r2r_convert_energy(dac, 1, a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS")) * kPico;
    const est::DigitalGates gates(technology);
    const double flips = mean_bit_flip_probability(a.vars().input_bit_distribution());
    const double active = a.get("scale_active_energy_by", "1");
    out.read_pj = ladder * active + bits * gates.flip_flop_energy(voltage) * flips * active;
    out.area_um2 = estimators::r2r_area(bits, unit_resistance, technology, 1) * kPico + bits * gates.flip_flop_area();
  } catch (const estimators::PythonError& e) {
    throw InputError(a.spec().where + ": " + e.what());
  }
  return out;
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

// A part the Library estimator prices from its table (the shipped ones and the macro's
// component_libraries), as Accelergy would: the energy of `action`, the leakage per cycle and
// the area for `attributes` plus the cycle time.
ComponentEstimate library_part(const Attributes& a, const std::string& class_name, estimators::Attributes attributes,
                               const std::string& action = "read") {
  const double cycle = a.get("cycle_seconds", "GLOBAL_CYCLE_SECONDS");
  attributes["global_cycle_seconds"] = cycle;
  estimators::Query q;
  q.class_name = class_name;
  q.attributes = std::move(attributes);
  estimators::SelectionOptions library_only;
  library_only.forced_estimator = "Library";
  const estimators::Registry& registry = estimators::Registry::builtin();
  try {
    ComponentEstimate out;
    out.area_um2 = registry.select(q, library_only).estimate.value;
    q.arguments = {{"global_cycle_seconds", cycle}};
    q.action = action;
    out.read_pj = registry.select(q, library_only).estimate.value;
    q.action = "leak";
    out.leak_pj_per_cycle = registry.select(q, library_only).estimate.value;
    return out;
  } catch (const estimators::Declined& e) {
    throw InputError(a.spec().where + ": " + class_name + ": " + e.what());
  }
}

// A library class by its own name (jia_datapath, wan_shift_add, ...): technology, voltage and
// the scaling attributes given.
ComponentEstimate library(const Attributes& a, const std::string& name) {
  estimators::Attributes attributes = {{"technology", a.get("technology", "TECHNOLOGY")},
                                       {"voltage", a.get("voltage", "VOLTAGE")}};
  for (const char* key : {"width", "resolution", "n_steps"}) {
    if (a.has(key)) attributes[key] = a.get(key, "1");
  }
  return library_part(a, name, std::move(attributes));
}

// A table-characterised class (model "table:<class>", e.g. photonic parts): attributes that
// scale (technology, resolution, width) are numbers; the others select rows by their text.
ComponentEstimate table_component(const Attributes& a, const std::string& class_name) {
  static const std::set<std::string> not_matched = {"n_instances", "energy_scale", "area_scale",
                                                    "cycle_seconds", "actions_per_activation",
                                                    "action", "accumulates_input_slices",
                                                    "leak_scale"};
  estimators::Attributes attributes = {{"technology", a.get("technology", "TECHNOLOGY")}};
  for (const auto& [name, text] : a.spec().attributes) {
    if (not_matched.count(name) || name == "technology") continue;
    if (name == "resolution" || name == "width" || name == "datawidth" || name == "depth")
      attributes[name] = a.get(name, "1");
    else
      attributes[name] = a.vars().text_or_keyword(text, a.spec().where + ": attribute " + name);
  }
  return library_part(a, class_name, std::move(attributes), a.keyword("action", "read"));
}

// The Aladdin adder of the library at `bits` bits.
ComponentEstimate aladdin_adder(const Attributes& a, double bits) {
  return library_part(a, "aladdin_adder", {{"technology", a.get("technology", "TECHNOLOGY")}, {"width", bits}});
}

// Shift-and-add of slice partial sums: an n-bit adder (Aladdin row, scaled) and a shift
// register whose bits toggle half the time.
ComponentEstimate shift_add(const Attributes& a) {
  const double register_bits = a.get("shift_register_n_bits", "ENCODED_OUTPUT_BITS");
  const ComponentEstimate adder = aladdin_adder(a, a.get("n_bits", "ENCODED_OUTPUT_BITS"));
  const est::DigitalGates gates(a.get("technology", "TECHNOLOGY"));
  const double voltage = a.get("voltage", "VOLTAGE");
  return {adder.read_pj + 0.5 * register_bits * gates.flip_flop_energy(voltage), adder.leak_pj_per_cycle,
          adder.area_um2 + register_bits * gates.flip_flop_area(), {}};
}

// Integer adder (the class NeuroSim calls intadder): the Aladdin adder scaled to n_bits, plus
// the wire it drives (load_capacitance, switched at `voltage`).
ComponentEstimate intadder(const Attributes& a) {
  ComponentEstimate adder = aladdin_adder(a, a.get("n_bits", "1"));
  const double load = a.get("load_capacitance", "0");
  if (load > 0) adder.read_pj += capacitor_of(a, load).read() * kPico;
  return adder;
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
  const double technology = a.get("technology", "TECHNOLOGY");
  const double comparators = a.get("n_comparators", "ARRAY_PARALLEL_INPUTS");
  const double flags = a.get("n_flags_store", "ARRAY_PARALLEL_INPUTS");
  const ComponentEstimate cmp =
      library_part(a, "aladdin_comparator", {{"technology", technology}, {"width", a.get("n_bits", "ENCODED_INPUT_BITS")}});
  const ComponentEstimate counter = library_part(
      a, "aladdin_counter", {{"technology", technology}, {"width", std::ceil(std::log2(std::max(2.0, flags)))}});
  const est::DigitalGates gates(technology);
  const double dynamic = a.get("dynamic_energy_scale", "1");
  const double leakage = a.get("leakage_energy_scale", "1");
  const double voltage = a.get("voltage", "VOLTAGE");
  ComponentEstimate out;
  out.read_pj = (cmp.read_pj + gates.flip_flop_energy(voltage) + 0.5 * counter.read_pj) * dynamic;
  out.leak_pj_per_cycle = (cmp.leak_pj_per_cycle * comparators + 0.5 * counter.leak_pj_per_cycle) * leakage;
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
      {"dac_r2r_ladder", {r2r_ladder_dac}},
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
    estimators::Query library_class;
    library_class.class_name = component.model;
    if (estimators::Registry::builtin().find("Library")->accuracy(library_class) <= 0) {
      throw InputError(component.where + ": unknown model '" + component.model +
                       "' (neither a model name nor a class of the component library)");
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
