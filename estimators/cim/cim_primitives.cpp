#include "estimators/cim/cim_primitives.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <sstream>

#include "estimators/cim/adc.hpp"
#include "estimators/cim/capacitor.hpp"
#include "estimators/cim/component_table.hpp"
#include "estimators/cim/digital_gates.hpp"
#include "estimators/cim/ladder_dac.hpp"
#include "estimators/cim/library_components.hpp"

namespace cimloop::estimators::cim {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

class Inputs {
 public:
  Inputs(const PrimitiveInputs& a, const PrimitiveInputs& args, const std::string& cls)
      : a_(a), args_(args), cls_(cls) {}
  double number(const std::string& name) const {
    for (const PrimitiveInputs* p : {&args_, &a_})
      if (auto it = p->numbers.find(name); it != p->numbers.end()) return it->second;
    throw PrimitiveDeclined(cls_ + ": attribute '" + name + "' missing");
  }
  double number(const std::string& name, double fallback) const {
    for (const PrimitiveInputs* p : {&args_, &a_})
      if (p->numbers.count(name)) return p->numbers.at(name);
    return fallback;
  }
  bool flag(const std::string& name) const {
    for (const PrimitiveInputs* p : {&args_, &a_}) {
      if (p->numbers.count(name)) return p->numbers.at(name) != 0;
      if (auto it = p->texts.find(name); it != p->texts.end()) return lower(it->second) == "true";
    }
    return false;
  }
  std::string text(const std::string& name) const {
    for (const PrimitiveInputs* p : {&args_, &a_})
      if (auto it = p->texts.find(name); it != p->texts.end()) return it->second;
    throw PrimitiveDeclined(cls_ + ": attribute '" + name + "' missing");
  }
  // "[a, b, c]" -> {a, b, c}
  std::vector<double> list(const std::string& name) const {
    std::string t = text(name);
    std::replace(t.begin(), t.end(), ',', ' ');
    t.erase(std::remove_if(t.begin(), t.end(), [](char c) { return c == '[' || c == ']'; }), t.end());
    std::istringstream s(t);
    std::vector<double> out;
    for (double v; s >> v;) out.push_back(v);
    if (out.empty()) throw PrimitiveDeclined(cls_ + ": attribute '" + name + "' is not a list: " + text(name));
    return out;
  }
  std::optional<double> optional_number(const std::string& name) const {
    for (const PrimitiveInputs* p : {&args_, &a_})
      if (auto it = p->numbers.find(name); it != p->numbers.end()) return it->second;
    return std::nullopt;
  }
  double cycle() const { return number("global_cycle_seconds", number("cycle_seconds", 1e-9)); }
  const std::string& class_name() const { return cls_; }

