#include "estimators/analog/ladder_dac.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "estimators/plug_in_interface/python_estimator.hpp"

namespace cimloop::estimators {
namespace {

// Codes are enumerated one by one, as the plug-in does; beyond this the Python would not
// finish either.
constexpr long long kMaxResolution = 24;

// The bits of `code`, most significant first, at least `resolution` of them.
std::vector<int> value_bits(long long code, long long resolution) {
  std::vector<int> bits;
  for (long long v = code; v > 0; v >>= 1) bits.insert(bits.begin(), static_cast<int>(v & 1));
  if (bits.empty()) bits.push_back(0);
  while (static_cast<long long>(bits.size()) < resolution) bits.insert(bits.begin(), 0);
  return bits;
}

}  // namespace

LadderDac::LadderDac(const LadderDacParameters& p) : p_(p) {
  if (p.resolution < 0 || p.resolution > kMaxResolution) {
    throw PythonError("DAC resolution " + std::to_string(p.resolution) + " is outside 0.." +
                      std::to_string(kMaxResolution) + " bits");
  }
}

// The tridiagonal system [4 -2; -2 5 -2; ...; -2 3] V = bits x voltage, eliminated upwards
// and then downwards exactly as the plug-in writes it.
std::vector<double> LadderDac::node_voltages(long long code) const {
  std::vector<int> bits = value_bits(code, p_.resolution);
  std::reverse(bits.begin(), bits.end());  // least significant first
  const size_t n = bits.size();
  std::vector<double> lhs;
  for (int bit : bits) lhs.push_back(bit * p_.voltage);
  std::vector<std::array<double, 3>> m = {{0, 4, -2}};
  for (size_t i = 0; i + 2 < n; ++i) m.push_back({-2, 5, -2});
  m.push_back({-2, 3, 0});
  for (long long i = static_cast<long long>(n) - 2; i >= 0; --i) {
    const double mult = python_divide(m[i][2], m[i + 1][1]);
    m[i][1] -= m[i + 1][0] * mult;
    m[i][2] -= m[i + 1][1] * mult;
    lhs[i] -= lhs[i + 1] * mult;
    lhs[i] = python_divide(lhs[i], m[i][1]);
    const double pivot = m[i][1];
    for (double& x : m[i]) x = python_divide(x, pivot);
  }
  for (size_t i = 0; i + 1 < n; ++i) {
    const double mult = python_divide(m[i + 1][0], m[i][1]);
    m[i + 1][0] -= m[i][1] * mult;
    m[i + 1][1] -= m[i][2] * mult;
    lhs[i + 1] -= lhs[i] * mult;
  }
  for (size_t i = 0; i < n; ++i) lhs[i] = python_divide(lhs[i], m[i][1]);
  std::reverse(lhs.begin(), lhs.end());
  return lhs;
}

double LadderDac::code_energy(long long code) const {
  const std::vector<int> bits = value_bits(code, p_.resolution);
  const std::vector<double> nodes = node_voltages(code);
  double current = 0;
  for (size_t i = 0; i < bits.size(); ++i) current += (p_.voltage - nodes[i]) * (bits[i] != 0 ? 1 : 0);
  return current * p_.voltage * p_.unit_x;
}

std::vector<double> LadderDac::code_histogram() const {
  if (!p_.hist) throw PythonError("TypeError: object of type 'NoneType' has no len() (the DAC needs hist)");
  const std::vector<double>& hist = *p_.hist;
  if (hist.empty()) throw PythonError("IndexError: list index out of range (hist is empty)");
  const size_t codes = size_t{1} << p_.resolution;
  std::vector<double> out(codes, 0.0), pruned = hist;
  const size_t middle = hist.size() / 2, new_middle = codes / 2;
  const double width_scale = static_cast<double>(hist.size()) / static_cast<double>(codes);
  for (auto [from, to] : {std::pair<size_t, size_t>{0, 0}, {middle, new_middle}}) {
    out[to] = pruned[from] / std::min(width_scale, 1.0);
    pruned[from] = 0;
  }
  const double last = static_cast<double>(pruned.size()) - 1;
  for (size_t i = 0; i < codes; ++i) {
    if (i == new_middle || i == 0) continue;
    const double loc = static_cast<double>(i) / static_cast<double>(codes) * last;
    if (width_scale > 1) {
      const double start = std::floor(loc);
      const double end = std::min(std::ceil(start + width_scale), last);
      for (double j = start; j < end; ++j) out[i] += pruned[static_cast<size_t>(j)];
    } else {
      const double porp = loc - std::floor(loc);
      out[i] += pruned[static_cast<size_t>(std::floor(loc))] * (1 - porp);
      out[i] += pruned[static_cast<size_t>(std::ceil(loc))] * porp;
    }
  }
  return out;
}

double LadderDac::convert(bool ignore_controller_energy) const {
  const std::vector<double> codes = code_histogram();
  double energy = 0, total = 0;
  for (size_t code = 0; code < codes.size(); ++code) energy += code_energy(static_cast<long long>(code)) * codes[code];
  for (double p : codes) total += p;
  energy = python_divide(energy, total);
  return ignore_controller_energy ? energy : energy + controller_energy();
}

double LadderDac::controller_energy() const {
  return std::pow(p_.voltage * p_.technology, 2) * static_cast<double>(p_.resolution) * 8e-17 * p_.controller_energy_scale;
}

double r2r_convert_energy(const LadderDac& dac, double action_latency_cycles, double cycle_seconds) {
  const double latency = action_latency_cycles * cycle_seconds;
  const double power = dac.convert(true);
  return power * latency + dac.controller_energy();
}

double r2r_area(double resolution, double unit_resistance, double technology, double area_scale) {
  const double m2_per_ohm = 0.7e-14 * std::pow(technology / 22, 2) * area_scale;
  return m2_per_ohm * resolution * unit_resistance;
}

}  // namespace cimloop::estimators
