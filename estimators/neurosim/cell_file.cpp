#include "estimators/neurosim/cell_file.hpp"

#include <cmath>

#include <fstream>
#include <functional>
#include <map>

#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// "-CellArea (F^2)" -> "CellArea"; "-DeviceRoadmap -1LP 1HP 2LSTP" -> "DeviceRoadmap".
std::string key_name(const std::string& raw) {
  std::string key = trim(raw);
  if (!key.empty() && key[0] == '-') key = key.substr(1);
  const auto stop = key.find_first_of(" (");
  return stop == std::string::npos ? key : key.substr(0, stop);
}

}  // namespace

double MemoryCell::width_f() const { return std::sqrt(area_f2 * aspect_ratio); }
double MemoryCell::height_f() const { return std::sqrt(area_f2 / aspect_ratio); }

MemoryCell read_memory_cell(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open memory cell file");
  MemoryCell cell;
  std::map<std::string, std::function<void(double)>> numbers = {
      {"CellArea", [&](double v) { cell.area_f2 = v; }},
      {"CellAspectRatio", [&](double v) { cell.aspect_ratio = v; }},
      {"CellReadLeakEnergyMultiplier", [&](double v) { cell.read_leak_multiplier = v; }},
      {"CellWriteEnergyMultiplier", [&](double v) { cell.write_energy_multiplier = v; }},
      {"CellCapacitanceMultiplier", [&](double v) { cell.capacitance_multiplier = v; }},
      {"CellCapacitanceAdjust", [&](double v) { cell.capacitance_adjust_f = v; }},
      {"AccessCMOSWidth", [&](double v) { cell.access_cmos_width_f = v; }},
      {"SRAMCellNMOSWidth", [&](double v) { cell.sram_nmos_width_f = v; }},
      {"SRAMCellPMOSWidth", [&](double v) { cell.sram_pmos_width_f = v; }},
      {"AccessTransistorResistance", [&](double v) { cell.access_resistance_ohm = v; }},
      {"ResistanceOn", [&](double v) { cell.resistance_on_ohm = v; }},
      {"ResistanceOff", [&](double v) { cell.resistance_off_ohm = v; }},
      {"ReadVoltage", [&](double v) { cell.read_voltage = v; }},
      {"SetVoltage", [&](double v) { cell.set_voltage = v; }},
      {"SetPulse", [&](double v) { cell.set_pulse_s = v * 1e-9; }},
  };
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const auto hash = line.find('#');
    if (hash != std::string::npos) line = line.substr(0, hash);
    const auto colon = line.find(':');
    if (trim(line).empty() || colon == std::string::npos) continue;
    const std::string key = key_name(line.substr(0, colon));
    const std::string value = trim(line.substr(colon + 1));
    const std::string where = path + " (line " + std::to_string(line_number) + "): " + key;
    if (key == "MemCellType") {
      if (value == "SRAM") cell.type = CellType::sram;
      else if (value == "RRAM") cell.type = CellType::rram;
      else throw InputError(where + ": expected SRAM or RRAM, got '" + value + "'");
    } else if (key == "DeviceRoadmap") {
      if (value == "-1") cell.roadmap = Roadmap::low_power;
      else if (value == "1") cell.roadmap = Roadmap::high_performance;
      else if (value == "2") cell.roadmap = Roadmap::low_standby_power;
      else throw InputError(where + ": expected -1 (LP), 1 (HP) or 2 (LSTP), got '" + value + "'");
    } else if (key == "AccessType") {
      cell.has_access_transistor = value == "CMOS";
    } else if (auto it = numbers.find(key); it != numbers.end()) {
      try {
        size_t used = 0;
        const double v = std::stod(value, &used);
        if (used != value.size()) throw std::invalid_argument(value);
        it->second(v);
      } catch (const std::exception&) {
        throw InputError(where + ": expected a number, got '" + value + "'");
      }
    }
  }
  if (!(cell.area_f2 > 0) || !(cell.aspect_ratio > 0))
    throw InputError(path + ": CellArea and CellAspectRatio must be positive");
  return cell;
}

}  // namespace cimloop::estimators::neurosim
