// energy_estimation from an ERT and action counts, against the 2020 tutorial references
// (each tutorial's own ERT and action_counts as inputs).
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "compat/accelergy/energy_estimation.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kTutorial = fs::path(CIMLOOP_FIXTURES_DIR) / "accelergy/tutorial-v0.3";

void check(const std::string& tutorial, const std::string& ert_file) {
  fs::path dir = kTutorial / tutorial;
  if (!fs::exists(dir)) GTEST_SKIP() << "fixtures not found";
  YAML::Node ert = YAML::LoadFile((dir / ert_file).string());
  YAML::Node counts = YAML::LoadFile((dir / "input/action_counts.yaml").string())["action_counts"];
  YAML::Node got = cimloop::accelergy::estimate_energy(ert, counts)["energy_estimation"];
  YAML::Node want = YAML::LoadFile((dir / "ref-output/energy_estimation.yaml").string())["energy_estimation"];
  ASSERT_EQ(got["components"].size(), want["components"].size());
  for (size_t i = 0; i < want["components"].size(); ++i) {
    EXPECT_EQ(got["components"][i]["name"].Scalar(), want["components"][i]["name"].Scalar());
    double a = got["components"][i]["energy"].as<double>(), b = want["components"][i]["energy"].as<double>();
    EXPECT_NEAR(a, b, 1e-9 * std::fabs(b)) << want["components"][i]["name"].Scalar();
  }
  EXPECT_NEAR(got["Total"].as<double>(), want["Total"].as<double>(), 1e-9 * want["Total"].as<double>());
}

TEST(AccelergyEnergyEstimation, Tutorial02PrimitiveArchitecture) {
  check("02_primitive_architecture_energy", "input/ERT.yaml");
}
TEST(AccelergyEnergyEstimation, Tutorial03CompoundArchitecture) {
  check("03_compound_architecture", "ref-output/ERT.yaml");
}
TEST(AccelergyEnergyEstimation, Tutorial04EyerissLike) { check("04_eyeriss_like", "ref-output/ERT.yaml"); }

}  // namespace
