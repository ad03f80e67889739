// cimloop-explore's core: the sweep file's points and units, the content cache (an extended
// grid recomputes only its new units), the table's independence of thread count, task split
// and cache state, and the errors for bad sweep files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compat/cimloop/sweep_run.hpp"
#include "compat/cimloop/sweep_table.hpp"
#include "src/common/error.hpp"

namespace {

namespace fs = std::filesystem;
using namespace cimloop::compat::cimloop;

const std::string kTop = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/top.yaml.jinja2";

class ExploreSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("cimloop-explore-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  std::string sweep_file(const std::string& axes, const std::string& name = "sweep.yaml") {
    const fs::path path = folder_ / name;
    std::ofstream(path) << "specification:\n  top: " << kTop
                        << "\n  variables: {macro: basic_analog, system: ws_dummy_buffer_many_macro}\n"
                        << "workloads: [{layer: resnet18/20, name: tiny}, {layer: resnet18/05, name: tiny}]\n"
                        << "analysis: {conversion: [adc, row_drivers]}\n"
                        << axes;
    return path.string();
  }

  // Runs every unit (on `threads` threads, into `cache`) and returns the CSV and JSONL bytes.
  std::string table(const SweepPlan& plan, const std::string& cache, int threads, RunSummary* summary = nullptr) {
    const SweepCache store(plan, cache);
    std::vector<std::size_t> units(plan.unit_count());
    for (std::size_t u = 0; u < units.size(); ++u) units[u] = u;
    const RunSummary run = run_units(plan, store, units, threads, false);
    if (summary) *summary = run;
    const std::vector<TableRow> rows = sweep_rows(plan, cached_measures(plan, store));
    return format_csv(rows) + format_json_lines(rows);
  }

  fs::path folder_;
};

TEST_F(ExploreSweep, CrossesAxesAndZipsGroups) {
  const SweepPlan plan = read_sweep(sweep_file(
      "axes:\n  - {name: size, set: [ARRAY_ROWS, ARRAY_COLUMNS], values: [32, 64]}\n"
      "  - zip: [{set: VOLTAGE, values: [0.8, 1.0]}, {var: iso, values: [basic_analog, sinangil_jssc_2021]}]\n"));
  ASSERT_EQ(plan.points.size(), 4u);
  EXPECT_EQ(plan.unit_count(), 8u);
  EXPECT_EQ(plan.axis_names, (std::vector<std::string>{"size", "VOLTAGE", "iso"}));
  EXPECT_EQ(plan.points[1].overrides.at("ARRAY_ROWS"), "32");
  EXPECT_EQ(plan.points[1].overrides.at("ARRAY_COLUMNS"), "32");
  EXPECT_EQ(plan.points[1].overrides.at("VOLTAGE"), "1.0");
  EXPECT_EQ(plan.points[1].jinja.at("iso"), "sinangil_jssc_2021");
  EXPECT_EQ(plan.points[2].overrides.at("ARRAY_ROWS"), "64");
  const MacroRunSpec spec = plan.unit_spec(3);
  EXPECT_EQ(spec.jinja.at("layer"), "resnet18/05");
  EXPECT_EQ(spec.jinja.at("macro"), "basic_analog");
  EXPECT_EQ(spec.threads, 1);
}

TEST_F(ExploreSweep, NetworkFolderGivesEveryLayerAndANetworkRow) {
  std::ofstream(folder_ / "net.yaml") << "specification: {top: " << kTop << ", variables: {macro: basic_analog}}\n"
                                      << "workloads: [{dnn: resnet18}]\n";
  const SweepPlan plan = read_sweep((folder_ / "net.yaml").string());
  ASSERT_EQ(plan.layers.size(), 21u);
  EXPECT_EQ(plan.layers.front().name, "00");
  EXPECT_EQ(plan.layers.front().dnn, "resnet18");
  EXPECT_EQ(plan.unit_spec(20).jinja.at("layer"), "resnet18/20");
}

TEST_F(ExploreSweep, WithoutWorkloadsTheSpecificationsOwnIsOneUnitPerPoint) {
  const std::string eyeriss = std::string(CIMLOOP_SOURCE_DIR) + "/examples/eyeriss_like/";
  std::ofstream(folder_ / "plain.yaml") << "specification: {files: [" << eyeriss << "arch.yaml, " << eyeriss
                                        << "problem.yaml]}\nmapper: {search_size: 200, victory_condition: 20}\n";
  const SweepPlan plan = read_sweep((folder_ / "plain.yaml").string());
  ASSERT_EQ(plan.unit_count(), 1u);
  EXPECT_EQ(plan.unit_spec(0).jinja.count("layer"), 0u);
  const std::string csv = table(plan, (folder_ / "cache").string(), 1);
  EXPECT_NE(csv.find("\n0,layer,,specification,"), std::string::npos) << csv.substr(0, 300);
  EXPECT_EQ(csv.find("error"), std::string::npos);
}

