#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/constraints_reader.hpp"
#include "compat/timeloop/mapper_settings_reader.hpp"
#include "src/common/error.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "mapper_test_shapes.hpp"

namespace cimloop::mapper {
namespace {

using compat::parse_constraints;
using compat::parse_mapper_settings;

Constraints parse(const std::string& text) {
  compat::SourceMap sources;
  return parse_constraints(YAML::Load(text), testing::conv1d_oc_shape(), sources);
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(MapperConstraints, ReadsFactorsPermutationSplitAndKeep) {
  Constraints c = parse(R"(
architecture_constraints:
  targets:
  - {target: GlobalBuffer, type: temporal, factors: 'K=4,R<=3 P>=2', permutation: PK}
  - {target: GlobalBuffer, type: spatial, factors: K=1, permutation: RP, split: 1}
  - {target: RegisterFile, type: bypass, keep: [Weights], bypass: [Inputs]}
  - {target: GlobalBuffer, type: utilization, min: 0.5}
)");
  const LevelConstraint& buffer = c.levels[1];
  EXPECT_EQ(buffer.temporal.factors[0].exact, 4);
  EXPECT_EQ(buffer.temporal.factors[1].max, 3);
  EXPECT_EQ(buffer.temporal.factors[2].min, 2);
  EXPECT_EQ(buffer.temporal.permutation, (std::vector<int>{2, 0}));
  EXPECT_EQ(buffer.spatial.factors[0].exact, 1);
  EXPECT_EQ(buffer.spatial.split, 1);
  EXPECT_DOUBLE_EQ(buffer.min_spatial_utilization, 0.5);
  EXPECT_EQ(c.levels[0].keep[0], true);
  EXPECT_EQ(c.levels[0].keep[1], false);
  EXPECT_FALSE(c.levels[0].keep[2].has_value());
}

TEST(MapperConstraints, AcceptsEveryConstraintLocationAndEmptyLists) {
  EXPECT_EQ(parse("architecture_constraints: {targets: []}").levels.size(), 3u);
  Constraints c = parse("architecture: {constraints: {targets: [{target: MainMemory, type: temporal, factors: R3}]}}");
  EXPECT_EQ(c.levels[2].temporal.factors[1].exact, 3);
}

TEST(MapperConstraints, RejectsUnknownNamesClearly) {
  EXPECT_NE(error_of("architecture_constraints: {targets: [{target: GlobalBuffer, type: temporal, factors: X=2}]}")
                .find("dimension X not found"), std::string::npos);
  EXPECT_NE(error_of("architecture_constraints: {targets: [{target: Nowhere, type: temporal}]}")
                .find("storage level Nowhere not found"), std::string::npos);
  EXPECT_NE(error_of("architecture_constraints: {targets: [{target: GlobalBuffer, type: bypass, keep: [Psums]}]}")
                .find("data space Psums not found"), std::string::npos);
  EXPECT_NE(error_of("architecture_constraints: {targets: [{target: GlobalBuffer, type: temporal, permutation: KZ}]}")
                .find("dimension Z not found"), std::string::npos);
  EXPECT_NE(error_of("architecture_constraints: {targets: [{target: GlobalBuffer, type: tiling}]}")
                .find("unknown constraint type"), std::string::npos);
}

// A constrained factor need not divide its dimension (the mapping gets residuals, as the
// reference mapper maps CiMLoop's RAELLA macro), but fixed factors must cover it.
TEST(MapperConstraints, RejectsOnlyFactorsThatCannotCover) {
  EXPECT_EQ(parse("architecture_constraints: {targets: [{target: GlobalBuffer, type: temporal, factors: K=5}]}")
                .levels[1].temporal.factors[0].exact, 5);
  const std::string message = error_of(R"(architecture_constraints: {targets: [
    {target: RegisterFile, type: temporal, factors: R=1}, {target: GlobalBuffer, type: temporal, factors: R=1},
    {target: GlobalBuffer, type: spatial, factors: R=1}, {target: MainMemory, type: temporal, factors: R=1}]})");
  EXPECT_NE(message.find("multiply to 1, less than the dimension size 3"), std::string::npos) << message;
}

// Timeloop reads <name>=<digits>: a negative value ("C=-1", Albireo's "C not assigned here")
// constrains nothing and leaves the factor to the search; the other entries still apply.
TEST(MapperConstraints, NegativeValuesConstrainNothing) {
  const Constraints c = parse("architecture_constraints: {targets: [{target: MainMemory, type: temporal, factors: 'P=-1,R=-1 K=4'}]}");
  EXPECT_EQ(c.levels[2].temporal.factors[2].exact, 0);
  EXPECT_EQ(c.levels[2].temporal.factors[1].exact, 0);
  EXPECT_EQ(c.levels[2].temporal.factors[0].exact, 4);
}

TEST(MapperConstraints, RejectsImpossibleFanout) {
  std::string message = error_of("architecture_constraints: {targets: [{target: GlobalBuffer, type: spatial, factors: K=16}]}");
  EXPECT_NE(message.find("more than the fanout of 8"), std::string::npos) << message;
  message = error_of("architecture_constraints: {targets: [{target: RegisterFile, type: spatial, factors: K=2}]}");
  EXPECT_NE(message.find("RegisterFile"), std::string::npos) << message;
}

TEST(MapperSettingsParse, ReadsCurrentAndLegacyKeys) {
  compat::SourceMap sources;
  MapperSettings s = parse_mapper_settings(YAML::Load(R"(
algorithm: random-pruned
search-size: 200
victory_condition: 50
timeout: 300
num_threads: 2
search_units: 3
optimization_metric: [delay, energy]
optimization_metrics: []
out_prefix: mine
seed: 7
)"), sources);
  EXPECT_EQ(s.algorithm, Algorithm::RandomPruned);
  EXPECT_EQ(s.search_size, 200);
  EXPECT_EQ(s.victory_condition, 50);
  EXPECT_EQ(s.timeout, 300);
  EXPECT_EQ(s.num_threads, 2);
  EXPECT_EQ(s.search_units, 3);
  EXPECT_EQ(s.metrics, (std::vector<Metric>{Metric::Delay, Metric::Energy}));
  EXPECT_EQ(s.out_prefix, "mine");
  EXPECT_EQ(s.seed, 7u);
  MapperSettings defaults = parse_mapper_settings(YAML::Load("search_size: null"), sources);
  EXPECT_EQ(defaults.search_size, 0);
  EXPECT_EQ(defaults.search_units, 8);
  EXPECT_EQ(defaults.metrics, std::vector<Metric>{Metric::Edp});
  EXPECT_THROW(parse_mapper_settings(YAML::Load("algorithm: annealing"), sources), InputError);
  EXPECT_THROW(parse_mapper_settings(YAML::Load("optimization_metrics: [speed]"), sources), InputError);
  EXPECT_THROW(parse_mapper_settings(YAML::Load("timeout: soon"), sources), InputError);
  EXPECT_THROW(parse_mapper_settings(YAML::Load("search_units: 0"), sources), InputError);
}

}  // namespace
}  // namespace cimloop::mapper
