// Accelergy's -v outputs and the estimation log, built from detailed estimates: each compound
// action's sub-actions with their scales and shares, each compound's primitive areas, the
// verbose flattened architecture, and the record of every primitive query.
#include <gtest/gtest.h>

#include "compat/accelergy/tables.hpp"
#include "compat/accelergy/yaml_writer.hpp"
#include "test-suites/unit/accelergy_test_design.hpp"
#include "src/common/error.hpp"

using namespace cimloop;

namespace {

accelergy::AccelergyResult detailed_estimate() {
  accelergy::EstimationOptions options;
  options.record_queries = options.verbose_tables = true;
  return accelergy::estimate_tables(YAML::Load(cimloop::testing::kAdderGroupDesign), options);
}

TEST(AccelergyVerbose, PlainEstimatesKeepNoDetails) {
  accelergy::AccelergyResult r = accelergy::estimate_tables(YAML::Load(cimloop::testing::kAdderGroupDesign));
  EXPECT_TRUE(r.ert_summary_verbose.IsNull());
  EXPECT_TRUE(r.log.empty());
  EXPECT_THROW(accelergy::accelergy_output_files(r, "out", "", {"all"}, true), InputError);
}

TEST(AccelergyVerbose, ErtSummaryShowsEverySubaction) {
  accelergy::AccelergyResult r = detailed_estimate();
  const YAML::Node table = r.ert_summary_verbose["ERT_summary"]["table_summary"];
  ASSERT_EQ(table.size(), 2u);
  // Primitives first: the estimator per component name.
  EXPECT_EQ(table[0]["name"].Scalar(), "top.lone");
  EXPECT_EQ(table[0]["primitive_estimation(s)"][0]["top.lone"]["estimator"].Scalar(), "Library");

  const YAML::Node group = table[1];
  EXPECT_EQ(group["actions"][0]["energy"].Scalar(), "0.315");  // the plain summary's actions
  const YAML::Node add = group["primitive_estimation(s)"][0];
  EXPECT_EQ(add["action_name"].Scalar(), "add");
  EXPECT_EQ(add["energy"].Scalar(), "0.315");
  const YAML::Node pair = add["subaction_estimations"][0];
  EXPECT_EQ(pair["subcomponent_name"].Scalar(), "adders[0..1]");
  EXPECT_EQ(pair["subaction_name"].Scalar(), "add");
  EXPECT_EQ(pair["energy"].Scalar(), "0.21");  // one adder, one add
  EXPECT_EQ(pair["scale_energy_by"].Scalar(), "0.5");
  EXPECT_EQ(pair["interpreted_energy"].Scalar(), "0.21");  // x 0.5 x 2 adders
  EXPECT_EQ(pair["percentage"].Scalar(), "66.67%");
  EXPECT_EQ(pair["estimator"].Scalar(), "Library");
  EXPECT_EQ(pair["arguments"]["global_cycle_seconds"].Scalar(), "1e-09");  // as the estimator got them
  const YAML::Node half = add["subaction_estimations"][1];
  EXPECT_EQ(half["scale_energy_by"].Scalar(), "1");
  EXPECT_EQ(half["interpreted_energy"].Scalar(), "0.105");
  EXPECT_EQ(half["percentage"].Scalar(), "33.33%");
  const YAML::Node idle = group["primitive_estimation(s)"][1];
  EXPECT_EQ(idle["energy"].Scalar(), "0");
  EXPECT_EQ(idle["subaction_estimations"].size(), 0u);
}

TEST(AccelergyVerbose, ArtSummaryShowsEveryPrimitiveArea) {
  accelergy::AccelergyResult r = detailed_estimate();
  const YAML::Node table = r.art_summary_verbose["ART_summary"]["table_summary"];
  EXPECT_EQ(table[0]["primitive_estimations"].Scalar(), "Library");
  const YAML::Node group = table[1];
  EXPECT_EQ(group["area"].Scalar(), "834.0");
  const YAML::Node pair = group["primitive_estimations"][0];
  EXPECT_EQ(pair["name"].Scalar(), "adders[0..1]");
  EXPECT_EQ(pair["area"].Scalar(), "278.0");
  EXPECT_EQ(pair["area_scale"].Scalar(), "1");
  EXPECT_EQ(pair["total_component_area"].Scalar(), "556.0");
  const YAML::Node half = group["primitive_estimations"][1];
  EXPECT_EQ(half["area"].Scalar(), "139.0");
  EXPECT_EQ(half["area_scale"].Scalar(), "2");
  EXPECT_EQ(half["total_component_area"].Scalar(), "278.0");
}

TEST(AccelergyVerbose, FlattenedArchitectureListsCompoundsFirst) {
  accelergy::AccelergyResult r = detailed_estimate();
  const YAML::Node local = r.flattened_architecture_verbose["architecture"]["local"];
  ASSERT_EQ(local.size(), 2u);
  const YAML::Node group = local[0];
  EXPECT_EQ(group["name"].Scalar(), "top.group");
  EXPECT_EQ(group["class"].Scalar(), "adder_group");
  EXPECT_EQ(group["attributes"]["width"].Scalar(), "32");
  EXPECT_EQ(group["primitive_components"][1]["name"].Scalar(), "half");
  EXPECT_EQ(group["primitive_components"][1]["class"].Scalar(), "aladdin_adder");
  EXPECT_EQ(group["primitive_components"][1]["attributes"]["width"].Scalar(), "16");
  EXPECT_EQ(group["primitive_components"][1]["area_scale"].Scalar(), "2");
  const YAML::Node add = group["actions"][0];
  EXPECT_EQ(add["primitive_actions"][0]["name"].Scalar(), "adders[0..1]");
  EXPECT_EQ(add["primitive_actions"][0]["action"].Scalar(), "add");
  EXPECT_EQ(add["primitive_actions"][0]["energy_scale"].Scalar(), "0.5");
  const YAML::Node lone = local[1];
  EXPECT_EQ(lone["name"].Scalar(), "top.lone");
  EXPECT_FALSE(lone["attributes"]);  // Accelergy lists a primitive's name, class and actions only
  EXPECT_EQ(lone["actions"][0]["name"].Scalar(), "add");
  EXPECT_EQ(lone["actions"][0]["arguments"]["action_latency_cycles"].Scalar(), "1");
}

TEST(AccelergyVerbose, YamlLayoutOfAPrimitiveEstimation) {
  accelergy::AccelergyResult r = detailed_estimate();
  const std::string text = accelergy::to_accelergy_yaml(r.ert_summary_verbose);
  EXPECT_NE(text.find("        primitive_estimation(s):\n          - top.lone:\n                estimator: Library\n"),
            std::string::npos)
      << text;
}

TEST(AccelergyVerbose, OutputFilesOfVerboseRuns) {
  accelergy::AccelergyResult r = detailed_estimate();
  std::vector<std::string> paths;
  for (const accelergy::OutputFile& f : accelergy::accelergy_output_files(r, "out/", "p.", {"all"}, true))
    paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"out/p.flattened_architecture_verbose.yaml", "out/p.ERT.yaml",
                                             "out/p.ERT_summary_verbose.yaml", "out/p.ART.yaml",
                                             "out/p.ART_summary_verbose.yaml"}));
  paths.clear();
  for (const accelergy::OutputFile& f : accelergy::accelergy_output_files(r, "./", "", {"ERT", "ART_summary"}))
    paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"./ERT.yaml", "./ART_summary.yaml"}));
}

