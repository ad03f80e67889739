#pragma once
// Analytical SRAM fallback: per quantity, ln y = c0 + c1 ln(width_bits) + c2 ln(depth),
// least-squares fitted to raw CACTI results. Used only for SRAMs outside the shipped CACTI
// table; its leave-one-out error is measured in test-suites/unit/test_sram_fallback.cpp.
#include <array>
#include <vector>

namespace cimloop::estimators {

struct SramPoint {
  double width_bits = 0, depth = 0;    // CACTI geometry (after the plug-in's fix-up)
  double read_pj = 0, write_pj = 0;    // raw CACTI energies
  double leak_mw = 0, area_um2 = 0;    // raw CACTI leakage (all banks) and area
};

class SramPowerLaw {
 public:
  // Needs at least three points with distinct geometry.
  static SramPowerLaw fit(const std::vector<SramPoint>& points);
  SramPoint predict(double width_bits, double depth) const;

 private:
  using Coefficients = std::array<double, 3>;
  Coefficients read_{}, write_{}, leak_{}, area_{};
};

// Raw CACTI rows shipped in data/cacti_sram.yaml at `tech_nm` with one port and one bank and
// all four outputs present.
std::vector<SramPoint> cacti_reference_points(double tech_nm);

}  // namespace cimloop::estimators
