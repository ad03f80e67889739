// Loop-nest construction from mapping directives: loop order, trivial loops, boundaries,
// spatial X/Y split, factor parsing and the product check.
#include <gtest/gtest.h>

#include "model_test_inputs.hpp"
#include "compat/timeloop/mapping_reader.hpp"
#include "src/model/mapping_checks.hpp"

namespace cimloop {
namespace {

using mapping::LoopKind;

TEST(Tiling, LoopsInnermostFirstWithBoundaries) {
  const char* map = R"(
mapping:
- {target: Buffer, type: temporal, factors: K=1 R=3 P=2, permutation: RPK}
- {target: DRAM, type: temporal, factors: K=2 R=1 P=4, permutation: KRP}
)";
  const testing::LoadedModel model = testing::load_model({{"arch.yaml", testing::kTwoLevelArch}, {"map.yaml", map}});
  const mapping::Mapping& m = model.mapping;
  ASSERT_EQ(m.num_loops(), 4);
  const auto& w = model.inputs.workload;
  EXPECT_EQ(w.dimension_names[m.loops[0].dimension], "R");
  EXPECT_EQ(m.loops[0].factor, 3);
  EXPECT_EQ(w.dimension_names[m.loops[1].dimension], "P");
  EXPECT_EQ(w.dimension_names[m.loops[2].dimension], "K");
  EXPECT_EQ(w.dimension_names[m.loops[3].dimension], "P");
  EXPECT_EQ(m.boundaries, (std::vector<int>{1, 3}));
  EXPECT_EQ(m.owner(2), 1);
}

TEST(Tiling, LevelWithoutLoopsGetsTrivialLoopOnLastDimension) {
  const char* map = R"(
mapping:
- {target: Buffer, type: temporal, factors: K=2 R=3 P=8, permutation: KRP}
- {target: DRAM, type: temporal, factors: K=1 R=1 P=1, permutation: KRP}
)";
  const testing::LoadedModel model = testing::load_model({{"arch.yaml", testing::kTwoLevelArch}, {"map.yaml", map}});
  ASSERT_EQ(model.mapping.num_loops(), 4);
  EXPECT_EQ(model.mapping.loops[3].factor, 1);
  EXPECT_EQ(model.inputs.workload.dimension_names[model.mapping.loops[3].dimension], "P");
  EXPECT_EQ(model.mapping.boundaries, (std::vector<int>{2, 3}));
}

TEST(Tiling, ProductMismatchNamesEveryDimension) {
  const char* map = R"(
mapping:
- {target: Buffer, type: temporal, factors: K=1 R=3 P=2, permutation: RPK}
- {target: DRAM, type: temporal, factors: K=1 R=1 P=2, permutation: KRP}
)";
  try {
    testing::load_model({{"arch.yaml", testing::kTwoLevelArch}, {"map.yaml", map}});
    FAIL() << "expected a mapping error";
  } catch (const mapping::MappingError& error) {
    EXPECT_STREQ(error.what(),
                 "parsing mapping: product of all factors of dimension K is 1, which is not equal to the dimension "
                 "size of the workload 2.\n"
                 "parsing mapping: product of all factors of dimension P is 4, which is not equal to the dimension "
                 "size of the workload 8.");
  }
}

TEST(Tiling, FactorStringsInEverySpelling) {
  workload::Workload w;
  w.dimension_names = {"R", "P"};
  w.bounds = {3, 16};
  using Factors = std::vector<compat::ParsedFactor>;
  EXPECT_EQ(compat::parse_factors("R=3,P=16", w), (Factors{{0, 3, 3}, {1, 16, 16}}));
  EXPECT_EQ(compat::parse_factors("R3 P16", w), (Factors{{0, 3, 3}, {1, 16, 16}}));
  EXPECT_EQ(compat::parse_factors("R = 3 P=16 # P=2", w), (Factors{{0, 3, 3}, {1, 16, 16}}));
  EXPECT_THROW(compat::parse_factors("Q=2", w), InputError);
  // Residuals (imperfect factorization): "P=6,4" runs 4 iterations in the last pass.
  EXPECT_EQ(compat::parse_factors("R=3,P=6,4", w), (Factors{{0, 3, 3}, {1, 6, 4}}));
  EXPECT_EQ(compat::parse_factors("R3 P6,4", w), (Factors{{0, 3, 3}, {1, 6, 4}}));
  EXPECT_THROW(compat::parse_factors("P=6,7", w), InputError);
  EXPECT_THROW(compat::parse_factors("P=6,0", w), InputError);
}

TEST(Tiling, SpatialSplitSelectsXAndY) {
  workload::Workload w;
  w.dimension_names = {"A", "B"};
  w.bounds = {4, 2};
  arch::ArchSpec a;
  a.arithmetic.instances = 8;
  a.arithmetic.mesh_x = 4;
  a.arithmetic.mesh_y = 2;
  a.storage.resize(1);
  mapping::MappingSpec spec = mapping::default_mapping_spec(a, w);
  spec.levels[0].spatial_factors = {4, 2};
  spec.levels[0].split = 1;
  const mapping::Mapping m = mapping::build_mapping(spec, a, w);
  ASSERT_EQ(m.num_loops(), 3);
  EXPECT_EQ(m.loops[0].kind, LoopKind::SpatialX);
  EXPECT_EQ(m.loops[1].kind, LoopKind::SpatialY);
  EXPECT_EQ(m.loops[2].kind, LoopKind::Temporal);
}

}  // namespace
}  // namespace cimloop

namespace cimloop {
namespace {

TEST(Tiling, AutoBypassTurnsCapacityFailureIntoBypass) {
  // With P=64 the whole problem in the Buffer needs 6 + 66 + 128 = 200 words of 64.
  std::string arch = testing::kTwoLevelArch;
  arch.replace(arch.find("P: 8}"), 5, "P: 64}");
  const char* map = R"(
mapping:
- {target: Buffer, type: temporal, factors: K=2 R=3 P=64, permutation: KRP}
- {target: DRAM, type: temporal, factors: K=1 R=1 P=1, permutation: KRP}
)";
  testing::LoadedModel model = testing::load_model({{"arch.yaml", arch}, {"map.yaml", map}});
  const model::MappingCheck before = model::check_mapping(model.inputs.arch, model.inputs.workload, model.mapping);
  EXPECT_FALSE(before.valid);
  EXPECT_EQ(before.reason, "mapped tile size 200 exceeds buffer capacity 64");
  model::bypass_overfull_levels(model.inputs.arch, model.inputs.workload, model.mapping);
  EXPECT_EQ(model.mapping.keep[0], 0u);
  EXPECT_TRUE(model::check_mapping(model.inputs.arch, model.inputs.workload, model.mapping).valid);
}

}  // namespace
}  // namespace cimloop
