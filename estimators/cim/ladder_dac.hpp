#pragma once
// R-2R and C-2C ladder DACs (CiMLoop spec §2.4-6; Wang et al., JSSC 2023): the ladder's
// nodal equations give the supply current per code; energy is averaged over the operand
// PMF resampled to 2^resolution codes.
#include <vector>

namespace cimloop::estimators::cim {

enum class LadderType { r2r, c2c };

struct LadderDacParameters {
  LadderType type = LadderType::r2r;
  int resolution = 8;
  double voltage = 1;
  double technology_nm = 22;
  double unit_resistance_ohm = 5e3;    // R-2R
  double unit_capacitance_f = 1e-12;   // C-2C
  double cycle_seconds = 1e-9;         // R-2R conducts for one cycle per conversion
  std::vector<double> value_pmf;       // over 0..L-1 (non-negative values)
};

struct LadderDacEstimate {
  double ladder_energy_pj = 0;      // expected ladder energy per conversion
  double controller_energy_pj = 0;  // (V T)^2 x res x 8e-17 J
  double area_um2 = 0;              // ladder only
};

LadderDacEstimate estimate_ladder_dac(const LadderDacParameters& p);

// Supply current sum_{bits on} (V - V_node) for one code, in units of V (the ladder's
// normalised conductances); exposed for tests.
double ladder_supply_current(int code, int resolution, double voltage);

// Resamples a PMF over L levels onto `codes` levels: level 0 maps exactly; up-sampling
// interpolates linearly, down-sampling sums into the nearest code. Sums to 1.
std::vector<double> resample_pmf(const std::vector<double>& pmf, int codes);

}  // namespace cimloop::estimators::cim
