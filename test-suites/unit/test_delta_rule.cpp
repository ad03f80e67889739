// The two delta rules (spec §3.4.3) on a sliding window: the Inputs tile of the Buffer stays
// put across the inner DRAM loop (K) and slides across the outer one (P).
#include <gtest/gtest.h>

#include "model_test_inputs.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop {
namespace {

constexpr const char* kMapping = R"(
mapping:
- {target: Buffer, type: temporal, factors: K=1 R=3 P=2, permutation: RPK}
- {target: DRAM, type: temporal, factors: K=2 R=1 P=4, permutation: KRP}
)";

std::int64_t dram_input_reads(nest::DeltaRule rule) {
  testing::LoadedModel model = testing::load_model({{"arch.yaml", testing::kTwoLevelArch}, {"map.yaml", kMapping}});
  model::ModelOptions options;
  options.nest.delta_rule = rule;
  model::Evaluator evaluator(model.inputs.arch, model.inputs.workload, options);
  const model::EvalResult& result = evaluator.evaluate(model.mapping);
  EXPECT_TRUE(result.valid) << result.failure;
  return result.storage[1].data_spaces[model.inputs.workload.data_space_index("Inputs")].reads;
}

TEST(DeltaRule, ReferenceRuleReloadsAfterZeroMove) {
  // Tile R+P-1 = 4. The K step is a zero move that sets the stride to 0, so every P step
  // (stride 2) mismatches and reloads the whole tile: 4 + 3 * 4.
  EXPECT_EQ(dram_input_reads(nest::DeltaRule::Reference), 16);
}

TEST(DeltaRule, HeadRuleIgnoresZeroMoveAndSlides) {
  // Zero moves are ignored, the P stride is learnt and only the 2 new elements load: 4 + 3 * 2.
  EXPECT_EQ(dram_input_reads(nest::DeltaRule::Head), 10);
}

}  // namespace
}  // namespace cimloop
