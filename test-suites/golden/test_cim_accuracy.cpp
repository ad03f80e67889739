// The CiM accuracy suite: scripts/accuracy evaluates every published row of CiMLoop's
// validation macros; mean |error| <= 5% and every non-exempt row <= 15%.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "src/cim/csv.hpp"

namespace fs = std::filesystem;

namespace {

bool fixtures_present(const fs::path& file) {
  if (fs::exists(file)) return true;
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") ADD_FAILURE() << "fixtures missing: " << file;
  return false;
}

}  // namespace

TEST(CimAccuracy, PublishedRowsMeetTargets) {
  const fs::path published = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop/published.csv";
  if (!fixtures_present(published)) GTEST_SKIP() << "fixtures folder absent";
  const fs::path out = fs::temp_directory_path() / ("cim_accuracy_" + std::to_string(::getpid()));
  const std::string command = "CIMLOOP_BIN_DIR='" + std::string(CIMLOOP_BIN_DIR) +
                              "' CIMLOOP_FIXTURES_DIR='" + std::string(CIMLOOP_FIXTURES_DIR) +
                              "' '" + std::string(CIMLOOP_SOURCE_DIR) + "/scripts/accuracy' '" +
                              out.string() + "' > '" + (out.string() + ".log") + "' 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream log(out.string() + ".log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_EQ(status, 0) << text;

  const auto rows = cimloop::cim::read_csv((out / "accuracy.csv").string());
  const auto reference = cimloop::cim::read_csv(published.string());
  ASSERT_EQ(rows.size(), reference.size());
  ASSERT_EQ(rows[0].fields.size(), reference[0].fields.size() + 2);
  EXPECT_EQ(rows[0].fields.back(), "error_pct");
  for (size_t i = 1; i < rows.size(); ++i)
    for (size_t c = 0; c < reference[i].fields.size(); ++c)
      EXPECT_EQ(rows[i].fields[c], reference[i].fields[c]) << "row " << i;
  fs::remove_all(out);
  fs::remove(out.string() + ".log");
}

TEST(CimAccuracy, BadPublishedFileIsAnInputError) {
  const fs::path dir = fs::temp_directory_path() / ("cim_bad_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "published.csv") << "macro,metric,condition,published_value,unit,components\n"
                                       << "nosuch_macro,tops,,1,TOPS,\n";
  std::ofstream(dir / "exempt.csv") << "macro,metric,condition,reason\n";
  const std::string command = "'" + std::string(CIMLOOP_BIN_DIR) + "/cimloop-accuracy' '" +
                              (dir / "published.csv").string() + "' '" + CIMLOOP_SOURCE_DIR +
                              "/examples/cim' '" + (dir / "exempt.csv").string() + "' '" +
                              (dir / "out").string() + "' 2> '" + (dir / "err").string() + "'";
  const int status = std::system(command.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 1);
  std::ifstream err(dir / "err");
  std::string line;
  std::getline(err, line);
  EXPECT_NE(line.find("ERROR:"), std::string::npos);
  EXPECT_NE(line.find("line 2"), std::string::npos) << line;
  EXPECT_FALSE(fs::exists(dir / "out" / "accuracy.csv"));
  fs::remove_all(dir);
}
