#include "estimators/cim/technology_scaling.hpp"

#include <array>
#include <cmath>

#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

namespace {

// Stillmaker & Baas (2017) factors, numbers as quoted in the CiMLoop study §3.5.
constexpr std::array<double, 10> kNodes = {130, 90, 65, 45, 32, 20, 16, 14, 10, 7};

constexpr double kArea[10][10] = {
    {1, .44, .23, .16, .072, .033, .03, .027, .016, .0092},
    {2.3, 1, .53, .35, .16, .075, .067, .061, .036, .021},
    {4.3, 1.9, 1, .66, .31, .14, .13, .12, .068, .039},
    {6.4, 2.8, 1.5, 1, .46, .21, .19, .17, .1, .059},
    {14, 6.1, 3.3, 2.2, 1, .46, .41, .38, .22, .13},
    {30, 13, 7.1, 4.7, 2.2, 1, .89, .82, .48, .28},
    {34, 15, 7.9, 5.3, 2.4, 1.1, 1, .91, .54, .31},
    {37, 16, 8.7, 5.8, 2.7, 1.2, 1.1, 1, .59, .34},
    {63, 28, 15, 9.8, 4.5, 2.1, 1.9, 1.7, 1, .58},
    {110, 48, 25, 17, 7.8, 3.6, 3.2, 2.9, 1.7, 1},
};

// Energy per node: q = a V^2 + b V + c evaluated at 0.8 V.
constexpr double kEnergyPoly[10][3] = {
    {7.171, -6.709, 2.904},    {4.762, -4.781, 2.092},   {3.755, -4.398, 1.975},
    {1.103, -0.362, 0.2767},   {0.9559, -0.7823, 0.471}, {0.373, -0.1582, 0.04104},
    {0.2958, -0.1241, 0.03024}, {0.2363, -0.09675, 0.02239}, {0.2068, -0.09311, 0.02375},
    {0.1776, -0.09097, 0.02447},
};

// Fractional index of `nm` in kNodes (descending); outside the table it is clamped and
// the caller extrapolates.
double node_index(double nm) {
  if (!(nm > 0)) throw InputError("technology must be a positive node in nm");
  if (nm >= kNodes.front()) return 0;
  if (nm <= kNodes.back()) return kNodes.size() - 1;
  for (size_t i = 0; i + 1 < kNodes.size(); ++i) {
    if (nm <= kNodes[i] && nm >= kNodes[i + 1])
      return i + (kNodes[i] - nm) / (kNodes[i] - kNodes[i + 1]);
  }
  return 0;
}

double energy_q(double index) {
  auto q = [](int i) {
    const double v = 0.8;
    return kEnergyPoly[i][0] * v * v + kEnergyPoly[i][1] * v + kEnergyPoly[i][2];
  };
  const int lo = static_cast<int>(std::floor(index));
  const int hi = std::min<int>(lo + 1, kNodes.size() - 1);
  const double t = index - lo;
  return q(lo) * (1 - t) + q(hi) * t;
}

// Outside 7..130 nm: area follows the node ratio, energy its square root.
double clamp_node(double nm) { return std::min(std::max(nm, kNodes.back()), kNodes.front()); }

}  // namespace

double area_scale(double from_nm, double to_nm) {
  const double fi = node_index(from_nm), ti = node_index(to_nm);
  auto at = [](int r, int c) { return kArea[r][c]; };
  const int r0 = static_cast<int>(std::floor(fi)), c0 = static_cast<int>(std::floor(ti));
  const int r1 = std::min<int>(r0 + 1, 9), c1 = std::min<int>(c0 + 1, 9);
  const double rt = fi - r0, ct = ti - c0;
  const double top = at(r0, c0) * (1 - ct) + at(r0, c1) * ct;
  const double bottom = at(r1, c0) * (1 - ct) + at(r1, c1) * ct;
  const double inside = top * (1 - rt) + bottom * rt;
  const double outside = (to_nm / clamp_node(to_nm)) / (from_nm / clamp_node(from_nm));
  return inside * outside;
}

double energy_scale(double from_nm, double to_nm) {
  const double inside = energy_q(node_index(to_nm)) / energy_q(node_index(from_nm));
  const double outside =
      std::sqrt((to_nm / clamp_node(to_nm)) / (from_nm / clamp_node(from_nm)));
  return inside * outside;
}

double voltage_energy_scale(double from_volts, double to_volts) {
  if (!(from_volts > 0) || !(to_volts > 0)) throw InputError("voltage must be positive");
  const double r = to_volts / from_volts;
  return r * r;
}

}  // namespace cimloop::estimators::cim
