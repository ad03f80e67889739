// Our models tree (examples/cim) describes the same macros as CiMLoop's: each macro, run at
// CiMLoop's quick_run point (maximum utilisation, ws_dummy_buffer_one_macro) through
// compat::cimloop::run_macro from our top.yaml.jinja2 and from CiMLoop's (the client kit's
// workspace), gives the same computes, cycles, cycle time, energy, area and per-component
// energies and areas. Both trees go through the same estimators, so estimator gaps against
// CiMLoop's reference runs do not matter here; a difference is a difference in description.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "compat/cimloop/macro_run.hpp"
#include "test-suites/golden/cimloop_runs.hpp"

namespace fs = std::filesystem;
using cimloop::compat::cimloop::MacroOutputStats;
using cimloop::compat::cimloop::MacroRunSpec;

namespace {

const fs::path kOurTop = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim" / "top.yaml.jinja2";
const fs::path kTheirTop = cimloop::golden::kCimloopWorkspace / "models" / "top.yaml.jinja2";

constexpr double kRelative = 1e-6;

// Our macros that CiMLoop's tree has too (with or without a reference run in
// ../shared/fixtures/cimloop-runs).
std::vector<std::string> our_macros() {
  return {"basic_analog",     "jia_jssc_2020",   "sinangil_jssc_2021",  "wang_vlsi_2022",   "raella_isca_2023",
          "isaac_isca_2016",  "wan_nature_2022", "colonnade_jssc_2021", "albireo_isca_2021"};
}

struct Point {
  std::string macro;
  std::map<std::string, std::string> jinja;      // beyond quick_run's
  std::map<std::string, std::string> overrides;  // variable overrides
  std::string label;
  std::map<std::string, std::string> their_overrides = {};  // what CiMLoop's tree lacks
};

// CiMLoop's isaac_isca_2016 does not declare itself a CiM architecture (its flow stops there
// with KeyError 'CIM_ARCHITECTURE', see the reference runs' README); ours does, so CiMLoop's
// tree is compared with the variable given.
std::map<std::string, std::string> missing_in_their_tree(const std::string& macro) {
  if (macro == "isaac_isca_2016") return {{"CIM_ARCHITECTURE", "True"}};
  return {};
}

std::vector<Point> points() {
  std::vector<Point> out;
  for (const std::string& macro : our_macros()) out.push_back({macro, {}, {}, macro, missing_in_their_tree(macro)});
  // Points of the macros' own tests that exercise other parts of the trees.
  out.push_back({"raella_isca_2023", {{"tile", "raella"}}, {}, "raella_isca_2023_in_its_tile"});
  out.push_back({"isaac_isca_2016", {{"tile", "isaac"}}, {}, "isaac_isca_2016_in_its_tile",
                 missing_in_their_tree("isaac_isca_2016")});
  out.push_back({"jia_jssc_2020", {}, {{"XNOR_ENCODE", "1"}, {"INPUT_BITS", "4"}}, "jia_jssc_2020_xnor_4b"});
  out.push_back({"sinangil_jssc_2021", {}, {{"VOLTAGE", "0.7"}}, "sinangil_jssc_2021_at_0_7V"});
  out.push_back({"wan_nature_2022", {}, {{"ONE_PHASE", "True"}}, "wan_nature_2022_one_phase"});
  out.push_back({"albireo_isca_2021", {}, {{"SCALING", "'conservative'"}}, "albireo_isca_2021_conservative"});
  return out;
}

void PrintTo(const Point& point, std::ostream* out) { *out << point.label; }

MacroOutputStats run(const fs::path& top, const Point& point, std::map<std::string, std::string> overrides) {
  MacroRunSpec spec = cimloop::compat::cimloop::quick_run(top.string(), point.macro, overrides);
  for (const auto& [name, value] : point.jinja) spec.jinja[name] = value;
  return cimloop::compat::cimloop::run_macro(spec).stats;
}

void expect_same(double ours, double theirs, const std::string& what) {
  EXPECT_LE(std::fabs(ours - theirs), kRelative * std::fabs(theirs) + 1e-30)
      << what << ": ours " << ours << ", CiMLoop's tree " << theirs;
}

using Breakdown = std::vector<std::pair<std::string, double>>;

void expect_same_breakdown(const Breakdown& ours, const Breakdown& theirs, const std::string& what) {
  ASSERT_EQ(ours.size(), theirs.size()) << what << ": different components";
  for (size_t i = 0; i < ours.size(); ++i) {
    ASSERT_EQ(ours[i].first, theirs[i].first) << what << " component " << i;
    expect_same(ours[i].second, theirs[i].second, what + " " + ours[i].first);
  }
}

class CimExamples : public testing::TestWithParam<Point> {};

TEST_P(CimExamples, DescribeTheSameMacroAsCimloopsTree) {
  CIMLOOP_REQUIRE_FIXTURES(cimloop::golden::kCimloopWorkspace);
  const Point& point = GetParam();
  const MacroOutputStats ours = run(kOurTop, point, point.overrides);
  std::map<std::string, std::string> their_overrides = point.overrides;
  their_overrides.insert(point.their_overrides.begin(), point.their_overrides.end());
  const MacroOutputStats theirs = run(kTheirTop, point, their_overrides);
  ASSERT_GT(theirs.energy(), 0) << point.label;
  expect_same(ours.computes, theirs.computes, point.label + " computes");
  expect_same(ours.cycles, theirs.cycles, point.label + " cycles");
  expect_same(ours.cycle_seconds, theirs.cycle_seconds, point.label + " cycle seconds");
  expect_same(ours.percent_utilization, theirs.percent_utilization, point.label + " utilization");
  expect_same(ours.energy(), theirs.energy(), point.label + " energy");
  expect_same(ours.area(), theirs.area(), point.label + " area");
  expect_same_breakdown(ours.per_component_energy, theirs.per_component_energy, point.label + " energy of");
  expect_same_breakdown(ours.per_component_area, theirs.per_component_area, point.label + " area of");
}

INSTANTIATE_TEST_SUITE_P(Macros, CimExamples, testing::ValuesIn(points()),
                         [](const testing::TestParamInfo<Point>& info) { return info.param.label; });

// Every macro with a reference run of CiMLoop's flow is one of ours.
TEST(CimExamples, CoverTheMacrosOfTheReferenceRuns) {
  CIMLOOP_REQUIRE_FIXTURES(cimloop::golden::kCimloopRuns);
  const std::vector<std::string> ours = our_macros();
  std::vector<std::string> runs = cimloop::golden::cimloop_default_runs();
  runs.push_back("isaac_isca_2016");  // test points only (tests.csv), no default run
  for (const std::string& macro : runs) {
    if (macro == "example_traditional") continue;  // CiMLoop's tutorial of a digital accelerator, not a CiM macro
    EXPECT_NE(std::find(ours.begin(), ours.end(), macro), ours.end()) << macro << " has no example of ours";
  }
}

}  // namespace
