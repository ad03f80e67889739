// The exactly-calibrated photonic component tables (cimloop-spec §3.6, §7.6: hard-fail):
// every Albireo (7 nm, three device scenarios) and Lightning (65 nm) entry, looked up at its
// own node, so no scaling applies.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "estimators/cim/component_table.hpp"

using namespace cimloop::estimators::cim;

namespace {

TableEstimate lookup(const std::string& cls, const std::string& action, double technology,
                     const std::string& scaling = "", double cycle_seconds = 1) {
  TableQuery q;
  q.class_name = cls;
  q.action = action;
  q.numeric_attributes["technology"] = technology;
  if (!scaling.empty()) q.text_attributes["scaling"] = scaling;
  q.cycle_seconds = cycle_seconds;
  return builtin_component_tables().estimate(q);
}

struct ScenarioRow {
  const char* cls;
  const char* action;
  double conservative, moderate, aggressive;  // pJ per action, or power in pJ/s for leak
  double area_um2;
};

}  // namespace

TEST(CimPhotonicTables, AlbireoScenarios) {
  const ScenarioRow rows[] = {
      {"albireo_tia", "convert", 0.6, 0.3, 0.0375, 2769},
      {"dac_albireo", "convert", 5.2, 2.6, 0.325, 153},
      {"albireo_mrr", "leak", 3.1e9, 0.388e9, 0.155e9, 410},
      {"albireo_mzm", "leak", 11.3e9, 1.41e9, 0.565e9, 15066},
      {"albireo_laser", "leak", 1.94e9, 0.0713e9, 0.0713e9, 6153},
  };
  for (const auto& row : rows) {
    const double expected[] = {row.conservative, row.moderate, row.aggressive};
    const char* scenarios[] = {"conservative", "moderate", "aggressive"};
    for (int i = 0; i < 3; ++i) {
      const TableEstimate e = lookup(row.cls, row.action, 7, scenarios[i]);
      EXPECT_DOUBLE_EQ(e.energy_pj, expected[i]) << row.cls << " " << scenarios[i];
      EXPECT_DOUBLE_EQ(e.area_um2, row.area_um2) << row.cls;
    }
  }
  // Rings, modulators and lasers only burn static power; converters do not leak.
  EXPECT_EQ(lookup("albireo_mrr", "read", 7, "moderate").energy_pj, 0);
  EXPECT_EQ(lookup("albireo_laser", "read", 7, "aggressive").energy_pj, 0);
  EXPECT_EQ(lookup("dac_albireo", "leak", 7, "conservative").energy_pj, 0);
  // A leak row holds power: over a 0.2 ns cycle, 11.3 mW is 2.26 pJ.
  EXPECT_DOUBLE_EQ(lookup("albireo_mzm", "leak", 7, "conservative", 0.2e-9).energy_pj, 11.3e9 * 0.2e-9);
}

TEST(CimPhotonicTables, AlbireoScenarioFreeParts) {
  EXPECT_DOUBLE_EQ(lookup("albireo_sram", "read", 7).energy_pj, 0.435);
  EXPECT_DOUBLE_EQ(lookup("albireo_sram", "write", 7).energy_pj, 0.435);
  EXPECT_DOUBLE_EQ(lookup("albireo_sram", "read", 7).area_um2, 637952);
  EXPECT_DOUBLE_EQ(lookup("albireo_awg", "read", 7).area_um2, 1108089);
  EXPECT_DOUBLE_EQ(lookup("albireo_star_coupler", "read", 7).area_um2, 262500);
  EXPECT_DOUBLE_EQ(lookup("albireo_photodiode", "read", 7).area_um2, 9230);
  for (const char* cls : {"albireo_awg", "albireo_star_coupler", "albireo_photodiode"})
    EXPECT_EQ(lookup(cls, "read", 7).energy_pj, 0) << cls;
}

TEST(CimPhotonicTables, Lightning) {
  const struct {
    const char* cls;
    const char* action;
    double energy_pj, area_um2;
  } rows[] = {
      {"dac_lightning", "convert", 0.793, 580000},
      {"adc_lightning", "convert", 0.773, 580000},
      {"lightning_photodiode", "write", 3.99e-5, 32},
      {"lightning_modulator", "read", 3.99e-5, 2.5e6},
      {"lightning_laser", "read", 3.99e-5, 10000},
      {"lightning_sram", "read", 0.191, 129000},
      {"lightning_io", "read", 0.092, 8600},
      {"lightning_hbm", "read", 836, 8.11e7},
  };
  for (const auto& row : rows) {
    const TableEstimate e = lookup(row.cls, row.action, 65);
    EXPECT_DOUBLE_EQ(e.energy_pj, row.energy_pj) << row.cls;
    EXPECT_DOUBLE_EQ(e.area_um2, row.area_um2) << row.cls;
  }
}

TEST(CimPhotonicTables, DepthScalesAreaLinearlyAndEnergyByTheCactiFit) {
  TableQuery q;
  q.class_name = "albireo_sram";
  q.action = "read";
  q.numeric_attributes = {{"technology", 7}, {"width", 64}, {"depth", 4096}};
  const TableEstimate e = builtin_component_tables().estimate(q);
  EXPECT_DOUBLE_EQ(e.area_um2, 637952.0 / 64);
  EXPECT_NEAR(e.energy_pj, 0.435 * std::pow(1.0 / 64, 0.78), 1e-15);
}
