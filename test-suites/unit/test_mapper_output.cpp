#include <gtest/gtest.h>

#include "compat/timeloop/map_yaml_writer.hpp"
#include "src/mapper/model_bridge.hpp"
#include "src/mapper/progress.hpp"
#include "mapper_test_shapes.hpp"

namespace cimloop::mapper {
namespace {

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
  const mapping::MappingSpec spec = to_mapping_spec(example_point(), shape);
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
