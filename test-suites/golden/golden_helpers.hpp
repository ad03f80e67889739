#pragma once
// Small helpers for golden suites that run the programs in build/bin on fixture folders.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cimloop::golden {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// `words` shell-quoted and joined by spaces (appended piecewise: GCC 12 warns falsely on
// `text += "'" + word + "' "`).
inline std::string quoted_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out.append(" ");
    out.append(shell_quote(word));
  }
  return out;
}

// An empty directory for the current test: <tmp>/<stem>-<pid>-<test name>.
inline std::filesystem::path fresh_test_directory(const std::string& stem) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    (stem + "-" + std::to_string(::getpid()) + "-" +
                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs `command` through the shell with stdout/stderr captured into files of `out`; returns
// the exit code (-1 when the shell could not run).
inline int run_in(const std::filesystem::path& dir, const std::string& command, const std::filesystem::path& out) {
  const std::string shell = "cd " + shell_quote(dir.string()) + " && " + command + " >" +
                            shell_quote((out / "stdout.txt").string()) + " 2>" +
                            shell_quote((out / "stderr.txt").string());
  const int status = std::system(shell.c_str());
  return status == -1 ? -1 : WEXITSTATUS(status);
}

// Skips the current test when the fixtures are absent, but fails under CI=true.
#define CIMLOOP_REQUIRE_FIXTURES(dir)                                                        \
  do {                                                                                       \
    if (!std::filesystem::is_directory(dir)) {                                               \
      const char* ci = std::getenv("CI");                                                    \
      if (ci && std::string(ci) == "true") FAIL() << "fixtures missing: " << (dir);          \
      GTEST_SKIP() << "fixtures folder absent (" << (dir) << ")";                            \
    }                                                                                        \
  } while (0)

}  // namespace cimloop::golden
