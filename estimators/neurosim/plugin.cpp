#include "estimators/neurosim/plugin.hpp"

#include <cmath>

#include "estimators/neurosim/array_periphery.hpp"
#include "estimators/neurosim/digital.hpp"
#include "estimators/neurosim/memory_cell.hpp"
#include "estimators/neurosim/technology.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr double kPicojoules = 1e12;

double pulses_full_scale(const ArrayRequest& a) { return std::pow(2.0, a.temporal_dac_bits) - 1; }

// The wrapper's memory_cell: read interpolated low->high by the average cell value, times
// the average input and the pulses of a full-scale input; write interpolated high->low.
Answer cell_answer(const Request& r, int node) {
  const ArrayRequest& a = r.array;
  const CellValues v = memory_cell(a, node);
  const double w = a.average_cell_value;
  Answer out;
  out.read_pj = (v.read_lo_pj + (v.read_hi_pj - v.read_lo_pj) * w) * a.average_input_value * pulses_full_scale(a);
  out.write_pj = (v.write_hi_pj + (v.write_lo_pj - v.write_hi_pj) * w) * a.cell.write_energy_multiplier;
  out.leak_pj = v.leakage_w * r.global_cycle_seconds * a.cell.read_leak_multiplier * kPicojoules;
  out.area_um2 = v.area_um2;
  return out;
}

// Row and column drivers: read = off + (on - off) x input activity, on and off each
// interpolated low->high by the average cell value; column drivers always see input 1; a
// pulse-count (spiking) input drives 2^bits - 1 pulses at full scale. Write = on. Their
// leakage power is scaled by the cycle time twice, as the plug-in does.
Answer driver_answer(const Request& r, int node) {
  const ArrayRequest& a = r.array;
  const DriverValues v = r.component == Component::row_drivers ? row_drivers(a, node) : col_drivers(a, node);
  const double w = a.average_cell_value;
  auto mix = [w](const OnOff& lo, const OnOff& hi, double OnOff::*f) { return lo.*f + (hi.*f - lo.*f) * w; };
  const double on = mix(v.read_lo, v.read_hi, &OnOff::on_pj), off = mix(v.read_lo, v.read_hi, &OnOff::off_pj);
  double activity = r.component == Component::row_drivers ? a.average_input_value : 1.0;
  if (a.temporal_spiking) activity *= pulses_full_scale(a);
  Answer out;
  out.read_pj = off + (on - off) * activity;
  out.write_pj = mix(v.write_lo, v.write_hi, &OnOff::on_pj);
  out.leak_pj = v.leakage_w * r.global_cycle_seconds * r.global_cycle_seconds * kPicojoules;
  out.area_um2 = v.area_um2;
  return out;
}

Answer adc_answer(const Request& r, int node) {
  const AdcValues v = array_adc(r.array, node);
  Answer out;
  out.read_pj = v.energy_pj;
  // Like the drivers', the ADC's leakage power comes out scaled by the cycle time twice.
  out.leak_pj = v.leakage_w * r.global_cycle_seconds * r.global_cycle_seconds * kPicojoules;
  out.area_um2 = v.area_um2;
  return out;
}

// The plug-in reads NeuroSim's printout of the block (7 significant digits).
Answer digital_answer(const Request& r, int node) {
  Answer out;
  const BlockValues v = digital_block(r.component, r.digital, node, out.warning);
  out.read_pj = printed(v.energy_pj);
  out.leak_pj = printed(v.leakage_w) * r.global_cycle_seconds * kPicojoules;
  out.area_um2 = printed(v.area_um2);
  return out;
}

Answer at_node(const Request& r, int node) {
  Answer out;
  switch (r.component) {
    case Component::memory_cell: out = cell_answer(r, node); break;
    case Component::row_drivers:
    case Component::col_drivers: out = driver_answer(r, node); break;
    case Component::adc: out = adc_answer(r, node); break;
    default: out = digital_answer(r, node); break;
  }
  if (out.area_um2 < 0)
    throw Declined("NeuroSim plug-in: NeuroSim returned a negative area (the array or cell is too small to "
                   "lay out its periphery; use more rows/columns or a larger cell)");
  return out;
}

}  // namespace

Answer answer(const Request& r) {
  const NodeBlend b = blend(r.technology_nm);
  Answer lo = at_node(r, b.lo);
  if (b.lo == b.hi) return lo;
  const Answer hi = at_node(r, b.hi);
  auto mix = [&](double Answer::*f) { lo.*f += (hi.*f - lo.*f) * b.weight_hi; };
  mix(&Answer::read_pj);
  mix(&Answer::write_pj);
  mix(&Answer::leak_pj);
  mix(&Answer::area_um2);
  if (lo.warning.empty()) lo.warning = hi.warning;
  return lo;
}

}  // namespace cimloop::estimators::neurosim