TEST(AccelergyLog, RecordsEveryQueryOnce) {
  accelergy::AccelergyResult r = detailed_estimate();
  // group: the pair's add, half's add (no query for the empty idle), two areas; lone: add, area.
  ASSERT_EQ(r.log.size(), 6u);
  const accelergy::EstimationRecord& first = r.log[0];
  EXPECT_EQ(first.component, "top.group.adders[0..1]");
  EXPECT_FALSE(first.area);
  EXPECT_EQ(first.query.rfind("aladdin_adder(width=32, technology=45nm", 0), 0u) << first.query;
  EXPECT_NE(first.query.find(").add(global_cycle_seconds=1e-09, action_latency_cycles=1"), std::string::npos);
  EXPECT_EQ(first.estimator, "Library");
  EXPECT_EQ(first.accuracy, 90);
  EXPECT_DOUBLE_EQ(first.value, 0.21);
  EXPECT_TRUE(r.log[2].area);
  EXPECT_EQ(r.log[5].component, "top.lone");
}

TEST(AccelergyLog, Text) {
  const std::vector<accelergy::EstimationRecord> records = {
      {"top.buffer", "SRAM(width=64).read(global_cycle_seconds=1e-09)", false, "CactiSRAM", 80, 18.5, ""},
      {"top.buffer", "SRAM(width=64)", true, "CactiSRAM", 80, 1200, "outside the table: fallback"},
  };
  const std::vector<accelergy::OutputFile> saved = {{"./ERT.yaml", "ERT: ...", "energy reference table"}};
  EXPECT_EQ(accelergy::format_estimation_log(records, {"a warning"}, saved),
            "INFO        cimloop-cpp accelergy: energy and area from the built-in estimators (no Accelergy plug-ins "
            "are loaded)\n"
            "INFO        \n"
            "INFO        ENERGY ESTIMATION for top.buffer: SRAM(width=64).read(global_cycle_seconds=1e-09)\n"
            "INFO        CactiSRAM estimated 18.5 pJ with accuracy 80%\n"
            "INFO        \n"
            "INFO        AREA ESTIMATION for top.buffer: SRAM(width=64)\n"
            "INFO        CactiSRAM estimated 1200.0 um^2 with accuracy 80%\n"
            "INFO        | WARN: outside the table: fallback\n"
            "INFO        \n"
            "WARNING     a warning\n"
            "INFO        energy reference table is saved to:\n"
            "INFO        ./ERT.yaml\n");
}

TEST(AccelergyLog, RepeatedQueriesAreKeptOnce) {
  accelergy::EstimationLog log;
  log.add({"a", "q()", false, "E", 50, 1, ""});
  log.add({"a", "q()", false, "E", 50, 1, ""});
  log.add({"b", "q()", false, "E", 50, 1, ""});
  EXPECT_EQ(log.records().size(), 2u);
}

}  // namespace
