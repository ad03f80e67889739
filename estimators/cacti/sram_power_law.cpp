#include "estimators/cacti/sram_power_law.hpp"

#include <cmath>

#include <yaml-cpp/yaml.h>

#include "estimators/estimator.hpp"

namespace cimloop::estimators {
namespace {

// Solves the 3x3 normal equations of ln y = c0 + c1 x1 + c2 x2 by Gaussian elimination.
std::array<double, 3> least_squares(const std::vector<SramPoint>& points, double SramPoint::*field) {
  double m[3][4] = {};
  for (const SramPoint& p : points) {
    double x[3] = {1, std::log(p.width_bits), std::log(p.depth)};
    double y = std::log(p.*field);
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) m[i][j] += x[i] * x[j];
      m[i][3] += x[i] * y;
    }
  }
  for (int col = 0; col < 3; ++col) {
    int pivot = col;
    for (int r = col + 1; r < 3; ++r) {
      if (std::fabs(m[r][col]) > std::fabs(m[pivot][col])) pivot = r;
    }
    std::swap(m[col], m[pivot]);
    for (int r = 0; r < 3; ++r) {
      if (r == col || m[col][col] == 0) continue;
      double f = m[r][col] / m[col][col];
      for (int c = col; c < 4; ++c) m[r][c] -= f * m[col][c];
    }
  }
  std::array<double, 3> c{};
  for (int i = 0; i < 3; ++i) c[i] = m[i][i] == 0 ? 0 : m[i][3] / m[i][i];
  return c;
}

double power_law(const std::array<double, 3>& c, double w, double d) {
  return std::exp(c[0] + c[1] * std::log(w) + c[2] * std::log(d));
}

}  // namespace

SramPowerLaw SramPowerLaw::fit(const std::vector<SramPoint>& points) {
  SramPowerLaw law;
  law.read_ = least_squares(points, &SramPoint::read_pj);
  law.write_ = least_squares(points, &SramPoint::write_pj);
  law.leak_ = least_squares(points, &SramPoint::leak_mw);
  law.area_ = least_squares(points, &SramPoint::area_um2);
  return law;
}

SramPoint SramPowerLaw::predict(double w, double d) const {
  return {w, d, power_law(read_, w, d), power_law(write_, w, d), power_law(leak_, w, d), power_law(area_, w, d)};
}

std::vector<SramPoint> cacti_reference_points(double tech_nm) {
  std::vector<SramPoint> points;
  YAML::Node root = load_data_file("cacti_sram.yaml");
  for (const YAML::Node& r : root["rows"]) {
    if (r[0].as<double>() != tech_nm || r[3].as<int>() != 1 || r[4].as<int>() != 1) continue;
    if (r[5].IsNull() || r[6].IsNull() || r[7].IsNull() || r[8].IsNull()) continue;
    double block = r[2].as<double>(), size = r[1].as<double>();
    points.push_back({block * 8, size / block, r[5].as<double>() * 1e3, r[6].as<double>() * 1e3,
                      r[7].as<double>(), r[8].as<double>() * 1e6});
  }
  return points;
}

}  // namespace cimloop::estimators
