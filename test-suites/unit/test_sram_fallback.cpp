// Leave-one-out error of the analytical SRAM fallback over the shipped 45nm CACTI results:
// each point is predicted from a fit to the others. The bounds are the figures stated in
// README.md (section "Accelergy-compatible estimation"); the test prints the measured ones.
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "estimators/cacti/sram_power_law.hpp"

using namespace cimloop::estimators;

namespace {

struct Error {
  double mean = 0, max = 0;
};

Error leave_one_out(double SramPoint::*field) {
  std::vector<SramPoint> points = cacti_reference_points(45);
  Error e;
  for (size_t i = 0; i < points.size(); ++i) {
    std::vector<SramPoint> others = points;
    others.erase(others.begin() + static_cast<long>(i));
    double predicted = SramPowerLaw::fit(others).predict(points[i].width_bits, points[i].depth).*field;
    double relative = std::fabs(predicted / (points[i].*field) - 1);
    e.mean += relative / static_cast<double>(points.size());
    e.max = std::max(e.max, relative);
  }
  return e;
}

TEST(SramFallback, LeaveOneOutErrorWithinStatedBounds) {
  ASSERT_GE(cacti_reference_points(45).size(), 10u);
  struct Case {
    const char* name;
    double SramPoint::*field;
    double mean_bound, max_bound;
  } cases[] = {{"read", &SramPoint::read_pj, 0.17, 0.34},
               {"write", &SramPoint::write_pj, 0.10, 0.27},
               {"leak", &SramPoint::leak_mw, 0.05, 0.10},
               {"area", &SramPoint::area_um2, 0.08, 0.18}};
  for (const Case& c : cases) {
    Error e = leave_one_out(c.field);
    std::printf("SRAM fallback leave-one-out %-5s mean %.1f%% max %.1f%%\n", c.name, 100 * e.mean, 100 * e.max);
    EXPECT_LE(e.mean, c.mean_bound) << c.name;
    EXPECT_LE(e.max, c.max_bound) << c.name;
  }
}

TEST(SramFallback, FitReproducesPowerLawExactly) {
  std::vector<SramPoint> points;
  for (double w : {32.0, 64.0, 256.0}) {
    for (double d : {64.0, 1024.0}) {
      double v = 0.5 * std::pow(w, 1.1) * std::pow(d, 0.6);
      points.push_back({w, d, v, v, v, v});
    }
  }
  SramPoint p = SramPowerLaw::fit(points).predict(128, 512);
  EXPECT_NEAR(p.read_pj, 0.5 * std::pow(128, 1.1) * std::pow(512, 0.6), 1e-9 * p.read_pj);
}

}  // namespace
