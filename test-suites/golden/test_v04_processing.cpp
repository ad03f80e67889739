// Raw v0.4 specifications (../shared/fixtures/timeloop-raw) processed natively must match, in
// content, what timeloopfe wrote for the same files (cases/*/processed-input.yaml) and the
// problems it resolved for the 45 layer-shape files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "compat/v04/process_v04.hpp"
#include "compat/v04/spec_values.hpp"

namespace fs = std::filesystem;
using namespace cimloop::compat::v04;

namespace {

const fs::path kRawDir = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop-raw";

bool fixtures_missing() {
  if (fs::exists(kRawDir)) return false;
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") ADD_FAILURE() << "fixtures not found at " << kRawDir;
  return true;
}

bool scalars_equal(const YAML::Node& a, const YAML::Node& b) {
  if (a.IsNull() || b.IsNull()) return a.IsNull() && b.IsNull();
  if (a.Scalar() == b.Scalar()) return true;
  const Value x = yaml_to_value(YAML::Node(a.Scalar())), y = yaml_to_value(YAML::Node(b.Scalar()));
  if (x.is_number() && y.is_number()) return x.as_double() == y.as_double();
  return false;
}

// Lists whose order is a Python set / glob order in timeloopfe (see the fixtures' README).
bool unordered_list(const std::string& key) {
  return key == "required_actions" || key == "keep" || key == "bypass" || key == "classes";
}

std::string sort_key(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsMap() && node["name"]) return node["name"].Scalar();
  return YAML::Dump(node);
}

// Sorted through indices: sorting YAML::Node values would assign them, and assigning a
// YAML::Node rebinds the node it refers to.
std::vector<YAML::Node> sorted(const YAML::Node& list) {
  std::vector<YAML::Node> items(list.begin(), list.end());
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sort_key(items[a]) < sort_key(items[b]); });
  std::vector<YAML::Node> out;
  for (size_t i : order) out.push_back(items[i]);
  return out;
}

void compare(const YAML::Node& ours, const YAML::Node& theirs, const std::string& path, std::vector<std::string>& diffs) {
  if (diffs.size() > 20) return;
  if (ours.IsMap() && theirs.IsMap()) {
    for (const auto& entry : theirs) {
      const std::string key = entry.first.Scalar();
      if (!ours[key]) diffs.push_back(path + "." + key + ": missing in ours");
      else compare(ours[key], entry.second, path + "." + key, diffs);
    }
    for (const auto& entry : ours)
      if (!theirs[entry.first.Scalar()]) diffs.push_back(path + "." + entry.first.Scalar() + ": extra in ours");
    return;
  }
  if (ours.IsSequence() && theirs.IsSequence()) {
    if (ours.size() != theirs.size()) {
      diffs.push_back(path + ": " + std::to_string(ours.size()) + " items vs " + std::to_string(theirs.size()));
      return;
    }
    const std::string key = path.substr(path.rfind('.') + 1);
    std::vector<YAML::Node> a(ours.begin(), ours.end()), b(theirs.begin(), theirs.end());
    if (unordered_list(key)) {
      std::vector<YAML::Node> sorted_ours = sorted(ours), sorted_theirs = sorted(theirs);
      a.swap(sorted_ours);
      b.swap(sorted_theirs);
    }
    for (size_t i = 0; i < a.size(); ++i) compare(a[i], b[i], path + "[" + std::to_string(i) + "]", diffs);
    return;
  }
  const bool both_scalar_like = (ours.IsScalar() || ours.IsNull()) && (theirs.IsScalar() || theirs.IsNull());
  if (!both_scalar_like || !scalars_equal(ours, theirs))
    diffs.push_back(path + ": ours " + YAML::Dump(ours) + " vs " + YAML::Dump(theirs));
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  if (!fs::exists(kRawDir / "cases")) return {"fixtures-missing"};
  for (const auto& entry : fs::directory_iterator(kRawDir / "cases"))
    if (fs::exists(entry.path() / "processed-input.yaml")) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

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
  if (fixtures_missing()) GTEST_SKIP() << "fixtures not found at " << kRawDir;
  const CaseRun run = run_case(GetParam());
  std::vector<std::string> diffs;
  compare(run.processed, run.expected, "", diffs);
  EXPECT_TRUE(diffs.empty()) << joined(diffs);
}

INSTANTIATE_TEST_SUITE_P(TimeloopRaw, V04Case, testing::ValuesIn(case_names()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                           return name;
                         });

TEST(V04LayerShapes, ProblemsMatchTimeloopfe) {
  if (fixtures_missing()) GTEST_SKIP() << "fixtures not found at " << kRawDir;
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
  if (fixtures_missing()) GTEST_SKIP() << "fixtures not found at " << kRawDir;
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
