#include "estimators/cim/array_model.hpp"

#include <cmath>

#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

namespace {

// Physical constants of the model (per um of local wire or transistor width). The wire,
// driver and decoder constants were fitted once, for all macros together, to the published
// silicon of CiMLoop's validation macros (study §4); they are not per-macro knobs.
constexpr double kWireFaradsPerUm = 0.1e-15;
constexpr double kGateFaradsPerUm = 1.0e-15;
// A driver's own switched capacitance as a fraction of its load (input stage and drain
// parasitics of a fanout-4 chain), and the fixed decode and pre-driver stage per line.
constexpr double kDriverSelfLoadFraction = 0.3;
constexpr double kDecoderFaradsPerUm = 1000e-15;
// Driver area: a fixed decode/pre-driver part plus output devices sized to the load.
constexpr double kDriverFixedAreaF2 = 5600;
constexpr double kDriverAreaF2PerFemtofarad = 5.4;

struct Lines {
  double wordline_f = 0;  // total wordline capacitance
  double bitline_f = 0;   // total bitline capacitance
  double decoder_f = 0;   // per-line fixed decoder capacitance
};

Lines line_capacitances(const ArrayParameters& p) {
  const double f_um = p.technology_nm * 1e-3;
  const MemoryCell& c = p.cell;
  const double side_um = std::sqrt(c.area_f2) * f_um;
  const double width_um = side_um * std::sqrt(c.aspect_ratio);
  const double height_um = side_um / std::sqrt(c.aspect_ratio);
  // SRAM bitcells hang two access devices on the wordline and one on each bitline.
  const double devices = c.type == CellType::sram ? 2.0 : 1.0;
  const double access_f = kGateFaradsPerUm * c.access_cmos_width_f * f_um;
  const double cell_f = access_f * devices * c.capacitance_multiplier;
  // CellCapacitanceAdjust is charge-storage/readout capacitance on the bitline side (e.g. a
  // C-2C ladder's caps under the cell); the wordline only sees the access gates.
  Lines lines;
  lines.wordline_f = p.cols * (cell_f + kWireFaradsPerUm * width_um);
  lines.bitline_f = p.rows * (cell_f + c.capacitance_adjust_f + kWireFaradsPerUm * height_um);
  lines.decoder_f = kDecoderFaradsPerUm * f_um;
  return lines;
}

double driver_area_um2(double load_f, double f_um) {
  return (kDriverFixedAreaF2 + kDriverAreaF2PerFemtofarad * load_f * 1e15) * f_um * f_um;
}

void check(const ArrayParameters& p) {
  if (!(p.rows >= 1) || !(p.cols >= 1) || !(p.technology_nm > 0) || !(p.voltage > 0))
    throw InputError("array: rows, cols, technology and voltage must be positive");
  auto unit = [](double v) { return v >= 0 && v <= 1; };
  if (!unit(p.average_input_value) || !unit(p.average_cell_value))
    throw InputError("array: average input and cell values must lie in [0, 1]");
  if (p.temporal_dac_bits < 1 || p.voltage_dac_bits < 1)
    throw InputError("array: DAC resolutions must be >= 1");
}

}  // namespace

ArrayEstimate estimate_array(const ArrayParameters& p) {
  check(p);
  const Lines lines = line_capacitances(p);
  const double v2 = p.voltage * p.voltage;
  const double x = p.average_input_value, w = p.average_cell_value;
  const double pulses_full_scale = (1 << p.temporal_dac_bits) - 1;
  const double activity = p.temporal_spiking ? x * pulses_full_scale : x;

  ArrayEstimate out;
  const double row_off = lines.decoder_f * v2;
  const double row_on = row_off + lines.wordline_f * (1 + kDriverSelfLoadFraction) * v2;
  out.row_read = row_off + (row_on - row_off) * activity;
  out.row_write = row_on;
  // Every read precharges the whole bitline again; the data dependence of a read sits in the
  // row drivers (pulses) and in the cells' conductance (RRAM).
  out.column_read = (lines.decoder_f + lines.bitline_f * (1 + kDriverSelfLoadFraction)) * v2;
  const MemoryCell& c = p.cell;
  if (c.type == CellType::rram) {
    const double r_access = c.has_access_transistor ? c.access_resistance_ohm : 0;
    const double g_hi = 1 / (c.resistance_on_ohm + r_access);
    const double g_lo = 1 / (c.resistance_off_ohm + r_access);
    const double per_pulse =
        p.read_pulse_seconds * c.read_voltage * c.read_voltage * (g_lo + (g_hi - g_lo) * w);
    out.cell_read = per_pulse * x * pulses_full_scale * 1e12;
    out.cell_write = c.set_pulse_s * c.set_voltage * c.set_voltage * 0.5 * (g_hi + g_lo) *
                     c.write_energy_multiplier * 1e12;
  }
  out.cell_write += lines.wordline_f * v2 / p.cols * 1e12;
  out.row_read *= 1e12;
  out.row_write *= 1e12;
  out.column_read *= 1e12;

  const double f_um = p.technology_nm * 1e-3;
  const double voltage_levels = p.voltage_dac_bits > 1 ? (1 << (p.voltage_dac_bits - 1)) : 1;
  out.row_drivers_area = p.rows * driver_area_um2(lines.wordline_f, f_um) * voltage_levels;
  out.column_drivers_area = p.cols * driver_area_um2(lines.bitline_f, f_um);
  out.cell_area = c.area_f2 * f_um * f_um;
  return out;
}

}  // namespace cimloop::estimators::cim
