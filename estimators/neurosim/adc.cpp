#include "estimators/neurosim/adc.hpp"

#include <cmath>

#include "estimators/neurosim/digital.hpp"
#include "estimators/neurosim/memory_cell.hpp"
#include "estimators/neurosim/node_constants.hpp"
#include "estimators/neurosim/rram_periphery.hpp"
#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr const char* kFile = "neurosim/adc.yaml";

struct Tables {
  NodeConstants energy, leakage;
  double comparator_inverters = 0;
  std::vector<double> output_gate_pitches;  // by bits, from 1
};

const Tables& tables() {
  static const Tables t = [] {
    const YAML::Node root = load_data_file(kFile);
    Tables out;
    out.energy = NodeConstants(root["energy"], kFile, "energy",
                               {"comparators", "bits", "encoder", "fixed", "levels", "fixed_reference", "two_bit"});
    out.leakage = NodeConstants(root["leakage"], kFile, "leakage", {"comparators", "bits", "encoder", "two_bit"});
    try {
      const YAML::Node area = root["area"];
      out.comparator_inverters = area["comparator_inverters"].as<double>();
      out.output_gate_pitches = area["output_gate_pitches"].as<std::vector<double>>();
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": area: " + e.what());
    }
    if (out.output_gate_pitches.empty()) throw InputError(std::string(kFile) + ": area: output_gate_pitches is empty");
    return out;
  }();
  return t;
}

// Gate counts of one ADC: 2^bits comparator slots, per output bit, and the encoder's levels x
// bits; a 2-bit encoder is built differently (its own term).
struct Size {
  double comparators, bits, encoder, two_bit;
};

Size size(int bits) {
  const double slots = std::pow(2.0, bits);
  return {slots, static_cast<double>(bits), (slots - 1) * bits, bits == 2 ? 1.0 : 0.0};
}

// Area of one comparator's output gate (F^2), `gate_f` wide, under a column `pitch_f` wide
// in a row of `line_f`: folded into strips of one gate height across the pitch, or laid
// out as it is when it is wider than the whole row.
double output_gate_f2(double gate_f, double pitch_f, double line_f) {
  const double strips = gate_f > line_f ? gate_f / pitch_f : std::ceil(gate_f / pitch_f);
  return strips * pitch_f * gate_height_f();
}

}  // namespace

double adc_output_gate_pitches(int bits) {
  const std::vector<double>& t = tables().output_gate_pitches;
  const size_t b = static_cast<size_t>(bits);
  if (b <= t.size()) return t[b - 1];
  return t.back() * std::pow(2.0, static_cast<double>(b - t.size()));  // twice the levels per bit
}

double adc_area_um2(const ArrayRequest& a, int node) {
  if (a.adc_resolution <= 0) return 0;
  const int mux = (a.cols + a.cols_active_at_once - 1) / a.cols_active_at_once;
  const int adcs = (a.cols + mux - 1) / mux;
  const double pitch = a.cell.width_f() * mux;
  const double gate = adc_output_gate_pitches(a.adc_resolution) * gate_pitch_f(node);
  const double comparator_f2 =
      tables().comparator_inverters * inverter_area_f2(node) + output_gate_f2(gate, pitch, adcs * pitch);
  const double f = feature_size_um(node);
  return adcs * (std::pow(2.0, a.adc_resolution) - 1) * comparator_f2 * f * f;
}

double adc_energy_pj(const ArrayRequest& a, int node) {
  if (a.adc_resolution <= 0) return 0;
  const std::vector<double>& c = tables().energy.at(node);
  const Size s = size(a.adc_resolution);
  const double v = supply_voltage(a, node);
  // Switching at the supply, plus a per-level reference independent of it.
  return v * v * (c[0] * s.comparators + c[1] * s.bits + c[2] * s.encoder + c[3]) + c[4] * (s.comparators - 1) +
         c[5] + c[6] * s.two_bit;
}

double adc_leakage_w(const ArrayRequest& a, int node) {
  if (a.adc_resolution <= 0) return 0;
  const std::vector<double>& c = tables().leakage.at(node);
  const Size s = size(a.adc_resolution);
  const double per_adc = c[0] * s.comparators + c[1] * s.bits + c[2] * s.encoder + c[3] * s.two_bit;
  return a.cols_active_at_once * supply_voltage(a, node) * per_adc;
}

}  // namespace cimloop::estimators::neurosim
