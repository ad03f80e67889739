// The CiM chain end to end: a v0.4 macro (examples/cim/<macro>) through timeloop-model with
// no ERT/ART: the v0.4 reader (array processor, built-in slicing_encoding functions) -> the
// built-in Accelergy with the registered CiM estimators -> the model. Its per-action energies
// and per-component energies must equal the private evaluator's (src/cim/macro_evaluator)
// for the same layer distributions and operating point.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cim_chain_helpers.hpp"

using namespace cimloop::golden::cim_chain;
using cimloop::golden::read_file;

namespace {

const MacroCase kBasicAnalog = {
    "basic_analog", {{"adc", 8}, {"column_drivers", 8}, {"row_drivers", 8}, {"cim_unit", 8}}, 8 * 8 * 8};

}  // namespace

// The layer's own (ResNet-18) histograms.
TEST(CimV04Chain, BasicAnalogMatchesPrivateEvaluator) {
  const fs::path problem = kExamples / "basic_analog" / "problem.yaml";
  expect_matches_private(kBasicAnalog, problem, cimloop::cim::read_layer_distributions(problem.string()));
}

// A layer without histograms: the macro's default distributions, in both paths.
TEST(CimV04Chain, BasicAnalogDefaultHistogramsMatchPrivateEvaluator) {
  const auto spec = cimloop::cim::read_macro_spec((kExamples / "basic_analog" / "macro.yaml").string());
  expect_matches_private(kBasicAnalog, kExamples / "basic_analog" / "max_utilization.yaml",
                         cimloop::cim::default_distributions(spec));
}

// Sinangil (7 nm): the pulse counter (a library part scaled by the CiM technology rules, with
// its value-dependent activity), the weighting capacitors, and the weight drivers, which in
// neither path write (Timeloop gives the pass-through drivers above the cells no accesses, as
// in CiMLoop's reference run fixtures/cimloop-runs/sinangil_jssc_2021).
TEST(CimV04Chain, SinangilMatchesPrivateEvaluator) {
  const MacroCase sinangil = {"sinangil_jssc_2021",
                              {{"weight_drivers", 64},
                               {"counter", 4},
                               {"row_drivers", 4},
                               {"adc", 4},
                               {"column_drivers", 4},
                               {"binary_weighting_capacitors", 4},
                               {"cim_unit", 4}},
                              4 * 4 * 4};
  const fs::path problem = kExamples / sinangil.macro / "problem.yaml";
  expect_matches_private(sinangil, problem, cimloop::cim::read_layer_distributions(problem.string()));
}

// A layer file of CiMLoop's workloads (with its name/dnn_name/notes keys and histograms) drives
// the mapper on basic_analog: every real MAC of the layer is counted once per virtual 1b MAC.
TEST(CimV04Chain, MapperRunsOnCiMLoopWorkloadLayer) {
  const fs::path layer = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop/workloads/resnet18/05.yaml";
  CIMLOOP_REQUIRE_FIXTURES(layer.parent_path());
  const fs::path out = fs::temp_directory_path() / ("cim_chain_layer_" + std::to_string(::getpid()));
  fs::create_directories(out);
  std::string command = cimloop::golden::shell_quote(std::string(CIMLOOP_BIN_DIR) + "/timeloop-mapper");
  for (const fs::path& file : {kExamples / "basic_analog" / "arch.yaml", layer, kExamples / "components" / "cim_components.yaml"})
    command.append(" ").append(cimloop::golden::shell_quote(file.string()));
  command.append(" -o ").append(cimloop::golden::shell_quote(out.string()));
  ASSERT_EQ(cimloop::golden::run_in(kExamples, command, out), 0) << read_file(out / "stderr.txt");
  const std::string stats = read_file(out / "timeloop-mapper.stats.txt");
  const double macs = 64.0 * 128 * 28 * 28 * 3 * 3;  // C M P Q R S of the layer
  const size_t computes = stats.find("\nComputes = ");
  ASSERT_NE(computes, std::string::npos);
  EXPECT_EQ(std::stod(stats.substr(computes + 12)), macs * 8 * 8 * 8);
  fs::remove_all(out);
}

// The mapper's map.yaml replays on the raw v0.4 files of the macro: timeloop-model then
// writes the mapper's stats byte for byte.
TEST(CimV04Chain, MapperMapReplaysOnRawMacroFiles) {
  for (const std::string macro : {"basic_analog", "sinangil_jssc_2021", "wang_vlsi_2022"}) {
    SCOPED_TRACE(macro);
    const fs::path out = fs::temp_directory_path() / ("cim_chain_replay_" + std::to_string(::getpid()));
    fs::remove_all(out);
    fs::create_directories(out / "model");
    const std::string arch = cimloop::golden::shell_quote((kExamples / macro / "arch.yaml").string());
    const std::string problem = cimloop::golden::shell_quote((kExamples / macro / "problem.yaml").string());
    const std::string components = cimloop::golden::shell_quote((kExamples / "components" / "cim_components.yaml").string());
    std::string search = cimloop::golden::shell_quote(std::string(CIMLOOP_BIN_DIR) + "/timeloop-mapper");
    search.append(" ").append(arch).append(" ").append(problem).append(" ").append(components);
    search.append(" -o ").append(cimloop::golden::shell_quote(out.string()));
    ASSERT_EQ(cimloop::golden::run_in(kExamples, search, out), 0) << read_file(out / "stderr.txt");
    std::string replay = cimloop::golden::shell_quote(std::string(CIMLOOP_BIN_DIR) + "/timeloop-model");
    replay.append(" ").append(arch).append(" ").append(problem).append(" ");
    replay.append(cimloop::golden::shell_quote((out / "timeloop-mapper.map.yaml").string()));
    replay.append(" ").append(components).append(" -o ").append(cimloop::golden::shell_quote((out / "model").string()));
    ASSERT_EQ(cimloop::golden::run_in(kExamples, replay, out / "model"), 0) << read_file(out / "model" / "stderr.txt");
    EXPECT_EQ(read_file(out / "model" / "timeloop-model.stats.txt"), read_file(out / "timeloop-mapper.stats.txt"));
    fs::remove_all(out);
  }
}
