// The two delta rules on the reference design where they differ (spec §0 and §3.4.3):
// simple_output_stationary's DRAM Inputs reads are 157296 under R (the reference output) and
// 152550 under H (Timeloop 2025).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop {
namespace {

namespace fs = std::filesystem;

std::int64_t dram_input_reads(nest::DeltaRule rule) {
  const fs::path dir = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop" / "ex-simple_output_stationary";
  std::vector<std::string> files;
  for (const char* name : {"model-input.yaml", "map.yaml", "ERT.yaml", "ART.yaml"}) files.push_back((dir / name).string());
  const compat::MergedInput merged = compat::load_merged_inputs(files);
  compat::ModelInputs inputs = compat::load_model_inputs(merged);
  const mapping::Mapping mapping =
      mapping::build_mapping(compat::load_mapping_spec(merged, inputs), inputs.arch, inputs.workload);
  model::ModelOptions options;
  options.nest.delta_rule = rule;
  model::Evaluator evaluator(inputs.arch, inputs.workload, options);
  const model::EvalResult& result = evaluator.evaluate(mapping);
  EXPECT_TRUE(result.valid) << result.failure;
  return result.storage[inputs.arch.storage_index("DRAM")].data_spaces[inputs.workload.data_space_index("Inputs")].reads;
}

TEST(DeltaRuleFixture, ReferenceAndHeadOnSimpleOutputStationary) {
  if (!fs::is_directory(fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop")) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL() << "fixtures missing";
    GTEST_SKIP() << "fixtures folder absent";
  }
  EXPECT_EQ(dram_input_reads(nest::DeltaRule::Reference), 157296);
  EXPECT_EQ(dram_input_reads(nest::DeltaRule::Head), 152550);
}

}  // namespace
}  // namespace cimloop
