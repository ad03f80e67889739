// The 2020 (v0.3) tutorials 01, 03 and 04: primitives with the actions of the v0.3 primitive
// library, compounds over them, and the old Aladdin semantics (latency row, datawidth, idle,
// delta arguments), compared at the precision each reference was written with. Components
// whose estimate needed a fallback (GLB SRAMs without a CACTI result, classes without a model)
// are reported, not compared.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "compat/accelergy/tables.hpp"
#include "compat/config/input_files.hpp"

namespace fs = std::filesystem;
using namespace cimloop;

namespace {

const fs::path kTutorials = fs::path(CIMLOOP_FIXTURES_DIR) / "accelergy/tutorial-v0.3";

YAML::Node input_tree(const fs::path& input) {
  YAML::Node root;
  root["compound_components"] = YAML::Node(YAML::NodeType::Sequence);
  for (const auto& entry : fs::recursive_directory_iterator(input)) {
    if (entry.path().extension() != ".yaml") continue;
    YAML::Node doc = compat::load_merged_inputs({entry.path().string()}).root;
    if (doc["architecture"]) root["architecture"] = doc["architecture"];
    if (doc["compound_components"]) root["compound_components"].push_back(doc["compound_components"]);
  }
  return root;
}

bool used_fallback(const accelergy::AccelergyResult& result, const std::string& name) {
  for (const std::string& w : result.warnings) {
    if (w.find("component '" + name + "'") != std::string::npos && w.find("fallback") != std::string::npos) return true;
  }
  return false;
}

// Returns the number of action energies and areas compared.
int compare_tutorial(const std::string& tutorial, int precision) {
  fs::path dir = kTutorials / tutorial;
  accelergy::EstimationOptions options;
  options.precision = precision;
  accelergy::AccelergyResult result = accelergy::estimate_tables(input_tree(dir / "input"), options);
  std::map<std::string, YAML::Node> ert, art;
  for (const YAML::Node& t : result.ert["ERT"]["tables"]) ert[t["name"].Scalar()] = t;
  for (const YAML::Node& t : result.art["ART"]["tables"]) art[t["name"].Scalar()] = t;
  int compared = 0;
  for (const YAML::Node& want : YAML::LoadFile((dir / "ref-output/ERT.yaml").string())["ERT"]["tables"]) {
    std::string name = want["name"].Scalar();
    if (used_fallback(result, name)) {
      std::printf("%s: not compared (fallback estimate): %s\n", tutorial.c_str(), name.c_str());
      continue;
    }
    EXPECT_TRUE(ert.count(name)) << name;
    if (!ert.count(name) || ert[name]["actions"].size() != want["actions"].size()) {
      ADD_FAILURE() << name << ": different actions";
      continue;
    }
    for (size_t i = 0; i < want["actions"].size(); ++i) {
      EXPECT_EQ(ert[name]["actions"][i]["name"].Scalar(), want["actions"][i]["name"].Scalar());
      double a = ert[name]["actions"][i]["energy"].as<double>(), b = want["actions"][i]["energy"].as<double>();
      EXPECT_NEAR(a, b, 1e-6 * std::fabs(b)) << name << " action " << i;
      ++compared;
    }
  }
  for (const YAML::Node& want : YAML::LoadFile((dir / "ref-output/ART.yaml").string())["ART"]["tables"]) {
    std::string name = want["name"].Scalar();
    if (used_fallback(result, name)) continue;
    double b = want["area"].as<double>();
    EXPECT_NEAR(art[name]["area"].as<double>(), b, 1e-6 * b) << name;
    ++compared;
  }
  return compared;
}

TEST(AccelergyLegacyTutorial, PrimitiveArchitecture) {
  if (!fs::exists(kTutorials)) GTEST_SKIP() << "fixtures not found";
  // MAC: 4 actions, buffer: 9 (read/write x 4 delta combinations, idle), 2 areas.
  EXPECT_EQ(compare_tutorial("01_primitive_architecture_ERT", 3), 15);
}

TEST(AccelergyLegacyTutorial, CompoundArchitecture) {
  if (!fs::exists(kTutorials)) GTEST_SKIP() << "fixtures not found";
  // mac_fifo (intmac + FIFO): 4 actions; smartbuffer_RF (regfile + adders): 9; 2 areas.
  EXPECT_EQ(compare_tutorial("03_compound_architecture", 3), 15);
}

TEST(AccelergyLegacyTutorial, EyerissLike) {
  if (!fs::exists(kTutorials)) GTEST_SKIP() << "fixtures not found";
  // This reference rounds to 5 decimals. mac: 4 actions; three smartbuffer_RF spads: 9 each;
  // 4 areas. The GLBs (no CACTI result) and the NoCs (their wire class has no model; the 2020
  // tool had one) are fallbacks.
  EXPECT_EQ(compare_tutorial("04_eyeriss_like", 5), 35);
}

}  // namespace