TEST_F(ExploreSweep, BadEntriesNameFileLineAndKey) {
  const std::string path = sweep_file("axes:\n  - zip: [{set: A, values: [1, 2]}, {set: B, values: [1]}]\n");
  try {
    read_sweep(path);
    FAIL() << "no error";
  } catch (const cimloop::InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":7: zip:"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_sweep(sweep_file("axes: [{values: [1]}]\n", "noset.yaml")), cimloop::InputError);
  EXPECT_THROW(read_sweep(sweep_file("axis: []\n", "unknown.yaml")), cimloop::InputError);
  EXPECT_THROW(read_sweep(sweep_file("axes: [{set: A, values: []}]\n", "empty.yaml")), cimloop::InputError);
}

TEST_F(ExploreSweep, ExtendedGridRecomputesOnlyNewUnits) {
  const std::string cache = (folder_ / "cache").string();
  RunSummary first, second, again;
  const SweepPlan small = read_sweep(sweep_file("axes: [{set: VOLTAGE, values: [0.8, 1.0]}]\n"));
  const std::string small_table = table(small, cache, 2, &first);
  EXPECT_EQ(first.computed, 4u);
  EXPECT_EQ(first.cached, 0u);
  const SweepPlan extended = read_sweep(sweep_file("axes: [{set: VOLTAGE, values: [0.8, 0.9, 1.0]}]\n", "big.yaml"));
  table(extended, cache, 2, &second);
  EXPECT_EQ(second.computed, 2u);
  EXPECT_EQ(second.cached, 4u);
  EXPECT_EQ(table(small, cache, 1, &again), small_table);  // cached units give the same bytes
  EXPECT_EQ(again.computed, 0u);
}

TEST_F(ExploreSweep, ChangedSpecificationFileRecomputes) {
  // A copy of the specification tree: editing one of its files changes every key.
  const fs::path tree = folder_ / "cim";
  fs::copy(fs::path(kTop).parent_path(), tree, fs::copy_options::recursive);
  const fs::path path = folder_ / "copy.yaml";
  std::ofstream(path) << "specification: {top: " << (tree / "top.yaml.jinja2").string()
                      << ", variables: {macro: basic_analog}}\nworkloads: [{layer: resnet18/20}]\n";
  const SweepPlan plan = read_sweep(path.string());
  const SweepCache before(plan, (folder_ / "cache").string());
  std::ofstream(tree / "include" / "mapper.yaml", std::ios::app) << "# edited\n";
  const SweepCache after(plan, (folder_ / "cache").string());
  EXPECT_NE(before.key(0), after.key(0));
  EXPECT_EQ(after.key(0), SweepCache(plan, "elsewhere").key(0));  // not the cache's folder
}

TEST_F(ExploreSweep, TableIsTheSameForOneOrTwoThreadsAndAnyTaskSplit) {
  const SweepPlan plan = read_sweep(sweep_file("axes: [{name: size, set: [ARRAY_ROWS, ARRAY_COLUMNS], values: [32, 64]}]\n"));
  const std::string one = table(plan, (folder_ / "one").string(), 1);
  EXPECT_EQ(table(plan, (folder_ / "two").string(), 2), one);
  // Three tasks run in reverse order into one cache, then merged.
  const SweepCache shared(plan, (folder_ / "tasks").string());
  for (std::size_t task = 3; task-- > 0;) run_units(plan, shared, task_units(plan, task, 3), 1, false);
  const std::vector<TableRow> rows = sweep_rows(plan, cached_measures(plan, shared));
  EXPECT_EQ(format_csv(rows) + format_json_lines(rows), one);
}

TEST_F(ExploreSweep, TableHasLayerAndNetworkRows) {
  const SweepPlan plan = read_sweep(sweep_file("axes: [{set: VOLTAGE, values: [0.8]}]\n"));
  const std::string csv = table(plan, (folder_ / "cache").string(), 2);
  const std::string header = csv.substr(0, csv.find('\n'));
  for (const char* column : {"point,VOLTAGE,level,dnn,layer,energy_J,latency_s,area_m2", "array_utilization",
                             "macs_per_weight_load", "share_conversion", "energy_J.adc", "area_m2.adc", ",mapping"})
    EXPECT_NE(header.find(column), std::string::npos) << column;
  EXPECT_NE(csv.find("\n0,0.8,layer,tiny,resnet18/20,"), std::string::npos);
  EXPECT_NE(csv.find("\n0,0.8,network,tiny,,"), std::string::npos);
}

TEST_F(ExploreSweep, MeasureRoundTripsExactly) {
  UnitMeasure measure;
  measure.computes = 57802752;
  measure.cycle_seconds = 1e-7 / 3;
  measure.energy_by_role.conversion = 0.1 + 0.2;
  measure.component_energy = {{"adc", 1.0 / 3}};
  measure.component_area = {{"adc", 2.5e-9}};
  measure.mapping = "dummy_top [ Inputs:8 ]\n| for P in [0:28)\n\t\"quoted\"\\";
  const std::string text = measure_to_json(measure);
  EXPECT_EQ(measure_to_json(measure_from_json(text, "test")), text);
  EXPECT_EQ(measure_from_json(text, "test").mapping, measure.mapping);
  EXPECT_EQ(measure_from_json(measure_to_json(failed_unit("no valid mapping")), "test").error, "no valid mapping");
}

}  // namespace
