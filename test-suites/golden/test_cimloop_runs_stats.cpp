// CiMLoop's numbers from CiMLoop's own specifications: each reference run of the real flow
// (../shared/fixtures/cimloop-runs: quick_run at default variables, results.json; and every
// quick_run test point of the macros' tests, tests.csv) repeated through our chain from the
// raw top.yaml.jinja2 (compat/cimloop/macro_run.hpp). Targets of the CiMLoop issue: TOPS,
// TOPS/W, TOPS/mm^2, energy per MAC, energy, area and every component's energy and area
// within 1% (a component CiMLoop gives 0 must be 0 up to 1e-9 of the total).
// CiMLoop's mapper is a random search that may stop short of the best mapping; where our
// search finds a mapping more than 1% better in CiMLoop's metric (EDP), the numbers that
// depend on the mapping cannot agree: the run must then be better, its mapping-independent
// numbers (areas, cycle time, computes) must agree, and CiMLoop's own mapping, where the run
// kept it (map.yaml), must give CiMLoop's numbers through our chain.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "compat/cimloop/macro_run.hpp"
#include "estimators/csv.hpp"
#include "test-suites/golden/cimloop_runs.hpp"

namespace fs = std::filesystem;
using cimloop::compat::cimloop::MacroOutputStats;

namespace {

const std::string kTop = (cimloop::golden::kCimloopWorkspace / "models" / "top.yaml.jinja2").string();

double value_of(const std::vector<std::pair<std::string, double>>& values, const std::string& name) {
  for (const auto& [key, value] : values)
    if (key == name) return value;
  return 0;
}

// The quantity of CiMLoop's MacroOutputStats named `name` (results.json / tests.csv keys).
std::optional<double> quantity(const MacroOutputStats& s, const std::string& name) {
  const double one_bit = s.one_bit_scale();
  const std::map<std::string, double> values = {
      {"tops", s.tops()}, {"tops_per_w", s.tops_per_w()}, {"tops_per_mm2", s.tops_per_mm2()},
      {"tops_1b", s.tops() * one_bit}, {"tops_per_w_1b", s.tops_per_w() * one_bit},
      {"tops_per_mm2_1b", s.tops_per_mm2() * one_bit}, {"energy", s.energy()}, {"area", s.area()},
      {"computes", s.computes}, {"computes_1b", s.computes * one_bit}, {"cycles", s.cycles},
      {"cycle_seconds", s.cycle_seconds}, {"latency", s.latency()}, {"percent_utilization", s.percent_utilization},
      {"energy_per_mac_fJ", s.energy_per_mac_fj()}};
  if (const auto found = values.find(name); found != values.end()) return found->second;
  if (name.rfind("energy_model_only:", 0) == 0) return value_of(s.per_component_energy, name.substr(18));
  if (name.rfind("area_model_only:", 0) == 0) return value_of(s.per_component_area, name.substr(16));
  return std::nullopt;
}

// Quantities that do not depend on the mapping.
bool mapping_independent(const std::string& name) {
  return name == "area" || name == "computes" || name == "computes_1b" || name == "cycle_seconds" ||
         name.rfind("area_model_only:", 0) == 0;
}

double edp(double energy, double cycles) { return energy * cycles; }

bool within(double ours, double reference, double scale) {
  return std::fabs(ours - reference) <= 0.01 * std::fabs(reference) + 1e-9 * std::fabs(scale);
}

void expect_value(double ours, double reference, double scale, const std::string& what) {
  EXPECT_TRUE(within(ours, reference, scale)) << what << ": ours " << ours << ", CiMLoop " << reference << " ("
                                              << (ours / reference - 1) * 100 << "%)";
}

double scale_of(const MacroOutputStats& s, const std::string& name) {
  return name.find("area") != std::string::npos ? s.area() : s.energy();
}

void expect_close(const MacroOutputStats& s, const std::string& name, double reference, const std::string& where) {
  const std::optional<double> ours = quantity(s, name);
  ASSERT_TRUE(ours.has_value()) << where << ": unknown quantity " << name;
  expect_value(*ours, reference, scale_of(s, name), where + " " + name);
}

class CimloopDefaultRun : public testing::TestWithParam<std::string> {};

// Every results.json quantity of `reference` (skipping mapping-dependent ones if asked).
void expect_results(const MacroOutputStats& s, const YAML::Node& reference, const std::string& where,
                    bool only_mapping_independent) {
  for (const char* name : {"tops", "tops_per_w", "tops_per_mm2", "energy_per_mac_fJ", "energy", "area", "computes",
                           "cycles", "cycle_seconds", "percent_utilization"})
    if (!only_mapping_independent || mapping_independent(name)) expect_close(s, name, reference[name].as<double>(), where);
  if (!only_mapping_independent)
    for (const auto& entry : reference["per_component_energy"]) {
      if (entry.first.Scalar().find("<==>") != std::string::npos) continue;  // networks: no energy
      expect_close(s, "energy_model_only:" + entry.first.Scalar(), entry.second.as<double>(), where);
    }
  for (const auto& entry : reference["per_component_area"]) {
    if (entry.first.Scalar().find("<==>") != std::string::npos) continue;
    expect_close(s, "area_model_only:" + entry.first.Scalar(), entry.second.as<double>(), where);
  }
}

TEST_P(CimloopDefaultRun, GivesCimloopsNumbers) {
  CIMLOOP_REQUIRE_FIXTURES(cimloop::golden::kCimloopRuns);
  CIMLOOP_REQUIRE_FIXTURES(cimloop::golden::kCimloopWorkspace);
  const std::string macro = GetParam();
  const YAML::Node reference = YAML::LoadFile((cimloop::golden::cimloop_run(macro) / "results.json").string());
  auto spec = cimloop::compat::cimloop::quick_run(kTop, macro);
  const MacroOutputStats s = cimloop::compat::cimloop::run_macro(spec).stats;
  const double reference_edp = edp(reference["energy"].as<double>(), reference["cycles"].as<double>());
  const bool better = edp(s.energy(), s.cycles) < 0.99 * reference_edp;
  expect_results(s, reference, macro, better);
  spec.mapping_file = (cimloop::golden::cimloop_run(macro) / "timeloop-mapper.map.yaml").string();
  expect_results(cimloop::compat::cimloop::run_macro(spec).stats, reference, macro + " on CiMLoop's mapping", false);
}

INSTANTIATE_TEST_SUITE_P(Runs, CimloopDefaultRun, testing::ValuesIn(cimloop::golden::cimloop_default_runs()));

// The quick_run test points of one test of a macro (run_layer tests, on DNN layers, are not
// quick runs and are left out), with the Jinja variables the test passes beside `variables`.
struct TestPoint {
  std::map<std::string, std::string> overrides;
  std::vector<std::pair<std::string, double>> quantities;
};

std::map<std::string, TestPoint> quick_run_points(const std::string& macro, const std::string& test) {
  std::map<std::string, TestPoint> points;
  const auto lines = cimloop::estimators::read_csv((cimloop::golden::kCimloopRuns / macro / "tests.csv").string());
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto& f = lines[i].fields;  // macro, test, point, variables, quantity, cimloop_value, published_value
    if (f.size() < 6 || f[1] != test || f[5].empty()) continue;
    TestPoint& point = points[f[2]];
    if (point.overrides.empty())
      for (const auto& entry : YAML::Load(f[3])) point.overrides[entry.first.Scalar()] = entry.second.Scalar() == "false" ? "False" : entry.second.Scalar() == "true" ? "True" : entry.second.Scalar();
    char* end = nullptr;
    const double value = std::strtod(f[5].c_str(), &end);
    if (*end == '\0') point.quantities.emplace_back(f[4], value);
  }
  return points;
}

