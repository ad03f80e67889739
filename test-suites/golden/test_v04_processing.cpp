// Raw v0.4 specifications (../shared/fixtures/timeloop-raw) processed natively must match, in
// content, what timeloopfe wrote for the same files (cases/*/processed-input.yaml) and the
// problems it resolved for the 45 layer-shape files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "compat/v04/process_v04.hpp"
#include "test-suites/golden/v04_golden_helpers.hpp"

namespace fs = std::filesystem;
using namespace cimloop::compat::v04;
using namespace v04_test;

namespace {

const fs::path kRawDir = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop-raw";

struct CaseRun {
  YAML::Node processed;
  YAML::Node expected;
};

CaseRun run_case(const std::string& name) {
  const YAML::Node spec = YAML::LoadFile((kRawDir / "cases" / name / "case.yaml").string());
  std::vector<std::string> inputs;
  for (const YAML::Node& input : spec["inputs"]) inputs.push_back((kRawDir / input.Scalar()).string());
  std::map<std::string, std::string> vars;
  for (const auto& entry : spec["jinja"]) vars[entry.first.Scalar()] = entry.second.Scalar();
  const Purpose purpose = spec["kind"].Scalar() == "model" ? Purpose::Model : Purpose::Mapper;
  const YAML::Node processed = process_v04(inputs, vars, purpose);
  return {YAML::Load(processed_to_text(processed)),
          YAML::LoadFile((kRawDir / "cases" / name / "processed-input.yaml").string())};
}

class V04Case : public testing::TestWithParam<std::string> {};

TEST_P(V04Case, ProcessedTreeMatchesTimeloopfe) {
  if (fixtures_missing(kRawDir)) GTEST_SKIP() << "fixtures not found at " << kRawDir;
  const CaseRun run = run_case(GetParam());
  std::vector<std::string> diffs;
  compare(run.processed, run.expected, "", diffs);
  EXPECT_TRUE(diffs.empty()) << joined(diffs);
}

INSTANTIATE_TEST_SUITE_P(TimeloopRaw, V04Case, testing::ValuesIn(raw_case_names(kRawDir)), case_test_name);

TEST(V04LayerShapes, ProblemsMatchTimeloopfe) {
  if (fixtures_missing(kRawDir)) GTEST_SKIP() << "fixtures not found at " << kRawDir;
  const YAML::Node expected = YAML::LoadFile((kRawDir / "cases/layer-shapes/expected-problems.yaml").string());
  const std::string entry = (kRawDir / "example_designs/example_designs/top.yaml.jinja2").string();
  int checked = 0;
  for (const auto& layer : expected["instances"]) {
    const std::string relative = layer.first.Scalar();
    const YAML::Node problem = YAML::Load(processed_to_text(process_v04(
        {entry}, {{"architecture", "eyeriss_like"}, {"problem", (kRawDir / relative).string()}}, Purpose::Mapper)))["problem"];
    std::vector<std::string> diffs;
    compare(problem["shape"], expected["shape"], relative + ":shape", diffs);
    compare(problem["instance"], layer.second, relative + ":instance", diffs);
    compare(problem["version"], expected["version"], relative + ":version", diffs);
    EXPECT_TRUE(diffs.empty()) << joined(diffs);
    ++checked;
  }
  EXPECT_EQ(checked, 45);
}

TEST(V04LayerShapes, RelativeProblemPathResolvesLikeAbsolute) {
  if (fixtures_missing(kRawDir)) GTEST_SKIP() << "fixtures not found at " << kRawDir;
  const std::string entry = (kRawDir / "example_designs/example_designs/top.yaml.jinja2").string();
  const YAML::Node relative = process_v04({entry}, {{"architecture", "eyeriss_like"}, {"problem", "../layer_shapes/vgg16/03.yaml"}},
                                          Purpose::Mapper)["problem"];
  const YAML::Node absolute = process_v04(
      {entry}, {{"architecture", "eyeriss_like"}, {"problem", (kRawDir / "example_designs/layer_shapes/vgg16/03.yaml").string()}},
      Purpose::Mapper)["problem"];
  std::vector<std::string> diffs;
  compare(YAML::Load(processed_to_text(relative)), YAML::Load(processed_to_text(absolute)), "problem", diffs);
  EXPECT_TRUE(diffs.empty()) << joined(diffs);
}

}  // namespace
