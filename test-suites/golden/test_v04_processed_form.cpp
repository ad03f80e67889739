// The processed tree the programs use is built in place (no text round trip): it must be what
// reading processed_to_text's text back gives, node for node (kind, text, quoting, key order),
// for the raw v0.4 fixture cases and CiMLoop's macros; and errors found in it name the
// specification's own file and line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "compat/cimloop/macro_run.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/common/error.hpp"
#include "test-suites/golden/cimloop_runs.hpp"
#include "test-suites/golden/v04_golden_helpers.hpp"

namespace fs = std::filesystem;
using namespace cimloop::compat::v04;

namespace {

const fs::path kRawDir = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop-raw";
const fs::path kTop = fs::path(CIMLOOP_CLIENTS_DIR) / "cimloop" / "models" / "top.yaml.jinja2";

void expect_same_nodes(const YAML::Node& built, const YAML::Node& read, const std::string& path,
                       std::vector<std::string>& diffs) {
  if (built.Type() != read.Type()) {
    diffs.push_back(path + ": node kind differs");
  } else if (built.IsMap()) {
    if (built.size() != read.size()) diffs.push_back(path + ": key count differs");
    auto a = built.begin();
    for (auto b = read.begin(); a != built.end() && b != read.end(); ++a, ++b) {
      if (a->first.Scalar() != b->first.Scalar()) diffs.push_back(path + ": key " + a->first.Scalar() + " vs " + b->first.Scalar());
      expect_same_nodes(a->second, b->second, path + "." + b->first.Scalar(), diffs);
    }
  } else if (built.IsSequence()) {
    if (built.size() != read.size()) diffs.push_back(path + ": length differs");
    for (size_t i = 0; i < std::min(built.size(), read.size()); ++i)
      expect_same_nodes(built[i], read[i], path + "[" + std::to_string(i) + "]", diffs);
  } else if (built.IsScalar()) {
    if (built.Scalar() != read.Scalar()) diffs.push_back(path + ": '" + built.Scalar() + "' vs '" + read.Scalar() + "'");
    if ((built.Tag() == "!") != (read.Tag() == "!")) diffs.push_back(path + ": quoting of '" + read.Scalar() + "' differs");
  }
}

void expect_round_trip_identity(const ProcessedV04& processed) {
  std::vector<std::string> diffs;
  expect_same_nodes(processed.root, YAML::Load(processed_to_text(processed.root)), "", diffs);
  EXPECT_TRUE(diffs.empty()) << v04_test::joined(diffs);
}

class ProcessedFormCase : public testing::TestWithParam<std::string> {};

TEST_P(ProcessedFormCase, BuiltTreeIsItsTextReadBack) {
  if (v04_test::fixtures_missing(kRawDir)) GTEST_SKIP() << "fixtures not found at " << kRawDir;
  const YAML::Node spec = YAML::LoadFile((kRawDir / "cases" / GetParam() / "case.yaml").string());
  std::vector<std::string> inputs;
  for (const YAML::Node& input : spec["inputs"]) inputs.push_back((kRawDir / input.Scalar()).string());
  std::map<std::string, std::string> vars;
  for (const auto& entry : spec["jinja"]) vars[entry.first.Scalar()] = entry.second.Scalar();
  expect_round_trip_identity(process_v04_located(inputs, vars, Purpose::Mapper));
}

INSTANTIATE_TEST_SUITE_P(TimeloopRaw, ProcessedFormCase, testing::ValuesIn(v04_test::raw_case_names(kRawDir)),
                         v04_test::case_test_name);

class ProcessedFormMacro : public testing::TestWithParam<std::string> {};

TEST_P(ProcessedFormMacro, BuiltTreeIsItsTextReadBack) {
  if (!fs::exists(kTop)) GTEST_SKIP() << "client kit not found at " << kTop;
  const auto spec = cimloop::compat::cimloop::quick_run(kTop.string(), GetParam());
  expect_round_trip_identity(process_v04_located(spec.files, spec.jinja, Purpose::Mapper, {spec.overrides, true}));
}

INSTANTIATE_TEST_SUITE_P(Cimloop, ProcessedFormMacro, testing::ValuesIn(cimloop::golden::cimloop_default_runs()));

// Every node that kept a mark is located at a line of its own file that holds its text.
void expect_marks_point_at_their_text(const YAML::Node& node, const cimloop::compat::SourceMap& sources, int& checked) {
  if (node.IsMap()) {
    for (const auto& entry : node) expect_marks_point_at_their_text(entry.second, sources, checked);
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) expect_marks_point_at_their_text(item, sources, checked);
  } else if (node.IsScalar() && !node.Mark().is_null() && node.Scalar().find('\n') == std::string::npos) {
    const std::string where = sources.locate(node);
    const size_t colon = where.rfind(':');
    ASSERT_NE(colon, std::string::npos) << where;
    std::ifstream file(where.substr(0, colon));
    std::string line;
    for (int number = std::stoi(where.substr(colon + 1)); number > 0 && std::getline(file, line);) --number;
    EXPECT_NE(line.find(node.Scalar()), std::string::npos) << where << " does not hold '" << node.Scalar() << "'";
    ++checked;
  }
}

TEST(ProcessedFormLocations, MarkedNodesNameTheirFileAndLine) {
  const fs::path example = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "eyeriss_like";
  const std::vector<std::string> files = {(example / "arch.yaml").string(), (example / "problem.yaml").string(),
                                          (example / "map.yaml").string()};
  const cimloop::compat::MergedInput merged = merged_from_v04(files, {}, Purpose::Model, "", {});
  int checked = 0;
  expect_marks_point_at_their_text(merged.root, merged.sources, checked);
  EXPECT_GT(checked, 20);
  // computed values have no place in a file: the entry file stands for them
  EXPECT_EQ(merged.sources.locate(YAML::Node("computed")), files.front());
}

}  // namespace
