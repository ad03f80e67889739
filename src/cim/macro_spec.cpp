#include "src/cim/macro_spec.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "src/common/error.hpp"

namespace cimloop::cim {

namespace {

std::string at(const std::string& path, const YAML::Node& node, const std::string& key) {
  return path + " (line " + std::to_string(node.Mark().line + 1) + "): " + key;
}

std::string scalar(const std::string& path, const YAML::Node& node, const std::string& key) {
  if (!node || !node.IsScalar()) throw InputError(at(path, node, key) + ": expected a value");
  return node.Scalar();
}

double number(const std::string& path, const YAML::Node& node, const std::string& key) {
  try {
    return node.as<double>();
  } catch (const YAML::Exception&) {
    throw InputError(at(path, node, key) + ": expected a number");
  }
}

Tensor tensor(const std::string& path, const YAML::Node& node, const std::string& key) {
  const std::string v = scalar(path, node, key);
  if (v == "Inputs") return Tensor::inputs;
  if (v == "Weights") return Tensor::weights;
  if (v == "Outputs") return Tensor::outputs;
  throw InputError(at(path, node, key) + ": expected Inputs, Weights or Outputs, got '" + v + "'");
}

bool flag(const std::string& path, const YAML::Node& node, const std::string& key) {
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    throw InputError(at(path, node, key) + ": expected true or false");
  }
}

estimators::cim::MemoryCell read_cell(const std::string& path, const YAML::Node& n) {
  using estimators::cim::CellType;
  if (!n || !n.IsMap()) throw InputError(at(path, n, "cell") + ": expected a map");
  if (n["file"]) {
    const auto file = std::filesystem::path(path).parent_path() / scalar(path, n["file"], "cell.file");
    return estimators::cim::read_memory_cell(file.string());
  }
  estimators::cim::MemoryCell c;
  const std::string type = scalar(path, n["type"], "cell.type");
  if (type == "SRAM") c.type = CellType::sram;
  else if (type == "RRAM") c.type = CellType::rram;
  else throw InputError(at(path, n["type"], "cell.type") + ": expected SRAM or RRAM");
  const std::map<std::string, double*> fields = {
      {"area_f2", &c.area_f2},
      {"aspect_ratio", &c.aspect_ratio},
      {"capacitance_multiplier", &c.capacitance_multiplier},
      {"capacitance_adjust_f", &c.capacitance_adjust_f},
      {"access_cmos_width_f", &c.access_cmos_width_f},
      {"access_resistance_ohm", &c.access_resistance_ohm},
      {"resistance_on_ohm", &c.resistance_on_ohm},
      {"resistance_off_ohm", &c.resistance_off_ohm},
      {"read_voltage", &c.read_voltage},
      {"set_voltage", &c.set_voltage},
      {"set_pulse_s", &c.set_pulse_s},
      {"write_energy_multiplier", &c.write_energy_multiplier},
  };
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    if (key == "type") continue;
    if (key == "access_transistor") {
      c.has_access_transistor = flag(path, kv.second, "cell.access_transistor");
      continue;
    }
    auto it = fields.find(key);
    if (it == fields.end()) throw InputError(at(path, kv.first, "cell." + key) + ": unknown key");
    *it->second = number(path, kv.second, "cell." + key);
  }
  return c;
}

size_t container_index(const MacroSpec& spec, const std::string& path, const YAML::Node& node) {
  const std::string name = scalar(path, node, "inside");
  for (size_t i = 0; i < spec.array.size(); ++i)
    if (spec.array[i].name == name) return i + 1;
  throw InputError(at(path, node, "inside") + ": no array container named '" + name + "'");
}

