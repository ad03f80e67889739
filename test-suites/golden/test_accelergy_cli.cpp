// The accelergy program with Accelergy's command line, as timeloopfe and Timeloop call it:
// `-v` (timeloopfe's call_accelergy_verbose, run in the output directory) writes the verbose
// summaries and flattened architecture where Accelergy does, `-l` lists the built-in
// estimators, `-e` plug-ins are accepted and not loaded, `-f` selects outputs, and a failure
// writes nothing.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "test-suites/golden/golden_helpers.hpp"
#include "test-suites/unit/accelergy_test_design.hpp"

namespace {

namespace fs = std::filesystem;
using cimloop::golden::quoted_words;
using cimloop::golden::read_file;
using cimloop::golden::run_in;

const fs::path kProgram = fs::path(CIMLOOP_BIN_DIR) / "accelergy";
const fs::path kEyeriss = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop" / "ex-eyeriss_like";

class AccelergyCli : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = cimloop::golden::fresh_test_directory("cimloop-accelergy-cli");
    fs::create_directories(dir_ / "logs");
    std::ofstream(dir_ / "design.yaml") << cimloop::testing::kAdderGroupDesign;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs accelergy with `arguments` in `cwd` (default: the test directory); the exit status.
  int run(const std::vector<std::string>& arguments, const fs::path& cwd = {}) {
    std::vector<std::string> words = {kProgram.string()};
    words.insert(words.end(), arguments.begin(), arguments.end());
    return run_in(cwd.empty() ? dir_ : cwd, quoted_words(words), dir_ / "logs");
  }
  std::string err() const { return read_file(dir_ / "logs" / "stderr.txt"); }
  std::string design() const { return (dir_ / "design.yaml").string(); }

  fs::path dir_;
};

TEST_F(AccelergyCli, VerboseWritesTheVerboseOutputsInTheCurrentDirectory) {
  ASSERT_EQ(run({"-v", design()}), 0) << err();
  for (const char* file : {"ERT.yaml", "ART.yaml", "ERT_summary_verbose.yaml", "ART_summary_verbose.yaml",
                           "flattened_architecture_verbose.yaml"})
    EXPECT_TRUE(fs::exists(dir_ / file)) << file;
  for (const char* file : {"ERT_summary.yaml", "ART_summary.yaml", "flattened_architecture.yaml"})
    EXPECT_FALSE(fs::exists(dir_ / file)) << file << " is replaced by its verbose version";
  const YAML::Node summary = YAML::LoadFile((dir_ / "ERT_summary_verbose.yaml").string());
  const YAML::Node add = summary["ERT_summary"]["table_summary"][1]["primitive_estimation(s)"][0];
  EXPECT_EQ(add["energy"].Scalar(), "0.315");
  EXPECT_EQ(add["subaction_estimations"][0]["interpreted_energy"].Scalar(), "0.21");
  EXPECT_EQ(add["subaction_estimations"][0]["percentage"].Scalar(), "66.67%");
  // The log (stderr, which timeloopfe keeps as accelergy_verbose.log) names each estimator.
  EXPECT_NE(err().find("ENERGY ESTIMATION for top.group.adders[0..1]: aladdin_adder("), std::string::npos) << err();
  EXPECT_NE(err().find("Library estimated 0.21 pJ with accuracy 90%"), std::string::npos);
  EXPECT_NE(err().find("verbose energy reference table summary is saved to:\nINFO        ./ERT_summary_verbose.yaml"),
            std::string::npos);
}

TEST_F(AccelergyCli, VerboseOneIsTheFlag) {
  ASSERT_EQ(run({design(), "-v", "1", "-o", "out"}), 0) << err();
  EXPECT_TRUE(fs::exists(dir_ / "out" / "ERT_summary_verbose.yaml"));
}

TEST_F(AccelergyCli, TimeloopStyleCall) {
  ASSERT_EQ(run({design(), "--oprefix", "timeloop-model.", "-o", "out/"}), 0) << err();
  for (const char* file : {"ERT", "ART", "ERT_summary", "ART_summary", "flattened_architecture"})
    EXPECT_TRUE(fs::exists(dir_ / "out" / ("timeloop-model." + std::string(file) + ".yaml"))) << file;
  EXPECT_NE(err().find("no runtime energy estimations are generated"), std::string::npos);
}

TEST_F(AccelergyCli, OutputSelection) {
  ASSERT_EQ(run({design(), "-p", "3", "-f", "ERT"}), 0) << err();
  EXPECT_TRUE(fs::exists(dir_ / "ERT.yaml"));
  EXPECT_FALSE(fs::exists(dir_ / "ART.yaml"));
  EXPECT_NE(read_file(dir_ / "ERT.yaml").find("energy: 0.315\n"), std::string::npos);
}

