#include "estimators/neurosim/request.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>

#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

[[noreturn]] void reject(const std::string& reason) { throw Declined("NeuroSim plug-in: " + reason); }

const Value& required(const Query& q, const std::string& name) {
  if (const Value* v = q.attribute(name)) return *v;
  if (const Value* v = q.argument(name)) return *v;
  reject("required attribute '" + name + "' missing");
}

// Python float(value).
double as_float(const std::string& name, const Value& v) {
  if (v.is_number()) return v.number();
  try {
    size_t used = 0;
    const double x = std::stod(v.string(), &used);
    if (used == v.string().size()) return x;
  } catch (const std::exception&) {
  }
  reject("attribute '" + name + "' = '" + v.string() + "' is not a number");
}

// Python int(value): numbers (and booleans, given as 0/1) truncate; text must be an integer.
int as_int(const std::string& name, const Value& v) {
  if (v.is_number()) return static_cast<int>(std::trunc(v.number()));
  try {
    size_t used = 0;
    const int x = std::stoi(v.string(), &used);
    if (used == v.string().size()) return x;
  } catch (const std::exception&) {
  }
  reject("attribute '" + name + "' = '" + v.string() + "' is not an integer");
}

// Python bool(value): any non-empty text is true (also "False").
bool as_bool(const Value& v) { return v.is_number() ? v.number() != 0 : !v.string().empty(); }

// The wrapper keeps the digits and '.' of the technology and truncates to whole nm.
int technology_of(const Value& v) {
  double nm = 0;
  if (v.is_number()) {
    nm = v.number();
  } else {
    std::string digits;
    for (char c : v.string())
      if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') digits += c;
    nm = as_float("technology", Value(digits));
  }
  const int node = static_cast<int>(std::trunc(nm));
  if (node < 7 || node > 130)
    reject("technology " + v.text() + " outside the nodes NeuroSim can model (7..130 nm)");
  return node;
}

template <typename T>
void optional_attribute(const Query& q, const std::string& name, T& out, T (*convert)(const std::string&, const Value&)) {
  if (const Value* v = q.attribute(name)) out = convert(name, *v);
}

MemoryCell cell_of(const Value& v) {
  const std::string path = v.text();
  const std::string name = std::filesystem::path(path).filename().string();
  if (name.rfind("nvsim_", 0) == 0 || name.rfind("nvmexplorer_", 0) == 0 || name == "placeholder")
    reject("cell_config '" + path + "' names a sample cell built into the plug-in, whose parameters are not " +
           "available here; give the path of a .cell.yaml file");
  if (!std::filesystem::is_regular_file(path)) reject("cell_config file '" + path + "' not found");
  try {
    return read_memory_cell(path);
  } catch (const InputError& e) {
    reject(e.what());
  }
}

ArrayRequest array_request(const Query& q) {
  ArrayRequest a;
  a.rows = as_int("rows", required(q, "rows"));
  a.cols = as_int("cols", required(q, "cols"));
  a.cols_active_at_once = as_int("cols_active_at_once", required(q, "cols_active_at_once"));
  if (a.rows < 8) reject("rows = " + std::to_string(a.rows) + " is below NeuroSim's minimum of 8");
  if (a.cols < 8) reject("cols = " + std::to_string(a.cols) + " is below NeuroSim's minimum of 8");
  if (a.cols_active_at_once < 1) reject("cols_active_at_once must be at least 1");
  a.cell = cell_of(required(q, "cell_config"));
  a.average_input_value = as_float("average_input_value", required(q, "average_input_value"));
  a.average_cell_value = as_float("average_cell_value", required(q, "average_cell_value"));
  int sequential = 0;
  optional_attribute(q, "sequential", sequential, as_int);
  a.sequential = sequential != 0;
  optional_attribute(q, "adc_resolution", a.adc_resolution, as_int);
  optional_attribute(q, "read_pulse_width", a.read_pulse_width, as_float);
  optional_attribute(q, "voltage_dac_bits", a.voltage_dac_bits, as_int);
  optional_attribute(q, "temporal_dac_bits", a.temporal_dac_bits, as_int);
  if (const Value* v = q.attribute("temporal_spiking")) a.temporal_spiking = as_bool(*v);
  optional_attribute(q, "voltage", a.voltage, as_float);
  optional_attribute(q, "threshold_voltage", a.threshold_voltage, as_float);
  if (a.voltage_dac_bits < 1) reject("voltage_dac_bits must be at least 1");
  if (a.temporal_dac_bits < 1) reject("temporal_dac_bits must be at least 1");
  return a;
}

