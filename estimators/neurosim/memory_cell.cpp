#include "estimators/neurosim/memory_cell.hpp"

#include "estimators/neurosim/rram_energy.hpp"
#include "estimators/neurosim/technology.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr double kPicojoules = 1e12;

const Transistor& cell_transistor(const MemoryCell& cell, const NodeDevices& d) {
  return cell.roadmap == Roadmap::high_performance ? d.hp : d.lstp;
}

// A set pulse through the cell: set voltage^2 x pulse / series resistance.
double set_energy_pj(const MemoryCell& cell, double resistance) {
  return cell.set_voltage * cell.set_voltage * cell.set_pulse_s / resistance * kPicojoules;
}

// SRAM cells: the set pulse through the access device and the bitline wire, plus a
// capacitive part (technology.yaml, sram_write_capacitive).
double sram_write_pj(const ArrayRequest& a, const NodeDevices& d, double supply) {
  const MemoryCell& c = a.cell;
  const double* b = d.sram_write_capacitive;
  double energy = supply * supply * (b[0] + b[1] * c.sram_nmos_width_f + b[2] * c.capacitance_multiplier * c.access_cmos_width_f);
  if (c.access_cmos_width_f > 0) {
    Transistor device = cell_transistor(c, d);
    if (a.threshold_voltage > 0) device.vt = a.threshold_voltage;
    if (supply <= device.vt)
      throw Declined("NeuroSim plug-in: supply " + Value(supply).text() + " V is not above the threshold " +
                     Value(device.vt).text() + " V");
    const double access = device.on_resistance(d.effective_width(c.access_cmos_width_f), supply);
    const double bitline = rram_wire_ohm_per_f() * c.height_f() * a.rows;
    energy += set_energy_pj(c, access + bitline);
  }
  return energy;
}

}  // namespace

double supply_voltage(const ArrayRequest& request, int node) {
  return request.voltage > 0 ? request.voltage : node_devices(node).vdd;
}

double rram_series_resistance(const ArrayRequest& a) {
  const MemoryCell& c = a.cell;
  const double access = c.has_access_transistor ? c.access_resistance_ohm : 0;
  return access + rram_wire_ohm_per_f() * (a.rows * c.height_f() + a.cols * c.width_f());
}

CellValues memory_cell(const ArrayRequest& a, int node) {
  const NodeDevices& d = node_devices(node);
  const MemoryCell& c = a.cell;
  const double f = feature_size_um(node);
  CellValues v;
  v.area_um2 = c.area_f2 * f * f;
  if (c.type == CellType::rram) {
    // Reads and writes are a pulse through the cell in series with access and wires.
    const double series = rram_series_resistance(a);
    const double read = c.read_voltage * c.read_voltage * a.read_pulse_width * kPicojoules;
    v.read_hi_pj = read / (c.resistance_on_ohm + series);
    v.read_lo_pj = read / (c.resistance_off_ohm + series);
    const double overhead = rram_cell_write_overhead_pj(a, node);
    v.write_hi_pj = set_energy_pj(c, c.resistance_on_ohm + series) + overhead;
    v.write_lo_pj = set_energy_pj(c, c.resistance_off_ohm + series) + overhead;
    return v;
  }
  // SRAM: reads are charged to the periphery; the cell leaks through its inverters.
  const double supply = supply_voltage(a, node);
  v.write_hi_pj = v.write_lo_pj = sram_write_pj(a, d, supply);
  const double per_f = c.roadmap == Roadmap::high_performance ? d.sram_leakage_hp : d.sram_leakage_lstp;
  v.leakage_w = per_f * c.sram_nmos_width_f * supply;
  return v;
}

}  // namespace cimloop::estimators::neurosim