struct MacroTest {
  std::string macro, test;
  std::map<std::string, std::string> jinja;  // the test's other quick_run arguments
  // Components the test combines into "TOPS Components", from which it recomputes the 1-bit
  // TOPS/W and TOPS/mm^2 (as jia_jssc_2020's test_tops does).
  std::vector<std::string> tops_components = {};
};

// The quantity as the test reports it after its own post-processing.
std::optional<double> test_quantity(const MacroOutputStats& s, const MacroTest& t, const std::string& name) {
  if (t.tops_components.empty()) return quantity(s, name);
  const double energy = s.energy_of(t.tops_components), area = s.area_of(t.tops_components);
  if (name == "energy_model_only:TOPS Components") return energy;
  if (name == "area_model_only:TOPS Components") return area;
  if (name == "tops_per_w_1b") return 2 * s.computes / energy / 1e12;
  if (name == "tops_per_mm2_1b") return s.tops() / area / 1e6;
  return quantity(s, name);
}

std::vector<MacroTest> quick_run_tests() {
  return {{"example_traditional", "test_area_energy_breakdown", {}},
          {"jia_jssc_2020", "test_area_breakdown", {}},
          {"jia_jssc_2020", "test_energy_breakdown", {}},
          {"jia_jssc_2020", "test_tops", {},
           {"row_drivers", "cim_unit", "adc", "column_drivers", "bitcell_capacitor", "weight_drivers"}},
          {"jia_jssc_2020", "test_tops_bits_scaling", {}},
          {"raella_isca_2023", "test_energy_breakdown", {{"tile", "raella"}}},
          {"sinangil_jssc_2021", "test_area_breakdown", {}},
          {"sinangil_jssc_2021", "test_exploration", {}},
          {"sinangil_jssc_2021", "test_output_value_energy_scaling", {}},
          {"sinangil_jssc_2021", "test_tops", {}},
          {"sinangil_jssc_2021", "test_voltage_scaling", {}},
          {"wang_vlsi_2022", "test_area_breakdown", {}},
          {"wang_vlsi_2022", "test_energy_breakdown", {}},
          {"wang_vlsi_2022", "test_tops", {}},
          {"wang_vlsi_2022", "test_voltage_scaling", {}}};
}

