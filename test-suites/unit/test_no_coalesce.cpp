// `no_coalesce` (CiMLoop's pass-through components): two arrays behind an analog adder, as in
// CiMLoop's tutorial 3. The arrays' partial sums of the same outputs reach the adder separately
// (spatial no_reuse); an adder that coalesces hands one value per output to its parent (the
// ADC halves), one that does not coalesce passes both on.
#include <gtest/gtest.h>

#include <string>

#include "model_test_inputs.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop {
namespace {

std::string mapping(bool adder_coalesces) {
  return std::string(R"(
mapping:
- {target: Array, type: temporal, factors: R=1 P=1, permutation: RP}
- {target: Adder, type: spatial, factors: R=2 P=1, permutation: RP, no_reuse: [Outputs]}
- {target: Adder, type: temporal, factors: R=1 P=1, permutation: RP}
- {target: Adder, type: bypass, keep: [Outputs], bypass: [Inputs, Weights])") +
         (adder_coalesces ? "}" : ", no_coalesce: [Outputs]}") + R"(
- {target: ADC, type: temporal, factors: R=1 P=4, permutation: RP}
)";
}

struct OutputCounts {
  std::int64_t adder_updates, adc_updates;
};

OutputCounts output_counts(bool adder_coalesces) {
  const testing::LoadedModel model = testing::load_model(
      {{"arch.yaml", testing::pe_array_arch("ADC", "Adder", "Array", 2)}, {"problem.yaml", testing::conv1d_problem(2, 4)}, {"map.yaml", mapping(adder_coalesces)}});
  model::Evaluator evaluator(model.inputs.arch, model.inputs.workload, model::ModelOptions{});
  const model::EvalResult& result = evaluator.evaluate(model.mapping);
  EXPECT_TRUE(result.valid) << result.failure;
  const int t = model.inputs.workload.data_space_index("Outputs");
  const int adder = model.inputs.arch.storage_index("Adder"), adc = model.inputs.arch.storage_index("ADC");
  return {result.storage[adder].data_spaces[t].updates, result.storage[adc].data_spaces[t].updates};
}

TEST(NoCoalesce, CoalescingAdderMergesThePartialSums) {
  const OutputCounts counts = output_counts(true);
  EXPECT_EQ(counts.adder_updates, 2 * 4);  // both arrays' partial sums of the 4 outputs
  EXPECT_EQ(counts.adc_updates, 4);
}

TEST(NoCoalesce, PassThroughAdderHandsEveryPartialSumOn) {
  const OutputCounts counts = output_counts(false);
  EXPECT_EQ(counts.adder_updates, 2 * 4);
  EXPECT_EQ(counts.adc_updates, 2 * 4);
}

}  // namespace
}  // namespace cimloop
