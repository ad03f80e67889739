#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "compat/timeloop/architecture_reader.hpp"

namespace cimloop::arch {
namespace {

using compat::parse_architecture;

// Parsing walks the subtree chain; it must leave the caller's tree as it was, because the
// estimator and the output writers read the same tree afterwards.
TEST(ParseArchitecture, LeavesTheInputTreeUnchanged) {
  const YAML::Node root = YAML::Load(R"(
architecture:
  version: '0.4'
  subtree:
  - name: system
    local:
    - name: DRAM
      class: DRAM
      attributes: {width: 64, datawidth: 8}
    subtree:
    - name: PE[0..3]
      local:
      - name: buffer
        class: SRAM
        attributes: {depth: 64, width: 8, datawidth: 8, meshX: 4}
      - name: mac
        class: intmac
        attributes: {meshX: 4}
)");
  const std::string before = YAML::Dump(root);
  std::vector<std::string> warnings;
  const ArchSpec spec = parse_architecture(root["architecture"], YAML::Node(), compat::SourceMap(), warnings);
  EXPECT_EQ(spec.storage.size(), 2u);
  EXPECT_EQ(YAML::Dump(root), before);
}

}  // namespace
}  // namespace cimloop::arch