TEST_F(AccelergyCli, AcceptedOptionsWithNothingToDo) {
  ASSERT_EQ(run({"-o", "out", design(), "--suppress_version_errors", "-e", "my_plug_in.estimator.yaml"}), 0) << err();
  EXPECT_NE(err().find("plug-ins are not loaded (my_plug_in.estimator.yaml)"), std::string::npos) << err();
  EXPECT_TRUE(fs::exists(dir_ / "out" / "ERT.yaml"));
  ASSERT_EQ(run({"--update_config_version"}), 0) << err();
  EXPECT_NE(err().find("no Accelergy configuration file is used"), std::string::npos);
}

TEST_F(AccelergyCli, ListComponents) {
  ASSERT_EQ(run({"-l"}), 0) << err();
  const std::string out = read_file(dir_ / "logs" / "stdout.txt");
  EXPECT_NE(out.find("CactiSRAM:\n  SRAM: read, write, update, leak, idle\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Library:\n"), std::string::npos);
}

TEST_F(AccelergyCli, BadCommandLine) {
  EXPECT_EQ(run({design(), "--no-such-option"}), 1);
  EXPECT_EQ(err().rfind("ERROR: ", 0), 0u) << err();
  EXPECT_EQ(run({design(), "-p", "six"}), 1);
  EXPECT_FALSE(fs::exists(dir_ / "ERT.yaml"));
}

TEST_F(AccelergyCli, FailureWritesNothing) {
  std::ofstream(dir_ / "bad.yaml") << "architecture:\n  version: '0.4'\n  subtree:\n  - name: top\n"
                                      "    attributes: {technology: \"45nm\", global_cycle_seconds: 1e-9}\n"
                                      "    local:\n    - {name: x, class: no_such_class}\n";
  EXPECT_EQ(run({(dir_ / "bad.yaml").string(), "-v"}), 1);
  EXPECT_NE(err().find("no_such_class"), std::string::npos) << err();
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_TRUE(entry.path().extension() != ".yaml" || entry.path().filename() == "bad.yaml" ||
                entry.path().filename() == "design.yaml")
        << entry.path();
}

// On a reference design the verbose run keeps the tables byte for byte and its summaries add up.
TEST_F(AccelergyCli, VerboseOnTheEyerissReference) {
  CIMLOOP_REQUIRE_FIXTURES(kEyeriss);
  ASSERT_EQ(run({"-v", (kEyeriss / "input.yaml").string()}), 0) << err();
  EXPECT_TRUE(read_file(dir_ / "ERT.yaml") == read_file(kEyeriss / "ERT.yaml"));
  EXPECT_TRUE(read_file(dir_ / "ART.yaml") == read_file(kEyeriss / "ART.yaml"));
  const YAML::Node verbose =
      YAML::LoadFile((dir_ / "ERT_summary_verbose.yaml").string())["ERT_summary"]["table_summary"];
  const YAML::Node plain =
      YAML::LoadFile((kEyeriss / "expected/ERT_summary.yaml").string())["ERT_summary"]["table_summary"];
  ASSERT_EQ(verbose.size(), plain.size());
  int compound_actions = 0;
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(YAML::Dump(verbose[i]["actions"]), YAML::Dump(plain[i]["actions"])) << plain[i]["name"];
    for (const YAML::Node& action : verbose[i]["primitive_estimation(s)"]) {
      if (!action["subaction_estimations"]) continue;
      double sum = 0;
      for (const YAML::Node& sub : action["subaction_estimations"]) sum += sub["interpreted_energy"].as<double>();
      EXPECT_NEAR(sum, action["energy"].as<double>(), 1e-6) << plain[i]["name"] << " " << action["action_name"];
      ++compound_actions;
    }
  }
  EXPECT_GT(compound_actions, 10);
  const YAML::Node areas = YAML::LoadFile((dir_ / "ART_summary_verbose.yaml").string())["ART_summary"]["table_summary"];
  for (const YAML::Node& entry : areas) {
    if (!entry["primitive_estimations"].IsSequence()) continue;
    double sum = 0;
    for (const YAML::Node& part : entry["primitive_estimations"]) sum += part["total_component_area"].as<double>();
    EXPECT_NEAR(sum, entry["area"].as<double>(), 1e-5 * (1 + entry["primitive_estimations"].size())) << entry["name"];
  }
}

}  // namespace
