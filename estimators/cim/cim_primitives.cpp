#include "estimators/cim/cim_primitives.hpp"

#include <algorithm>
#include <cctype>
#include <functional>

#include "estimators/cim/array_model.hpp"
#include "estimators/cim/digital_gates.hpp"
#include "estimators/cim/memory_cell.hpp"

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
  const std::string& class_name() const { return cls_; }

 private:
  const PrimitiveInputs& a_;
  const PrimitiveInputs& args_;
  std::string cls_;
};

ArrayEstimate array(const Inputs& in) {
  ArrayParameters p;
  p.cell = read_memory_cell(in.text("cell_config"));
  p.rows = in.number("rows");
  p.cols = in.number("cols");
  p.technology_nm = in.number("technology");
  p.voltage = in.number("voltage");
  p.average_input_value = in.number("average_input_value", 0.5);
  p.average_cell_value = in.number("average_cell_value", 0.5);
  p.temporal_dac_bits = static_cast<int>(in.number("temporal_dac_bits", 1));
  p.voltage_dac_bits = static_cast<int>(in.number("voltage_dac_bits", 1));
  p.temporal_spiking = in.flag("temporal_spiking");
  p.read_pulse_seconds = in.number("read_pulse_width", 10e-9);
  return estimate_array(p);
}

bool is_read(const std::string& action) {
  static const std::vector<std::string> reads = {"read", "mac_random", "mac_reused", "compute",
                                                 "add", "shift_add", "convert", "drive",
                                                 "sample", "activate"};
  return std::find(reads.begin(), reads.end(), action) != reads.end();
}
bool is_write(const std::string& a) { return a == "write" || a == "set" || a == "erase" || a == "update"; }

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
    t["array_row_drivers"] = {
        [](const Inputs& in, const std::string& a) {
          if (a == "leak") return 0.0;
          const auto e = array(in);
          if (is_write(a)) return e.row_write;
          return only_reads(a, in, e.row_read);
        },
        [](const Inputs& in) { return array(in).row_drivers_area; }};
    t["array_col_drivers"] = {
        [](const Inputs& in, const std::string& a) {
          return a == "leak" || is_write(a) ? 0.0 : only_reads(a, in, array(in).column_read);
        },
        [](const Inputs& in) { return array(in).column_drivers_area; }};
    t["memory_cell"] = {
        [](const Inputs& in, const std::string& a) {
          if (a == "leak") return 0.0;
          const auto e = array(in);
          return is_write(a) ? e.cell_write : only_reads(a, in, e.cell_read);
        },
        [](const Inputs& in) { return array(in).cell_area; }};
    t["flip_flop"] = {
        [](const Inputs& in, const std::string& a) {
          const DigitalGates g(in.number("technology"));
          return only_reads(a, in, in.number("n_bits", 1) * g.flip_flop_energy(in.number("voltage", 1)));
        },
        [](const Inputs& in) {
          return in.number("n_bits", 1) * DigitalGates(in.number("technology")).flip_flop_area();
        }};
    t["not_gate"] = {
        [](const Inputs& in, const std::string& a) {
          return only_reads(a, in, DigitalGates(in.number("technology")).inverter_energy(in.number("voltage", 1)));
        },
        [](const Inputs& in) { return DigitalGates(in.number("technology")).inverter_area(); }};
    return t;
  }();
  return table;
}

}  // namespace

std::vector<std::string> cim_primitive_classes() {
  std::vector<std::string> names;
  for (const auto& [name, p] : primitives()) names.push_back(name);
  return names;
}

bool is_cim_primitive_class(const std::string& class_name) { return primitives().count(lower(class_name)) > 0; }

double cim_primitive_energy(const std::string& class_name, const std::string& action,
                            const PrimitiveInputs& attributes, const PrimitiveInputs& arguments) {
  const Inputs in(attributes, arguments, class_name);
  if (auto it = primitives().find(lower(class_name)); it != primitives().end())
    return it->second.energy(in, lower(action));
  throw PrimitiveDeclined("not a CiM primitive class: " + class_name);
}

double cim_primitive_area(const std::string& class_name, const PrimitiveInputs& attributes) {
  const PrimitiveInputs none;
  const Inputs in(attributes, none, class_name);
  if (auto it = primitives().find(lower(class_name)); it != primitives().end()) return it->second.area(in);
  throw PrimitiveDeclined("not a CiM primitive class: " + class_name);
}

}  // namespace cimloop::estimators::cim
