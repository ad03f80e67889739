// Imperfect factorization (residuals, Timeloop's "P=4,3" / "[0:4,3)"): a loop runs its
// residual in the last pass of the enclosing loops of its dimension. Small problems with
// every count derived by hand in the comments.
#include <gtest/gtest.h>

#include <string>

#include "compat/timeloop/map_writer.hpp"
#include "compat/timeloop/map_yaml_writer.hpp"
#include "compat/timeloop/mapping_reader.hpp"
#include "model_test_inputs.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop {
namespace {

struct Evaluated {
  testing::LoadedModel model;
  model::EvalResult result;
  const model::DataSpaceStats& at(const std::string& level, const std::string& data_space) const {
    return result.storage[model.inputs.arch.storage_index(level)].data_spaces[model.inputs.workload.data_space_index(data_space)];
  }
};

Evaluated evaluate(const std::string& arch, const std::string& problem, const std::string& map) {
  Evaluated e{testing::load_model({{"arch.yaml", arch}, {"problem.yaml", problem}, {"map.yaml", map}}), {}};
  model::ModelOptions options;
  options.nest.network_statistics = true;
  e.result = model::evaluate(e.model.inputs.arch, e.model.inputs.workload, e.model.mapping, options);
  EXPECT_TRUE(e.result.valid) << e.result.failed_level << ": " << e.result.failure;
  return e;
}

// R=3, P=7 as DRAM P=2 over Buffer P=4,3: the Buffer covers outputs 0..3, then 4..6.
constexpr const char* kTemporalMap = R"(
mapping:
- {target: Buffer, type: temporal, factors: 'R=3 P=4,3', permutation: RP}
- {target: DRAM, type: temporal, factors: R=1 P=2, permutation: RP}
)";

TEST(ImperfectFactorization, TemporalResidualShrinksTheLastTile) {
  const Evaluated e = evaluate(testing::kTwoLevelArchitecture, testing::conv1d_problem(3, 7), kTemporalMap);
  ASSERT_TRUE(e.model.mapping.imperfect());
  EXPECT_EQ(e.result.arithmetic.computes, 21);  // 3 x 7 operations, not 3 x 8
  EXPECT_EQ(e.result.arithmetic.cycles, 24);    // product of the temporal factors (3 x 4 x 2)
  // Tiles are the largest working sets: the Buffer's first pass (R 3, P 4), DRAM all of it.
  EXPECT_EQ(e.at("Buffer", "Weights").utilized_capacity, 3);
  EXPECT_EQ(e.at("Buffer", "Inputs").utilized_capacity, 6);  // 3 + 4 - 1
  EXPECT_EQ(e.at("Buffer", "Outputs").utilized_capacity, 4);
  EXPECT_EQ(e.at("DRAM", "Inputs").utilized_capacity, 9);  // 3 + 7 - 1
  EXPECT_EQ(e.at("DRAM", "Outputs").utilized_capacity, 7);
  // DRAM serves the Buffer's tiles: Inputs 0..5, then 4..8 (3 new), each output once.
  EXPECT_EQ(e.at("DRAM", "Weights").reads, 3);
  EXPECT_EQ(e.at("DRAM", "Inputs").reads, 9);
  EXPECT_EQ(e.at("DRAM", "Outputs").updates, 7);
  EXPECT_EQ(e.at("DRAM", "Outputs").reads, 0);
  // The Buffer feeds every operation and receives what DRAM sends; partial sums: 21 updates,
  // 21 - 7 reads (first updates elided), nothing filled.
  EXPECT_EQ(e.at("Buffer", "Weights").reads, 21);
  EXPECT_EQ(e.at("Buffer", "Weights").fills, 3);
  EXPECT_EQ(e.at("Buffer", "Inputs").reads, 21);
  EXPECT_EQ(e.at("Buffer", "Inputs").fills, 9);
  EXPECT_EQ(e.at("Buffer", "Outputs").updates, 21);
  EXPECT_EQ(e.at("Buffer", "Outputs").reads, 14);
  EXPECT_EQ(e.at("Buffer", "Outputs").fills, 0);
  // Printed as Timeloop does, and written back as a mapping that reads the same.
  EXPECT_NE(compat::format_map(e.model.inputs.arch, e.model.inputs.workload, e.model.mapping, e.result)
                .find("|   for P in [0:4,3)\n"),
            std::string::npos);
}

// Four PEs under a global buffer; R=2, P=6 as DRAM P=2 over a spatial P=4,2: all four PEs in
// the first pass (outputs 0..3), two in the last (4, 5).
constexpr const char* kSpatialMap = R"(
mapping:
- {target: PE, type: temporal, factors: R=2 P=1, permutation: RP}
- {target: GLB, type: spatial, factors: 'R=1 P=4,2', permutation: PR}
- {target: GLB, type: temporal, factors: R=1 P=1, permutation: RP}
- {target: DRAM, type: temporal, factors: R=1 P=2, permutation: RP}
)";