DigitalRequest digital_request(Component c, const Query& q) {
  DigitalRequest d;
  auto positive = [&](const char* name) {
    const int n = as_int(name, required(q, name));
    if (n < 1) reject(std::string("attribute '") + name + "' must be at least 1");
    return n;
  };
  if (c == Component::not_gate || c == Component::nand_gate || c == Component::nor_gate) return d;
  d.n_bits = positive("n_bits");
  if (c == Component::shift_add) d.shift_register_n_bits = positive("shift_register_n_bits");
  if (c == Component::intadder_tree) d.n_adder_tree_inputs = positive("n_adder_tree_inputs");
  if (c == Component::max_pool) d.pool_window = positive("pool_window");
  if (c == Component::mux) d.n_mux_inputs = positive("n_mux_inputs");
  return d;
}

}  // namespace

std::optional<Component> component_named(std::string_view class_name) {
  static const std::map<std::string, Component> names = {
      {"array_row_drivers", Component::row_drivers}, {"array_col_drivers", Component::col_drivers},
      {"array_adc", Component::adc},                 {"memory_cell", Component::memory_cell},
      {"shift_add", Component::shift_add},           {"intadder", Component::intadder},
      {"intadder_tree", Component::intadder_tree},   {"max_pool", Component::max_pool},
      {"mux", Component::mux},                       {"flip_flop", Component::flip_flop},
      {"not_gate", Component::not_gate},             {"nand_gate", Component::nand_gate},
      {"nor_gate", Component::nor_gate},
  };
  auto it = names.find(lower(class_name));
  if (it == names.end()) return std::nullopt;
  return it->second;
}

bool is_array_component(Component c) {
  return c == Component::row_drivers || c == Component::col_drivers || c == Component::adc ||
         c == Component::memory_cell;
}

const std::pair<const char*, ActionKind> kActions[] = {
    {"read", ActionKind::read},       {"mac_random", ActionKind::read}, {"mac_reused", ActionKind::read},
    {"compute", ActionKind::read},    {"add", ActionKind::read},        {"shift_add", ActionKind::read},
    {"convert", ActionKind::read},    {"write", ActionKind::write},     {"set", ActionKind::write},
    {"erase", ActionKind::write},     {"update", ActionKind::write},    {"leak", ActionKind::leak},
};

std::optional<ActionKind> action_kind(std::string_view action) {
  const std::string a = lower(action);
  for (const auto& [name, kind] : kActions)
    if (a == name) return kind;
  return std::nullopt;
}

std::vector<std::string> action_names() {
  std::vector<std::string> names;
  for (const auto& action : kActions) names.push_back(action.first);
  return names;
}

Request parse_request(Component component, const Query& query) {
  Request r;
  r.component = component;
  r.technology_nm = technology_of(required(query, "technology"));
  // Legacy (v0.3) inputs carry no cycle_seconds; they keep NeuroSim's 1 ns default cycle.
  const bool legacy = query.input_version < 0.4;
  if (!legacy || query.attribute("global_cycle_seconds") || query.argument("global_cycle_seconds"))
    r.global_cycle_seconds = as_float("global_cycle_seconds", required(query, "global_cycle_seconds"));
  if (!legacy) required(query, "cycle_seconds");  // the wrapper reads it for a latency check
  if (is_array_component(component)) {
    r.array = array_request(query);
    if (component == Component::col_drivers) r.array.adc_resolution = 0;
  } else {
    r.digital = digital_request(component, query);
  }
  return r;
}

}  // namespace cimloop::estimators::neurosim