void read_components(MacroSpec& spec, const std::string& path, const YAML::Node& list) {
  if (!list || !list.IsSequence()) throw InputError(at(path, list, "components") + ": expected a list");
  for (const auto& n : list) {
    ComponentSpec c;
    c.name = scalar(path, n["name"], "components[].name");
    c.where = at(path, n, "component " + c.name);
    c.model = scalar(path, n["model"], c.name + ".model");
    c.keeps = tensor(path, n["keeps"], c.name + ".keeps");
    if (n["inside"]) c.containers_above = container_index(spec, path, n["inside"]);
    if (n["coalesces"]) c.coalesces = flag(path, n["coalesces"], c.name + ".coalesces");
    if (n["attributes"]) {
      for (const auto& kv : n["attributes"])
        c.attributes[kv.first.Scalar()] =
            scalar(path, kv.second, c.name + ".attributes." + kv.first.Scalar());
    }
    spec.components.push_back(std::move(c));
  }
}

}  // namespace

MacroSpec read_macro_spec(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError(path + ": cannot open macro file");
  } catch (const YAML::Exception& e) {
    throw InputError(path + " (line " + std::to_string(e.mark.line + 1) + "): " + e.msg);
  }
  const YAML::Node m = root["cim_macro"];
  if (!m || !m.IsMap()) throw InputError(path + ": missing top-level key cim_macro");
  MacroSpec spec;
  spec.source = path;
  spec.name = scalar(path, m["name"], "cim_macro.name");
  if (m["cell"]) spec.cell = read_cell(path, m["cell"]);
  if (const auto e = m["encodings"]) {
    if (e["inputs"]) spec.input_encoding = parse_encoding(scalar(path, e["inputs"], "encodings.inputs"), at(path, e["inputs"], "encodings.inputs"));
    if (e["weights"]) spec.weight_encoding = parse_encoding(scalar(path, e["weights"], "encodings.weights"), at(path, e["weights"], "encodings.weights"));
  }
  if (const auto h = m["histograms"]) {
    if (h["Inputs"]) spec.default_inputs = histogram_from_yaml(h["Inputs"], at(path, h["Inputs"], "histograms.Inputs"));
    if (h["Weights"]) spec.default_weights = histogram_from_yaml(h["Weights"], at(path, h["Weights"], "histograms.Weights"));
  }
  if (const YAML::Node libraries = m["component_libraries"]) {
    if (!libraries.IsSequence()) throw InputError(at(path, libraries, "component_libraries") + ": expected a list of directories");
    std::string joined;
    for (const YAML::Node& dir : libraries) {
      const auto full = std::filesystem::path(path).parent_path() / scalar(path, dir, "component_libraries[]");
      joined += (joined.empty() ? "" : ":") + full.string();
    }
    std::string variable = "ACCELERGY_COMPONENT_LIBRARIES_";
    for (char c : spec.name) variable += static_cast<char>(std::isalnum(static_cast<unsigned char>(c)) ? std::toupper(c) : '_');
    setenv(variable.c_str(), joined.c_str(), 1);
  }
  if (!m["variables"] || !m["variables"].IsMap())
    throw InputError(path + ": cim_macro.variables must be a map");
  for (const auto& kv : m["variables"]) {
    const std::string key = "variables." + kv.first.Scalar();
    spec.variables.push_back({kv.first.Scalar(), scalar(path, kv.second, key), at(path, kv.second, key)});
  }
  if (!m["array"] || !m["array"].IsSequence())
    throw InputError(path + ": cim_macro.array must be a list of array containers");
  for (const auto& n : m["array"]) {
    ArrayContainerSpec a;
    a.name = scalar(path, n["name"], "array[].name");
    a.fanout = scalar(path, n["fanout"], a.name + ".fanout");
    const std::string along = scalar(path, n["along"], a.name + ".along");
    if (along != "rows" && along != "columns")
      throw InputError(at(path, n["along"], a.name + ".along") + ": expected rows or columns");
    a.along_rows = along == "rows";
    a.shares = tensor(path, n["shares"], a.name + ".shares");
    if (n["spatial_reuse"]) a.spatial_reuse = flag(path, n["spatial_reuse"], a.name + ".spatial_reuse");
    if (n["array_container"])
      a.array_container = flag(path, n["array_container"], a.name + ".array_container");
    spec.array.push_back(a);
  }
  read_components(spec, path, m["components"]);
  return spec;
}

}  // namespace cimloop::cim