TEST(ImperfectFactorization, SpatialResidualServesOnlyTheChildrenThatExist) {
  const Evaluated e = evaluate(testing::pe_array_arch("DRAM", "GLB", "PE", 4), testing::conv1d_problem(2, 6), kSpatialMap);
  EXPECT_EQ(e.result.arithmetic.computes, 12);
  EXPECT_EQ(e.result.arithmetic.utilized_instances, 4);  // the largest fan-out
  EXPECT_EQ(e.result.arithmetic.cycles, 4);              // R2 x P2
  // Each PE reads a window of 2 inputs: 4 windows [p, p+1] in the first pass, 2 in the last
  // (new: the child moved by 4 > its window).
  EXPECT_EQ(e.at("GLB", "Inputs").reads, 8 + 4);
  EXPECT_EQ(e.at("GLB", "Weights").reads, 2);    // both weights multicast once, then kept
  EXPECT_EQ(e.at("GLB", "Outputs").updates, 6);  // each output once
  // DRAM sends the GLB its union windows: inputs 0..4, then 4..6 (2 new).
  EXPECT_EQ(e.at("DRAM", "Inputs").reads, 7);
  EXPECT_EQ(e.at("GLB", "Inputs").fills, 7);
  EXPECT_EQ(e.at("GLB", "Inputs").utilized_capacity, 5);  // 4 + 2 - 1: the first pass
  EXPECT_EQ(e.at("DRAM", "Outputs").utilized_capacity, 6);
  // The GLB's network sees both passes: 4 classes of one PE, then 2.
  const int glb = e.model.inputs.arch.storage_index("GLB");
  const nest::MulticastHistogram& inputs =
      e.result.storage[glb].network[e.model.inputs.workload.data_space_index("Inputs")].ingresses;
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].multicast, 1);
  EXPECT_EQ(inputs[0].scatter, 2);
  EXPECT_EQ(inputs[0].accesses, 4);
  EXPECT_EQ(inputs[1].scatter, 4);
  EXPECT_EQ(inputs[1].accesses, 8);
}

TEST(ImperfectFactorization, ResidualsMustCoverTheDimension) {
  // DRAM P=2 over P=4,1 covers (1 * 4 + 0) + 1 = 5 of 6 outputs.
  try {
    testing::load_model({{"arch.yaml", testing::pe_array_arch("DRAM", "GLB", "PE", 4)},
                         {"problem.yaml", testing::conv1d_problem(2, 6)},
                         {"map.yaml", R"(
mapping:
- {target: GLB, type: spatial, factors: 'R=1 P=4,1'}
- {target: PE, type: temporal, factors: R=2 P=1}
- {target: DRAM, type: temporal, factors: R=1 P=2}
)"}});
    FAIL() << "expected a mapping error";
  } catch (const mapping::MappingError& error) {
    EXPECT_STREQ(error.what(), "parsing mapping: product of all factors of dimension P is 5, which is not equal to "
                               "the dimension size of the workload 6.");
  }
}

// Constrained factors that do not divide a dimension (RAELLA: 16 weight bits as Y=6 inside
// Y=3): outermost first, each loop's last pass runs what is left.
TEST(ImperfectFactorization, CompletesResidualsOfFactorsThatOvershoot) {
  workload::Workload w;
  w.dimension_names = {"Y"};
  w.bounds = {16};
  mapping::MappingSpec spec;
  spec.levels.resize(3);
  for (mapping::LevelDirectives& level : spec.levels) level.temporal_factors = level.spatial_factors = {1};
  spec.levels[0].spatial_factors = {6};  // inner
  spec.levels[2].spatial_factors = {3};  // outer
  mapping::complete_residuals(spec, w);
  EXPECT_EQ(mapping::residual_of(spec.levels[0].spatial_residuals, spec.levels[0].spatial_factors, 0), 4);
  EXPECT_EQ(mapping::residual_of(spec.levels[2].spatial_residuals, spec.levels[2].spatial_factors, 0), 3);
  EXPECT_TRUE(spec.levels[2].spatial_residuals.empty());  // a perfect loop needs no residual
}

// map.yaml keeps the residual, so the mapper's maps read back as the mapping it evaluated.
TEST(ImperfectFactorization, MapYamlRoundTrip) {
  testing::LoadedModel model = testing::load_model(
      {{"arch.yaml", testing::kTwoLevelArchitecture}, {"problem.yaml", testing::conv1d_problem(3, 7)}, {"map.yaml", kTemporalMap}});
  std::vector<std::string> warnings;
  const mapping::MappingSpec spec = compat::load_mapping_spec(model.merged, model.inputs);
  const YAML::Node written = YAML::Load(compat::format_map_yaml(spec, model.inputs.arch, model.inputs.workload));
  EXPECT_EQ(written["mapping"][2]["factors"].Scalar(), "R3 P4,3");
  const mapping::MappingSpec reread =
      compat::parse_mapping(written["mapping"], model.inputs.arch, model.inputs.workload, model.merged.sources, warnings);
  const mapping::Mapping rebuilt = mapping::build_mapping(reread, model.inputs.arch, model.inputs.workload);
  ASSERT_EQ(rebuilt.num_loops(), model.mapping.num_loops());
  for (int l = 0; l < rebuilt.num_loops(); ++l) {
    EXPECT_EQ(rebuilt.loops[l].factor, model.mapping.loops[l].factor);
    EXPECT_EQ(rebuilt.loops[l].residual, model.mapping.loops[l].residual);
  }
}

}  // namespace
}  // namespace cimloop