 private:
  const PrimitiveInputs& a_;
  const PrimitiveInputs& args_;
  std::string cls_;
};

const std::vector<std::string>& adc_classes() {
  static const std::vector<std::string> names = {"adc", "array_adc", "pim_adc", "sar_adc", "cim_adc"};
  return names;
}

bool is_read(const std::string& action) {
  static const std::vector<std::string> reads = {"read", "mac_random", "mac_reused", "compute",
                                                 "add", "shift_add", "convert", "drive",
                                                 "sample", "activate"};
  return std::find(reads.begin(), reads.end(), action) != reads.end();
}
bool is_write(const std::string& a) { return a == "write" || a == "set" || a == "erase" || a == "update"; }

AdcEstimate adc(const Inputs& in) {
  AdcParameters p;
  p.resolution = in.number("resolution", in.number("adc_resolution", 8));
  p.technology_nm = in.number("technology");
  p.throughput = in.number("throughput");
  p.n_adcs = in.number("n_adcs", 1);
  return estimate_adc(p);
}

Capacitor capacitor(const Inputs& in, double capacitance) {
  CapacitorParameters p;
  p.capacitance_f = capacitance;
  p.voltage = in.number("voltage", 1);
  p.technology_nm = in.number("technology");
  const double density = in.number("cap_f_per_m2", 0);
  if (density > 0) p.density_f_per_m2 = density;
  p.stacked = in.flag("stacked");
  return Capacitor(p);
}

LadderDacEstimate ladder(const Inputs& in, LadderType type) {
  LadderDacParameters p;
  p.type = type;
  p.resolution = static_cast<int>(in.number("resolution"));
  p.voltage = in.number("voltage");
  p.technology_nm = in.number("technology");
  p.unit_resistance_ohm = in.number("unit_resistance", 5e3);
  p.unit_capacitance_f = in.number("unit_capacitance", 1e-12);
  p.cycle_seconds = in.cycle();
  p.value_pmf = in.list("hist");
  return estimate_ladder_dac(p);
}

struct Primitive {
  std::function<double(const Inputs&, const std::string& action)> energy;
  std::function<double(const Inputs&)> area;
};

double only_reads(const std::string& action, const Inputs& in, double read) {
  if (action == "leak" || is_write(action)) return 0;
  if (!is_read(action)) throw PrimitiveDeclined(in.class_name() + ": no action '" + action + "'");
  return read;
}

const std::map<std::string, Primitive>& primitives() {
  static const std::map<std::string, Primitive> table = [] {
    std::map<std::string, Primitive> t;
    const Primitive adc_primitive = {
        [](const Inputs& in, const std::string& a) {
          return only_reads(a, in, adc(in).energy_per_conversion_pj);
        },
        [](const Inputs& in) { return adc(in).bank_area_um2; }};
    for (const std::string& name : adc_classes()) t[name] = adc_primitive;
    t["capacitor"] = {
        [](const Inputs& in, const std::string& a) {
          const Capacitor c = capacitor(in, in.number("capacitance"));
          if (a == "raise_voltage_to") return c.raise_energy(in.number("target_voltage"));
          if (a == "switch") return c.switch_energy(in.list("value_probabilities"), in.flag("zero_between_values"));
          return only_reads(a, in, c.read_energy());
        },
        [](const Inputs& in) { return capacitor(in, in.number("capacitance")).area(); }};
    t["wire"] = {  // a capacitor of length x 2e-10 F/m without area
        [](const Inputs& in, const std::string& a) {
          return only_reads(a, in, capacitor(in, in.number("length") * 2e-10).read_energy());
        },
        [](const Inputs&) { return 0.0; }};
    t["pass_gate"] = {[](const Inputs& in, const std::string& a) { return only_reads(a, in, 0); },
                      [](const Inputs& in) { return DigitalGates(in.number("technology")).pass_gate_area(); }};
    for (auto [name, type] : {std::pair{"dac_r2r_ladder", LadderType::r2r},
                              std::pair{"dac_c2c_ladder", LadderType::c2c}}) {
      t[name] = {[type](const Inputs& in, const std::string& a) {
                   const auto e = ladder(in, type);
                   return only_reads(a, in, e.ladder_energy_pj + e.controller_energy_pj);
                 },
                 [type](const Inputs& in) { return ladder(in, type).area_um2; }};
    }
    return t;
  }();
  return table;
}

// A published library entry scaled with the CiM technology rules, which reach nodes the
// Accelergy library tables cannot (e.g. 7 nm); the Library estimator wins where it can.
const LibraryEntry* library_entry_named(const std::string& class_name) {
  for (const std::string& name : library_names())
    if (lower(name) == lower(class_name)) return &library_entry(name);
  return nullptr;
}

LibraryEstimate library(const Inputs& in, const LibraryEntry& entry) {
  LibraryQuery q;
  q.technology_nm = in.number("technology");
  q.voltage = in.optional_number("voltage");
  q.width = in.optional_number("width");
  q.resolution = in.optional_number("resolution");
  q.n_steps = in.optional_number("n_steps");
  q.cycle_seconds = in.cycle();
  return scale_library_entry(entry, q);
}

TableQuery table_query(const std::string& cls, const std::string& action, const Inputs& in,
                       const PrimitiveInputs& attributes) {
  TableQuery q;
  q.class_name = cls;
  q.action = action;
  q.cycle_seconds = in.cycle();
  for (const auto& [name, value] : attributes.numbers) q.numeric_attributes[name] = value;
  for (const auto& [name, value] : attributes.texts)
    if (!attributes.numbers.count(name)) q.text_attributes[name] = value;  // "7nm" is a number
  return q;
}

}  // namespace

std::vector<std::string> cim_primitive_classes() {
  std::vector<std::string> names = builtin_component_tables().class_names();
  for (const auto& [name, p] : primitives()) names.push_back(name);
  for (const std::string& name : library_names()) names.push_back(name);
  return names;
}

bool is_cim_primitive_class(const std::string& class_name) {
  return primitives().count(lower(class_name)) > 0 || builtin_component_tables().has_class(class_name) ||
         library_entry_named(class_name) != nullptr;
}

bool is_adc_class(const std::string& class_name) {
  const std::vector<std::string>& names = adc_classes();
  return std::find(names.begin(), names.end(), lower(class_name)) != names.end();
}

double cim_primitive_energy(const std::string& class_name, const std::string& action,
                            const PrimitiveInputs& attributes, const PrimitiveInputs& arguments) {
  const Inputs in(attributes, arguments, class_name);
  if (auto it = primitives().find(lower(class_name)); it != primitives().end())
    return it->second.energy(in, lower(action));
  if (builtin_component_tables().has_class(class_name))
    return builtin_component_tables().estimate(table_query(class_name, lower(action), in, attributes)).energy_pj;
  if (const LibraryEntry* entry = library_entry_named(class_name)) {
    const LibraryEstimate e = library(in, *entry);
    if (lower(action) == "leak") return e.leak_energy_pj;
    return only_reads(lower(action), in, e.read_energy_pj);  // writes cost nothing
  }
  throw PrimitiveDeclined("not a CiM primitive class: " + class_name);
}

double cim_primitive_area(const std::string& class_name, const PrimitiveInputs& attributes) {
  const PrimitiveInputs none;
  const Inputs in(attributes, none, class_name);
  if (auto it = primitives().find(lower(class_name)); it != primitives().end()) return it->second.area(in);
  if (builtin_component_tables().has_class(class_name))
    return builtin_component_tables().estimate(table_query(class_name, "", in, attributes)).area_um2;
  if (const LibraryEntry* entry = library_entry_named(class_name)) return library(in, *entry).area_um2;
  throw PrimitiveDeclined("not a CiM primitive class: " + class_name);
}

}  // namespace cimloop::estimators::cim
