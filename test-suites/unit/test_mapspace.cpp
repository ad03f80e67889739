#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/constraints_reader.hpp"
#include "src/common/error.hpp"
#include "src/mapper/mapspace.hpp"
#include "mapper_test_shapes.hpp"

namespace cimloop::mapper {
namespace {

using compat::parse_constraints;

Mapspace make_mapspace(const std::string& constraints_yaml) {
  compat::SourceMap sources;
  MapspaceShape shape = testing::conv1d_oc_shape();
  return Mapspace(shape, parse_constraints(YAML::Load(constraints_yaml), shape, sources));
}

const char* kConstrained = R"(architecture_constraints: {targets: [
  {target: MainMemory, type: temporal, factors: R=1, permutation: PK},
  {target: GlobalBuffer, type: spatial, factors: 'K<=4', permutation: KP, split: 1},
  {target: RegisterFile, type: bypass, keep: [Weights], bypass: [Outputs]}]})";

// Everything a sampled or mutated point must satisfy regardless of capacity.
void expect_within_constraints(const Mapspace& space, const MapPoint& point) {
  const MapspaceShape& shape = space.shape();
  for (int dim = 0; dim < shape.num_dimensions(); ++dim) {
    std::int64_t product = 1;
    for (const LevelMapping& level : point.levels) product *= level.temporal[dim] * level.spatial[dim];
    EXPECT_EQ(product, shape.problem.bounds[dim]) << shape.dimension_name(dim);
  }
  const LevelMapping& memory = point.levels[2];
  EXPECT_EQ(memory.temporal[1], 1);
  EXPECT_EQ(memory.temporal_order[0], 2);  // P innermost at MainMemory
  EXPECT_EQ(memory.temporal_order[1], 0);
  const LevelMapping& buffer = point.levels[1];
  EXPECT_LE(buffer.spatial[0], 4);
  EXPECT_TRUE(buffer.spatial_x[0]);   // K is listed before the split: X
  EXPECT_FALSE(buffer.spatial_x[2]);  // P after it: Y
  std::int64_t along_x = 1, along_y = 1;
  for (int dim = 0; dim < 3; ++dim) (buffer.spatial_x[dim] ? along_x : along_y) *= buffer.spatial[dim];
  EXPECT_LE(along_x, 4);
  EXPECT_LE(along_y, 2);
  EXPECT_TRUE(point.levels[0].keep[0]);
  EXPECT_FALSE(point.levels[0].keep[2]);
  EXPECT_TRUE(std::all_of(memory.keep.begin(), memory.keep.end(), [](bool keep) { return keep; }));
  for (const LevelMapping& level : point.levels) {  // orders are permutations, X first
    std::vector<int> sorted = level.temporal_order;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(std::is_partitioned(level.spatial_order.begin(), level.spatial_order.end(),
                                    [&](int dim) { return bool(level.spatial_x[dim]); }));
  }
}

TEST(Mapspace, SamplesRespectConstraintsAndMostlyFit) {
  Mapspace space = make_mapspace(kConstrained);
  Random random(1);
  int fitting = 0;
  for (int i = 0; i < 500; ++i) {
    MapPoint point = space.sample(random);
    expect_within_constraints(space, point);
    if (space.precheck(point).empty()) ++fitting;
  }
  EXPECT_GT(fitting, 400);
}

TEST(Mapspace, MovesStayWithinConstraints) {
  Mapspace space = make_mapspace(kConstrained);
  Random random(2);
  MapPoint point = space.sample(random);
  for (int i = 0; i < 2000; ++i) {
    point = space.mutate(point, random);
    expect_within_constraints(space, point);
  }
}

TEST(Mapspace, NeighboursAreDistinctSingleMovesWithinConstraints) {
  Mapspace space = make_mapspace(kConstrained);
  Random random(5);
  const MapPoint point = space.sample(random);
  const std::vector<MapPoint> neighbours = space.neighbours(point);
  ASSERT_GT(neighbours.size(), 10u);
  std::set<std::vector<std::int64_t>> keys{point.key()};
  for (const MapPoint& neighbour : neighbours) {
    expect_within_constraints(space, neighbour);
    EXPECT_TRUE(keys.insert(neighbour.key()).second) << "repeated or unchanged neighbour";
  }
}

TEST(Mapspace, SameSeedSameSamples) {
  Mapspace space = make_mapspace(kConstrained);
  Random first(42), second(42), other(43);
  bool differs = false;
  for (int i = 0; i < 50; ++i) {
    std::vector<std::int64_t> key = space.sample(first).key();
    EXPECT_EQ(key, space.sample(second).key());
    differs = differs || key != space.sample(other).key();
  }
  EXPECT_TRUE(differs);
}

TEST(Mapspace, TileSizesFollowProjections) {
  Mapspace space = make_mapspace("{}");
  Random random(3);
  MapPoint point = space.sample(random);
  for (LevelMapping& level : point.levels) {
    std::fill(level.temporal.begin(), level.temporal.end(), 1);
    std::fill(level.spatial.begin(), level.spatial.end(), 1);
  }
  point.levels[0].temporal = {2, 3, 4};  // K2 R3 P4 in the register file
  point.levels[1].spatial = {2, 1, 1};
  point.levels[2].temporal = {8, 1, 4};
  EXPECT_EQ(space.tile_size(point, 0, 0), 2 * 3);      // Weights K x R
  EXPECT_EQ(space.tile_size(point, 0, 1), 3 + 4 - 1);  // Inputs R + P - 1
  EXPECT_EQ(space.tile_size(point, 1, 2), 4 * 4);      // Outputs K x P incl. the spatial K2
  point.levels[0].keep = {true, true, true};
  EXPECT_EQ(space.precheck(point), "");  // 6 + 6 + 8 words fit in 64
  point.levels[0].temporal = {16, 3, 4};
  point.levels[2].temporal = {1, 1, 4};
  EXPECT_EQ(space.precheck(point), "RegisterFile: tile size 118 exceeds capacity 64");
}

TEST(Mapspace, RejectsFanoutForcedBeyondOneAxis) {
  EXPECT_THROW(make_mapspace(R"(architecture_constraints: {targets: [
      {target: GlobalBuffer, type: spatial, factors: K=8, permutation: K, split: 1}]})"),
               InputError);
}

TEST(Mapspace, UtilizationAndLoopLimitsAreChecked) {
  compat::SourceMap sources;
  MapspaceShape shape = testing::conv1d_oc_shape();
  Constraints constraints = parse_constraints(
      YAML::Load("architecture_constraints: {targets: [{target: GlobalBuffer, type: utilization, min: 1.0}]}"),
      shape, sources);
  Mapspace space(shape, constraints, 1);
  Random random(4);
  for (int i = 0; i < 200; ++i) {
    MapPoint point = space.sample(random);
    if (!space.precheck(point).empty()) continue;
    const LevelMapping& buffer = point.levels[1];
    EXPECT_EQ(buffer.spatial[0] * buffer.spatial[1] * buffer.spatial[2], 8);
    int loops = 0;
    for (const LevelMapping& level : point.levels)
      for (std::int64_t factor : level.temporal) loops += factor > 1;
    EXPECT_LE(loops, 1);
  }
}

}  // namespace
}  // namespace cimloop::mapper
