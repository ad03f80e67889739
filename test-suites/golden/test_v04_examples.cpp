// Our own v0.4 examples (examples/) process without Python; where the design is one of the
// exercises' reference designs, the architecture levels must equal the reference processed
// input (../shared/fixtures/timeloop/ex-<design>/input.yaml).
#include <gtest/gtest.h>

#include <filesystem>

#include "compat/v04/process_v04.hpp"
#include "test-suites/golden/v04_golden_helpers.hpp"

namespace fs = std::filesystem;
using namespace cimloop::compat::v04;
using namespace v04_test;

namespace {

const fs::path kExamples = fs::path(CIMLOOP_SOURCE_DIR) / "examples";
const fs::path kReference = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop";

YAML::Node process_example(const std::string& design, const std::string& problem = "problem.yaml") {
  const fs::path dir = kExamples / design;
  const std::vector<std::string> files = {(dir / "arch.yaml").string(), (dir / problem).string(), (dir / "map.yaml").string()};
  return YAML::Load(processed_to_text(process_v04(files, {}, Purpose::Model)));
}

class V04Example : public testing::TestWithParam<std::string> {};

TEST_P(V04Example, ProcessesToAModelInput) {
  const YAML::Node processed = process_example(GetParam());
  EXPECT_GT(processed["architecture"]["subtree"][0]["local"].size(), 3u);
  EXPECT_GT(processed["mapping"].size(), 3u);
  EXPECT_EQ(processed["architecture_constraints"]["targets"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Designs, V04Example,
                         testing::Values("eyeriss_like", "simba_like", "simple_weight_stationary", "simple_output_stationary",
                                         "sparse"));

class V04ExampleVsReference : public testing::TestWithParam<std::string> {};

// The levels without their `technology` attribute: it only feeds energy estimation (the
// reference's own eyeriss_like drifted from 32nm to 65nm with unchanged stats), and our examples
// say 45nm, the node the built-in estimators model.
YAML::Node levels_without_technology(const YAML::Node& processed) {
  YAML::Node levels(YAML::NodeType::Sequence);
  for (const YAML::Node& level : processed["architecture"]["subtree"][0]["local"]) {
    YAML::Node copy(YAML::NodeType::Map);
    for (const auto& entry : level) {
      if (entry.first.Scalar() != "attributes") {
        copy[entry.first.Scalar()] = entry.second;
        continue;
      }
      YAML::Node attributes(YAML::NodeType::Map);
      for (const auto& attribute : entry.second)
        if (attribute.first.Scalar() != "technology") attributes[attribute.first.Scalar()] = attribute.second;
      copy["attributes"] = attributes;
    }
    levels.push_back(copy);
  }
  return levels;
}

TEST_P(V04ExampleVsReference, LevelsEqualTheReferenceDesign) {
  if (fixtures_missing(kReference)) GTEST_SKIP() << "fixtures not found at " << kReference;
  const YAML::Node ours = process_example(GetParam());
  const YAML::Node reference = YAML::LoadFile((kReference / ("ex-" + GetParam()) / "input.yaml").string());
  std::vector<std::string> diffs;
  compare(levels_without_technology(ours), levels_without_technology(reference), "local", diffs);
  EXPECT_TRUE(diffs.empty()) << joined(diffs);
}

INSTANTIATE_TEST_SUITE_P(Designs, V04ExampleVsReference,
                         testing::Values("eyeriss_like", "simple_weight_stationary", "simple_output_stationary"));

TEST(V04ExampleLayers, EveryLayerShapeResolvesOntoTheBaseShape) {
  const YAML::Node base = YAML::LoadFile((kExamples / "layer_shapes/conv2d_base.yaml").string())["problem"];
  int layers = 0;
  for (const char* network : {"alexnet", "resnet18", "vgg16"}) {
    for (const auto& entry : fs::directory_iterator(kExamples / "layer_shapes" / network)) {
      const fs::path relative = fs::path("..") / "layer_shapes" / network / entry.path().filename();
      const YAML::Node problem = process_example("eyeriss_like", relative.string())["problem"];
      std::vector<std::string> diffs;
      compare(problem["shape"]["data_spaces"][1]["projection"], base["shape"]["data_spaces"][1]["projection"],
              entry.path().string(), diffs);
      EXPECT_TRUE(diffs.empty()) << joined(diffs);
      for (const auto& bound : base["instance"])
        EXPECT_GE(problem["instance"][bound.first.Scalar()].as<int>(), 1) << entry.path() << " " << bound.first;
      ++layers;
    }
  }
  EXPECT_EQ(layers, 5 + 11 + 13);
}

TEST(V04ExampleLayers, LayerBoundsOverrideTheBaseAndKeepItsDefaults) {
  const YAML::Node instance = process_example("eyeriss_like", "../layer_shapes/alexnet/conv1.yaml")["problem"]["instance"];
  const std::map<std::string, int> expected = {{"C", 3},       {"M", 64},      {"R", 11},        {"S", 11},
                                               {"N", 1},       {"P", 55},      {"Q", 55},        {"Wstride", 4},
                                               {"Hstride", 4}, {"Wdilation", 1}, {"Hdilation", 1}};
  for (const auto& [key, value] : expected) EXPECT_EQ(instance[key].as<int>(), value) << key;
  EXPECT_EQ(instance.size(), expected.size() + 1);  // + densities: {}
}

}  // namespace
