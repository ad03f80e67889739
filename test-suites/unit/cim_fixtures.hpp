#pragma once
// Locating the CiMLoop fixtures from unit tests: absent fixtures skip the test, except under
// CI=true where they fail it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace cimloop::test {

inline std::filesystem::path cimloop_fixture(const std::string& relative) {
  return std::filesystem::path(CIMLOOP_SOURCE_DIR) / "../shared/fixtures/cimloop" / relative;
}

// CiMLoop's workspace in the client kit (models/, scripts/), read in place.
inline std::filesystem::path cimloop_workspace(const std::string& relative) {
  return std::filesystem::path(CIMLOOP_SOURCE_DIR) / "../shared/clients/cimloop" / relative;
}

inline bool ci_requires_fixtures() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

}  // namespace cimloop::test

// Skips (or, under CI, fails) the current test when `path` does not exist.
#define CIMLOOP_REQUIRE_FIXTURE(path)                                              \
  do {                                                                             \
    if (!std::filesystem::exists(path)) {                                          \
      if (cimloop::test::ci_requires_fixtures()) FAIL() << "fixtures missing";     \
      GTEST_SKIP() << "fixtures folder absent";                                    \
    }                                                                              \
  } while (0)
