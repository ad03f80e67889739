#pragma once
// Memory-cell definitions in the NVSim/NeuroSim `.cell.yaml` style used by CiMLoop and its
// NeuroSim plug-in (`-Key (unit): value  # comment` lines).
#include <string>

namespace cimloop::estimators::neurosim {

enum class CellType { sram, rram };

// Device roadmap of the cell file's transistors (-DeviceRoadmap: -1 LP, 1 HP, 2 LSTP).
enum class Roadmap { low_power = -1, high_performance = 1, low_standby_power = 2 };

struct MemoryCell {
  CellType type = CellType::sram;
  Roadmap roadmap = Roadmap::low_standby_power;
  double area_f2 = 100;                  // CellArea (F^2)
  double aspect_ratio = 1;               // width / height
  double read_leak_multiplier = 1;
  double write_energy_multiplier = 1;
  double capacitance_multiplier = 1;
  double capacitance_adjust_f = 0;
  double access_cmos_width_f = 1;        // in F
  double sram_nmos_width_f = 2;          // SRAM cell transistors, in F
  double sram_pmos_width_f = 2;
  bool has_access_transistor = false;    // AccessType CMOS
  double access_resistance_ohm = 0;
  double resistance_on_ohm = 1e4;
  double resistance_off_ohm = 1e6;
  double read_voltage = 0.1;
  double set_voltage = 2;
  double set_pulse_s = 10e-9;

  double width_f() const;   // cell width in F: sqrt(area x aspect ratio)
  double height_f() const;  // cell height in F: sqrt(area / aspect ratio)
};

// Throws InputError naming the file and line for unreadable values; unknown keys are ignored
// (the format carries many NVSim-only fields).
MemoryCell read_memory_cell(const std::string& path);

}  // namespace cimloop::estimators::neurosim
