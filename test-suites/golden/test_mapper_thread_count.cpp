// timeloop-mapper's result does not depend on the thread count: every mapper fixture, run
// with its own settings at num_threads 1, 2 and 8, writes the same bytes in every file.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "golden_helpers.hpp"
#include "mapper_fixture.hpp"

namespace cimloop::golden {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop";
const fs::path kBin = CIMLOOP_BIN_DIR;

// Every file the run wrote (name -> bytes), but for stdout, which reports the wall time.
// The settings go first, with the case's own mapper section at `threads` threads.
std::map<std::string, std::string> run_with_threads(const MapperCase& mapper_case, int threads) {
  const fs::path out = fresh_test_directory("cimloop-mapper-threads-" + std::to_string(threads));
  const fs::path settings = out / "threads.yaml";
  YAML::Node mapper = YAML::LoadFile((mapper_case.dir / "input.yaml").string())["mapper"];
  mapper["num_threads"] = threads;
  YAML::Node override_file;
  override_file["mapper"] = mapper;  // the first file's mapper section wins
  std::ofstream(settings) << override_file << '\n';
  const int exit_code = run_in(mapper_case.dir,
                               shell_quote((kBin / "timeloop-mapper").string()) + " " + shell_quote(settings.string()) +
                                   " input.yaml ERT.yaml ART.yaml -o " + shell_quote(out.string()),
                               out);
  EXPECT_EQ(exit_code, 0) << read_file(out / "stderr.txt");
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(out))
    if (entry.path() != settings && entry.path().filename() != "stdout.txt") files[entry.path().filename().string()] = read_file(entry.path());
  fs::remove_all(out);
  return files;
}

class MapperThreadCount : public testing::TestWithParam<MapperCase> {};

TEST_P(MapperThreadCount, SameBytesWithOneTwoAndEightThreads) {
  const std::map<std::string, std::string> single = run_with_threads(GetParam(), 1);
  ASSERT_TRUE(single.count("timeloop-mapper.map.yaml"));
  for (int threads : {2, 8}) {
    const std::map<std::string, std::string> parallel = run_with_threads(GetParam(), threads);
    ASSERT_EQ(parallel.size(), single.size()) << threads << " threads";
    for (const auto& [name, bytes] : single) {
      const auto found = parallel.find(name);
      ASSERT_NE(found, parallel.end()) << name << " missing with " << threads << " threads";
      EXPECT_TRUE(found->second == bytes) << name << " differs between 1 and " << threads << " threads";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MapperThreadCount, testing::ValuesIn(mapper_cases(kCases)), mapper_case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(MapperThreadCount);

TEST(MapperThreadCountFixtures, Present) { CIMLOOP_REQUIRE_FIXTURES(kCases); }

}  // namespace
}  // namespace cimloop::golden