class CimloopTestPoints : public testing::TestWithParam<MacroTest> {};

TEST_P(CimloopTestPoints, GiveCimloopsNumbers) {
  CIMLOOP_REQUIRE_FIXTURES(cimloop::golden::kCimloopRuns);
  CIMLOOP_REQUIRE_FIXTURES(cimloop::golden::kCimloopWorkspace);
  const MacroTest& t = GetParam();
  const auto points = quick_run_points(t.macro, t.test);
  ASSERT_FALSE(points.empty()) << t.macro << " " << t.test << " has no points in tests.csv";
  for (const auto& [index, point] : points) {
    auto spec = cimloop::compat::cimloop::quick_run(kTop, t.macro, point.overrides);
    for (const auto& [name, value] : t.jinja) spec.jinja[name] = value;
    const MacroOutputStats s = cimloop::compat::cimloop::run_macro(spec).stats;
    const std::string where = t.macro + " " + t.test + " point " + index;
    double energy = 0, cycles = 0;
    for (const auto& [name, value] : point.quantities) {
      if (name == "energy") energy = value;
      if (name == "cycles") cycles = value;
    }
    ASSERT_GT(energy * cycles, 0) << where << ": no energy or cycles in tests.csv";
    const bool better = edp(s.energy(), s.cycles) < 0.99 * edp(energy, cycles);
    for (const auto& [name, value] : point.quantities) {
      if (better && !mapping_independent(name)) continue;
      const std::optional<double> ours = test_quantity(s, t, name);
      if (!ours) continue;  // bookkeeping columns (bits, per-second and per-joule rates)
      expect_value(*ours, value, scale_of(s, name), where + " " + name);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Tests, CimloopTestPoints, testing::ValuesIn(quick_run_tests()),
                         [](const testing::TestParamInfo<MacroTest>& info) { return info.param.macro + "_" + info.param.test; });

}  // namespace
