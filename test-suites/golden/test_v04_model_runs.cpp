// timeloop-model on raw v0.4 inputs, no Python: every case of ../shared/fixtures/timeloop-raw
// (with its Jinja2 variables, its ERT/ART and, for mapper cases, the mapper's map.yaml) and our
// own examples with the reference designs' ERT/ART must write stats.txt, map.txt and
// map.tenssella.txt byte-identical to the expected outputs. timeloop-mapper on the raw files of
// the mapper cases must write exactly what it writes for timeloopfe's processed input.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test-suites/golden/v04_golden_helpers.hpp"

#include "test-suites/golden/golden_helpers.hpp"

namespace fs = std::filesystem;
using namespace v04_test;

namespace {

using cimloop::golden::read_file;
using cimloop::golden::run_in;
using cimloop::golden::shell_quote;

const fs::path kRawDir = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop-raw";
const fs::path kReference = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop";
const fs::path kExamples = fs::path(CIMLOOP_SOURCE_DIR) / "examples";

// Runs `program` with `arguments` into `out` (created empty) from `cwd` (default: `out`, where
// an estimating run leaves its Accelergy log); the exit status.
int run_program(const std::string& program, const std::vector<std::string>& arguments, const fs::path& out,
                const fs::path& cwd = {}) {
  fs::remove_all(out);
  fs::create_directories(out);
  std::vector<std::string> words = {(fs::path(CIMLOOP_BIN_DIR) / program).string()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  words.push_back("-o");
  words.push_back(out.string());
  return run_in(cwd.empty() ? out : cwd, cimloop::golden::quoted_words(words), out);
}

// Runs timeloop-model with `arguments` and compares its outputs with the files in `expected`
// (only checks that stats.txt and the Accelergy tables were written when `expected` is empty).
void run_and_compare(const std::vector<std::string>& arguments, const fs::path& expected, const std::string& name) {
  const fs::path out = fs::temp_directory_path() / ("cimloop-v04-" + std::to_string(::getpid()) + "-" + name);
  ASSERT_EQ(run_program("timeloop-model", arguments, out), 0) << read_file(out / "stderr.txt");
  if (expected.empty()) {
    for (const char* file : {"stats.txt", "ERT.yaml", "ART.yaml"})
      EXPECT_TRUE(fs::exists(out / (std::string("timeloop-model.") + file))) << file;
    fs::remove_all(out);
    return;
  }
  int compared = 0;
  for (const char* file : {"stats.txt", "map.txt", "map.tenssella.txt"}) {
    if (!fs::exists(expected / file)) continue;
    EXPECT_TRUE(read_file(out / (std::string("timeloop-model.") + file)) == read_file(expected / file))
        << file << " differs from " << expected / file;
    ++compared;
  }
  EXPECT_GT(compared, 0);
  fs::remove_all(out);
}

class V04ModelRun : public testing::TestWithParam<std::string> {};

TEST_P(V04ModelRun, OutputsAreByteIdentical) {
  if (fixtures_missing(kRawDir)) GTEST_SKIP() << "fixtures not found at " << kRawDir;
  const YAML::Node spec = YAML::LoadFile((kRawDir / "cases" / GetParam() / "case.yaml").string());
  std::vector<std::string> arguments;
  for (const YAML::Node& input : spec["inputs"]) arguments.push_back((kRawDir / input.Scalar()).string());
  for (const auto& entry : spec["jinja"]) {
    arguments.push_back("--var");
    arguments.push_back(entry.first.Scalar() + "=" + entry.second.Scalar());
  }
  const YAML::Node reference = spec["reference"];
  if (reference["map"]) arguments.push_back((kRawDir / reference["map"].Scalar()).string());
  arguments.push_back((kRawDir / reference["ERT"].Scalar()).string());
  arguments.push_back((kRawDir / reference["ART"].Scalar()).string());
  run_and_compare(arguments, (kRawDir / reference["expected_stats"].Scalar()).parent_path(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(TimeloopRaw, V04ModelRun, testing::ValuesIn(raw_case_names(kRawDir)), case_test_name);

// --dump-processed writes timeloopfe's processed form (model form: the model cases).
class V04DumpProcessed : public testing::TestWithParam<std::string> {};

TEST_P(V04DumpProcessed, MatchesTimeloopfeInContent) {
  if (fixtures_missing(kRawDir)) GTEST_SKIP() << "fixtures not found at " << kRawDir;
  const fs::path case_dir = kRawDir / "cases" / GetParam();
  const YAML::Node spec = YAML::LoadFile((case_dir / "case.yaml").string());
  const fs::path out = fs::temp_directory_path() / ("cimloop-v04-dump-" + std::to_string(::getpid()) + "-" + GetParam());
  std::vector<std::string> arguments;
  for (const YAML::Node& input : spec["inputs"]) arguments.push_back((kRawDir / input.Scalar()).string());
  arguments.insert(arguments.end(), {(kRawDir / spec["reference"]["ERT"].Scalar()).string(),
                                     (kRawDir / spec["reference"]["ART"].Scalar()).string(), "--dump-processed",
                                     (out / "processed.yaml").string()});
  ASSERT_EQ(run_program("timeloop-model", arguments, out), 0) << read_file(out / "stderr.txt");
  YAML::Node dumped = YAML::LoadFile((out / "processed.yaml").string());
  for (const char* table : {"ERT", "ART"}) {
    EXPECT_TRUE(dumped[table]) << table << " given on the command line passes through";
    dumped.remove(table);
  }
  std::vector<std::string> diffs;
  compare(dumped, YAML::LoadFile((case_dir / "processed-input.yaml").string()), "", diffs);
  EXPECT_TRUE(diffs.empty()) << joined(diffs);
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(TimeloopRaw, V04DumpProcessed, testing::ValuesIn(raw_case_names(kRawDir, "model")), case_test_name);

class V04ExampleRun : public testing::TestWithParam<std::string> {};

TEST_P(V04ExampleRun, MatchesTheReferenceDesignRun) {
  if (fixtures_missing(kReference)) GTEST_SKIP() << "fixtures not found at " << kReference;
  const fs::path design = kExamples / GetParam();
  const fs::path reference = kReference / ("ex-" + GetParam());
  run_and_compare({(design / "arch.yaml").string(), (design / "problem.yaml").string(), (design / "map.yaml").string(),
                   (reference / "ERT.yaml").string(), (reference / "ART.yaml").string()},
                  reference / "expected", "example-" + GetParam());
}

INSTANTIATE_TEST_SUITE_P(Designs, V04ExampleRun,
                         testing::Values("eyeriss_like", "simple_weight_stationary", "simple_output_stationary"));

// Every example runs end to end on its own: the built-in Accelergy estimates the energy and
// area tables from the examples' compound classes (examples/components), no ERT/ART given.
class V04ExampleRunAlone : public testing::TestWithParam<std::string> {};

TEST_P(V04ExampleRunAlone, WritesStatsWithBuiltInEstimation) {
  const fs::path design = kExamples / GetParam();
  run_and_compare({(design / "arch.yaml").string(), (design / "problem.yaml").string(), (design / "map.yaml").string()},
                  fs::path(), "alone-" + GetParam());
}

INSTANTIATE_TEST_SUITE_P(Designs, V04ExampleRunAlone,
                         testing::Values("eyeriss_like", "simba_like", "simple_weight_stationary", "simple_output_stationary",
                                         "sparse"));

class V04MapperRun : public testing::TestWithParam<std::string> {};

TEST_P(V04MapperRun, RawFilesSearchLikeTheProcessedInput) {
  if (fixtures_missing(kRawDir)) GTEST_SKIP() << "fixtures not found at " << kRawDir;
  const fs::path case_dir = kRawDir / "cases" / GetParam();
  const YAML::Node spec = YAML::LoadFile((case_dir / "case.yaml").string());
  const std::string ert = (kRawDir / spec["reference"]["ERT"].Scalar()).string();
  const std::string art = (kRawDir / spec["reference"]["ART"].Scalar()).string();
  std::vector<std::string> raw;
  for (const YAML::Node& input : spec["inputs"]) raw.push_back((kRawDir / input.Scalar()).string());
  for (const auto& entry : spec["jinja"]) {
    raw.push_back("--var");
    raw.push_back(entry.first.Scalar() + "=" + entry.second.Scalar());
  }
  raw.insert(raw.end(), {ert, art});
  const fs::path base = fs::temp_directory_path() / ("cimloop-v04-mapper-" + std::to_string(::getpid()) + "-" + GetParam());
  ASSERT_EQ(run_program("timeloop-mapper", raw, base / "raw"), 0) << read_file(base / "raw/stderr.txt");
  ASSERT_EQ(run_program("timeloop-mapper", {"processed-input.yaml", ert, art}, base / "processed", case_dir), 0)
      << read_file(base / "processed/stderr.txt");
  for (const char* file : {"stats.txt", "map.yaml", "map.txt"}) {
    const std::string name = std::string("timeloop-mapper.") + file;
    ASSERT_TRUE(fs::exists(base / "raw" / name)) << name;
    EXPECT_TRUE(read_file(base / "raw" / name) == read_file(base / "processed" / name)) << name << " differs";
  }
  fs::remove_all(base);
}

INSTANTIATE_TEST_SUITE_P(TimeloopRaw, V04MapperRun, testing::ValuesIn(raw_case_names(kRawDir, "mapper")), case_test_name);

}  // namespace
