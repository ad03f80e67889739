// Link transfers (spec §3.4.2 step 3): four PEs along X each hold one Input of a sliding
// window; after one R step every PE but the last finds its new Input in its right neighbour's
// previous delta, so only one class of data still comes from the parent.
#include <gtest/gtest.h>

#include "model_test_inputs.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop {
namespace {

constexpr const char* kMapping = R"(
mapping:
- {target: RF, type: temporal, factors: R=1 P=1, permutation: RP}
- {target: GB, type: spatial, factors: R=1 P=4, permutation: PR}
- {target: GB, type: temporal, factors: R=3 P=1, permutation: RP}
- {target: DRAM, type: temporal, factors: R=1 P=1, permutation: RP}
)";

struct InputCounts {
  std::int64_t gb_reads, rf_reads, rf_fills;
};

InputCounts input_counts(bool links) {
  const testing::LoadedModel model = testing::load_model({{"arch.yaml", testing::pe_array_arch("DRAM", "GB", "RF", 4)},
                                                           {"problem.yaml", testing::conv1d_problem(3, 4)},
                                                           {"map.yaml", kMapping}});
  model::ModelOptions options;
  options.nest.link_transfers = links;
  model::Evaluator evaluator(model.inputs.arch, model.inputs.workload, options);
  const model::EvalResult& result = evaluator.evaluate(model.mapping);
  EXPECT_TRUE(result.valid) << result.failure;
  const int t = model.inputs.workload.data_space_index("Inputs");
  const int rf = model.inputs.arch.storage_index("RF"), gb = model.inputs.arch.storage_index("GB");
  return {result.storage[gb].data_spaces[t].reads, result.storage[rf].data_spaces[t].reads,
          result.storage[rf].data_spaces[t].fills};
}

TEST(LinkTransfers, WithoutLinksEveryPeReadsFromTheParent) {
  // 4 distinct Inputs per visit; visits r=0 (weight 1) and r=1 (standing for r=1,2).
  const InputCounts counts = input_counts(false);
  EXPECT_EQ(counts.gb_reads, 4 * 1 + 4 * 2);
  EXPECT_EQ(counts.rf_reads, 3);
  EXPECT_EQ(counts.rf_fills, 3);
}

TEST(LinkTransfers, NeighboursForwardTheSlidingWindow) {
  // From r=1 on, PEs 0..2 take their Input from the right neighbour: one class from the GB.
  const InputCounts counts = input_counts(true);
  EXPECT_EQ(counts.gb_reads, 4 * 1 + 1 * 2);
  // 3 PEs x 2 link transfers over 4 PEs = 1.5 extra peer accesses per PE.
  EXPECT_EQ(counts.rf_reads, 5);  // round(3 + 1.5)
  EXPECT_EQ(counts.rf_fills, 3);  // trunc(6 / 4 + 1.5)
}

}  // namespace
}  // namespace cimloop
