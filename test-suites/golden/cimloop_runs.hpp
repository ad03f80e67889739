#pragma once
// The reference runs of CiMLoop's own flow (../shared/fixtures/cimloop-runs, see its README):
// per macro, the processed input timeloopfe gave Timeloop and every output, with machine paths
// written as ${CIMLOOP_WORKSPACE} (CiMLoop's workspace, in the client kit).
#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "test-suites/golden/golden_helpers.hpp"

namespace cimloop::golden {

inline const std::filesystem::path kCimloopRuns = std::filesystem::path(CIMLOOP_FIXTURES_DIR) / "cimloop-runs";
inline const std::filesystem::path kCimloopWorkspace =
    std::filesystem::weakly_canonical(std::filesystem::path(CIMLOOP_CLIENTS_DIR) / "cimloop");

// The macros whose default run (quick_run: maximum utilisation, ws_dummy_buffer_one_macro) is
// in the fixtures.
inline std::vector<std::string> cimloop_default_runs() {
  return {"basic_analog", "example_traditional", "jia_jssc_2020", "raella_isca_2023", "sinangil_jssc_2021",
          "wang_vlsi_2022"};
}

inline std::filesystem::path cimloop_run(const std::string& macro) { return kCimloopRuns / macro / "default"; }

// A file of a run with ${CIMLOOP_WORKSPACE} replaced by the kit's workspace.
inline std::string cimloop_run_text(const std::string& macro, const std::string& file) {
  std::string text = read_file(cimloop_run(macro) / file);
  const std::string marker = "${CIMLOOP_WORKSPACE}";
  for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at))
    text.replace(at, marker.size(), kCimloopWorkspace.string());
  return text;
}

}  // namespace cimloop::golden
