// Golden suite for timeloop-model: every case under fixtures/timeloop, fixtures/timeloop-generated
// and fixtures/timeloop-sparse-generated is run with the command of its case.yaml (inside the case folder,
// outputs redirected to a temporary directory) and compared byte for byte with expected/.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test-suites/golden/golden_helpers.hpp"

namespace {

using cimloop::golden::read_file;
using cimloop::golden::run_in;
using cimloop::golden::shell_quote;

namespace fs = std::filesystem;

struct GoldenCase {
  std::string name;  // "<suite folder>/<case folder>"
  fs::path dir;
};

void PrintTo(const GoldenCase& golden, std::ostream* out) { *out << golden.name; }

const fs::path kFixtures = CIMLOOP_FIXTURES_DIR;
const fs::path kBinary = fs::path(CIMLOOP_BIN_DIR) / "timeloop-model";

std::vector<GoldenCase> find_cases() {
  std::vector<GoldenCase> cases;
  for (const char* suite : {"timeloop", "timeloop-generated", "timeloop-sparse-generated"}) {
    const fs::path root = kFixtures / suite;
    if (!fs::is_directory(root)) continue;
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(root))
      if (fs::exists(entry.path() / "case.yaml")) dirs.push_back(entry.path());
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& dir : dirs) cases.push_back({std::string(suite) + "/" + dir.filename().string(), dir});
  }
  return cases;
}

class TimeloopModelGolden : public testing::TestWithParam<GoldenCase> {};

TEST_P(TimeloopModelGolden, MatchesReference) {
  const GoldenCase& golden = GetParam();
  const YAML::Node spec = YAML::LoadFile((golden.dir / "case.yaml").string());

  std::string command = spec["command"].as<std::string>();
  const std::string program = "timeloop-model";
  ASSERT_EQ(command.rfind(program, 0), 0u) << "unexpected command: " << command;
  const fs::path out = fs::temp_directory_path() / ("cimloop-golden-" + std::to_string(::getpid()) + "-" +
                                                    golden.dir.filename().string());
  fs::remove_all(out);
  fs::create_directories(out);
  const int exit_code =
      run_in(golden.dir, shell_quote(kBinary.string()) + command.substr(program.size()) + " -o " + shell_quote(out.string()), out);
  ASSERT_NE(exit_code, -1);
  const fs::path expected = golden.dir / "expected";

  if (fs::exists(expected / "exit_code")) {
    EXPECT_EQ(exit_code, std::stoi(read_file(expected / "exit_code")));
    EXPECT_EQ(read_file(out / "stderr.txt"), read_file(expected / "stderr.txt"));
    EXPECT_EQ(read_file(out / "stdout.txt"), read_file(expected / "stdout.txt"));
    EXPECT_FALSE(fs::exists(out / "timeloop-model.stats.txt")) << "no outputs may be written on failure";
  } else {
    ASSERT_EQ(exit_code, 0) << read_file(out / "stderr.txt");
    for (const char* file : {"stats.txt", "map.txt", "map.tenssella.txt"}) {
      if (!fs::exists(expected / file)) continue;
      const fs::path produced = out / (std::string("timeloop-model.") + file);
      ASSERT_TRUE(fs::exists(produced)) << file << " was not written";
      EXPECT_TRUE(read_file(produced) == read_file(expected / file)) << file << " differs from " << expected / file;
    }
  }
  fs::remove_all(out);
}

std::string case_test_name(const testing::TestParamInfo<GoldenCase>& info) {
  std::string name = info.param.name;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TimeloopModelGolden, testing::ValuesIn(find_cases()), case_test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(TimeloopModelGolden);

TEST(TimeloopModelGoldenFixtures, Present) {
  CIMLOOP_REQUIRE_FIXTURES(kFixtures / "timeloop");
  CIMLOOP_REQUIRE_FIXTURES(kFixtures / "timeloop-sparse-generated");
}

}  // namespace
