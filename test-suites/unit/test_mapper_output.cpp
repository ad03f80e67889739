#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/constraints_reader.hpp"
#include "compat/timeloop/map_yaml_writer.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/model_bridge.hpp"
#include "src/mapper/progress.hpp"
#include "mapper_test_shapes.hpp"

namespace cimloop::mapper {
namespace {

using compat::parse_constraints;

// The conv1d shape as a model architecture: 8 register files below one buffer (4 x 2 mesh).
arch::ArchSpec conv1d_arch() {
  arch::ArchSpec spec;
  spec.arithmetic.mesh_x = 4;
  spec.arithmetic.mesh_y = 2;
  spec.arithmetic.instances = 8;
  for (const char* name : {"RegisterFile", "GlobalBuffer", "MainMemory"}) {
    arch::BufferSpec buffer;
    buffer.name = name;
    spec.storage.push_back(buffer);
  }
  spec.storage[0].mesh_x = 4;
  spec.storage[0].mesh_y = 2;
  return spec;
}

MapPoint example_point() {
  MapPoint point;
  for (int level = 0; level < 3; ++level) {
    LevelMapping mapping;
    mapping.temporal = {1, 1, 1};
    mapping.spatial = {1, 1, 1};
    mapping.temporal_order = {0, 1, 2};
    mapping.spatial_order = {0, 1, 2};
    mapping.spatial_x = {true, true, true};
    mapping.keep = {true, true, true};
    point.levels.push_back(mapping);
  }
  point.levels[0].temporal = {1, 3, 2};
  point.levels[0].temporal_order = {0, 2, 1};  // P inside R
  point.levels[0].keep = {true, false, true};
  point.levels[1].spatial = {4, 1, 2};
  point.levels[1].spatial_x = {true, true, false};
  point.levels[1].spatial_order = {1, 0, 2};
  point.levels[2].temporal = {8, 1, 4};
  point.levels[2].temporal_order = {2, 0, 1};
  return point;
}

TEST(MapperOutput, WritesMapYamlLikeTheReferenceMapper) {
  const MapspaceShape shape = testing::conv1d_oc_shape();
  const mapping::MappingSpec spec = to_mapping_spec(example_point(), shape, unconstrained(shape));
  EXPECT_EQ(spec.levels[1].split, 1);
  EXPECT_EQ(compat::format_map_yaml(spec, conv1d_arch(), shape.problem),
            "mapping:\n"
            "  - target: RegisterFile\n    type: datatype\n    keep:\n      - Weights\n      - Outputs\n"
            "    bypass:\n      - Inputs\n"
            "  - target: GlobalBuffer\n    type: datatype\n    keep:\n      - Weights\n      - Inputs\n"
            "      - Outputs\n    bypass:\n      []\n"
            "  - target: MainMemory\n    type: datatype\n    keep:\n      - Weights\n      - Inputs\n"
            "      - Outputs\n    bypass:\n      []\n"
            "  - target: RegisterFile\n    type: temporal\n    factors: K1 R3 P2\n    permutation: PRK\n"
            "  - target: GlobalBuffer\n    type: spatial\n    factors: K4 R1 P2\n    permutation: KPR\n    split: 1\n"
            "  - target: GlobalBuffer\n    type: temporal\n    factors: K1 R1 P1\n    permutation: KRP\n"
            "  - target: MainMemory\n    type: temporal\n    factors: K8 R1 P4\n    permutation: PKR");
}

// Reuse directives are not searched: they come from the constraints and must reach both the
// evaluated mapping and the written map.yaml, or the mapper would score (and write) a
// different model than timeloop-model reads back.
TEST(MapperOutput, CarriesReuseDirectivesFromTheConstraints) {
  const MapspaceShape shape = testing::conv1d_oc_shape();
  const YAML::Node root = YAML::Load(R"(
architecture_constraints:
  targets:
  - {target: GlobalBuffer, type: temporal, no_reuse: [Inputs], rmw_first_update: [Outputs]}
  - {target: GlobalBuffer, type: spatial, no_reuse: [Weights]}
  - {target: RegisterFile, type: bypass, keep: [Weights], no_coalesce: [Outputs]}
)");
  const Constraints constraints = parse_constraints(root, shape, compat::SourceMap());
  const mapping::MappingSpec spec = to_mapping_spec(example_point(), shape, constraints);
  EXPECT_EQ(spec.levels[1].no_temporal_reuse, mapping::DataSpaceMask{0b010});
  EXPECT_EQ(spec.levels[1].rmw_first_update, mapping::DataSpaceMask{0b100});
  EXPECT_EQ(spec.levels[1].no_multicast, mapping::DataSpaceMask{0b001});
  EXPECT_EQ(spec.levels[0].no_coalesce, mapping::DataSpaceMask{0b100});
  EXPECT_EQ(spec.levels[2].no_temporal_reuse, mapping::DataSpaceMask{0});
  const std::string yaml = compat::format_map_yaml(spec, conv1d_arch(), shape.problem);
  EXPECT_NE(yaml.find("    bypass:\n      - Inputs\n    no_coalesce:\n      - Outputs\n"
                      "  - target: GlobalBuffer\n"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("split: 1\n    no_reuse:\n      - Weights\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("permutation: KRP\n    no_reuse:\n      - Inputs\n    rmw_first_update:\n      - Outputs\n"
                      "  - target: MainMemory\n"),
            std::string::npos)
      << yaml;
  EXPECT_EQ(yaml.find("no_reuse", yaml.find("target: MainMemory\n    type: temporal")), std::string::npos) << yaml;
}

// A constrained factor that does not divide its dimension (as CiMLoop's RAELLA constrains 16
// weight bits to 6 columns): the free slots share ceil(32 / 3) = 11, and the written mapping
// gets residuals so that it covers the 32 output channels exactly.
TEST(MapperOutput, ConstraintsThatDoNotDivideGiveResiduals) {
  const MapspaceShape shape = testing::conv1d_oc_shape();
  const YAML::Node root =
      YAML::Load("architecture_constraints: {targets: [{target: GlobalBuffer, type: spatial, factors: K=3}]}");
  const Mapspace mapspace(shape, parse_constraints(root, shape, compat::SourceMap()));
  Random random(7);
  for (int sample = 0; sample < 20; ++sample) {
    const MapPoint point = mapspace.sample(random);
    std::int64_t product = 1;
    for (const LevelMapping& level : point.levels) product *= level.temporal[0] * level.spatial[0];
    EXPECT_EQ(product, 33);
    EXPECT_EQ(point.levels[1].spatial[0], 3);
    const mapping::MappingSpec spec = to_mapping_spec(point, shape, mapspace.constraints());
    const mapping::Mapping nest = mapping::build_mapping(spec, conv1d_arch(), shape.problem);  // covers K = 32
    EXPECT_TRUE(nest.imperfect());
    EXPECT_NE(compat::format_map_yaml(spec, conv1d_arch(), shape.problem).find(","), std::string::npos);
  }
}

TEST(MapperOutput, ProgressLineShowsCountsBestRateAndTime) {
  SearchMonitor monitor;
  monitor.visited = 1500;
  monitor.evaluated = 1200;
  monitor.valid = 1000;
  EXPECT_EQ(format_progress(monitor, {Metric::Edp}, 2.0), "1500 mappings, 1200 evaluated, 1000 valid | 600/s | 2.0 s");
  monitor.offer_best({5.1e12});
  monitor.offer_best({6e12});
  EXPECT_EQ(format_progress(monitor, {Metric::Edp}, 0.5),
            "1500 mappings, 1200 evaluated, 1000 valid | best edp 5.1e+12 | 2.4k/s | 0.5 s");
}

}  // namespace
}  // namespace cimloop::mapper
