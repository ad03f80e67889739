#pragma once
// Runs a v0.4 CiM macro (examples/cim/<macro>) through timeloop-model with no ERT/ART and
// compares its action energies and counts with the private evaluator (src/cim) for the same
// layer: shared by the CimV04Chain suites, one file per macro.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "golden_helpers.hpp"
#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_variables.hpp"

namespace cimloop::golden::cim_chain {

namespace fs = std::filesystem;

inline const fs::path kExamples = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim";

struct ChainRun {
  std::map<std::string, double> read_energy_pj;     // component -> ERT energy of its read action
  std::map<std::string, double> leak_energy_pj;     // component -> ERT leak energy per cycle
  std::map<std::string, double> write_energy_pj;    // component -> ERT energy of its write action
  std::map<std::string, double> scalar_reads;       // component -> reads of all instances (bits)
  std::map<std::string, double> scalar_fills;       // component -> fills of all instances (bits)
  std::map<std::string, std::string> total_energy;  // component -> stats.txt "Energy (total)" text
  double computes = 0;                              // virtual 1b x 1b MACs
};

// "system_top_level.adc[1..8]" -> "adc"
inline std::string component_of(const std::string& table_name) {
  const std::string path = table_name.substr(0, table_name.find('['));
  return path.substr(path.rfind('.') + 1);
}

// The value text of the first "<key> : <value>" line after "=== <level> ===".
inline std::string stats_text(const std::string& stats, const std::string& level, const std::string& key) {
  const size_t section = stats.find("=== " + level + " ===");
  const size_t line = section == std::string::npos ? section : stats.find(key, section);
  if (line == std::string::npos) return "";
  const size_t begin = stats.find_first_not_of(' ', stats.find(':', line) + 1);
  return stats.substr(begin, stats.find('\n', begin) - begin);
}

inline double stats_number(const std::string& stats, const std::string& level, const std::string& key) {
  const std::string text = stats_text(stats, level, key);
  return text.empty() ? -1 : std::stod(text);
}

inline std::string printed(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// `operating_point`: variables replaced with timeloop-model's --set.
inline ChainRun run_chain(const std::string& macro, const fs::path& problem, const std::vector<std::string>& components,
                          const std::map<std::string, double>& operating_point = {}) {
  const fs::path out = fs::temp_directory_path() / ("cim_chain_" + macro + "_" + std::to_string(::getpid()));
  fs::create_directories(out);
  const fs::path dir = kExamples / macro;
  std::vector<std::string> words = {std::string(CIMLOOP_BIN_DIR) + "/timeloop-model", (dir / "arch.yaml").string(),
                                    problem.string(), (dir / "map.yaml").string(),
                                    (kExamples / "components" / "cim_components.yaml").string(), "-o", out.string()};
  for (const auto& [name, value] : operating_point) {
    words.push_back("--set");
    words.push_back(name + "=" + printed("%.17g", value));
  }
  const std::string command = quoted_words(words);
  const int status = run_in(dir, command, out);
  EXPECT_EQ(status, 0) << read_file(out / "stderr.txt");
  ChainRun run;
  if (status != 0) return run;
  const YAML::Node ert = YAML::LoadFile((out / "timeloop-model.ERT.yaml").string());
  for (const YAML::Node& table : ert["ERT"]["tables"])
    for (const YAML::Node& action : table["actions"])
      for (const auto& [kind, energies] : {std::pair{"read", &run.read_energy_pj}, std::pair{"leak", &run.leak_energy_pj},
                                           std::pair{"write", &run.write_energy_pj}})
        if (action["name"].as<std::string>() == kind)
          (*energies)[component_of(table["name"].as<std::string>())] = action["energy"].as<double>();
  const std::string stats = read_file(out / "timeloop-model.stats.txt");
  for (const std::string& component : components) {
    if (stats.find("=== " + component + " ===\n\n    SPECS") == std::string::npos) {
      // Not listed: Timeloop hides a level without accesses or energy.
      run.total_energy[component] = printed("%.2e", 0.0) + " pJ";
      run.scalar_reads[component] = run.scalar_fills[component] = 0;
      continue;
    }
    run.total_energy[component] = stats_text(stats, component, "Energy (total)");
    const double instances = stats_number(stats, component, "Utilized instances (max)");
    run.scalar_reads[component] = stats_number(stats, component, "Scalar reads (per-instance)") * instances;
    run.scalar_fills[component] = stats_number(stats, component, "Scalar fills (per-instance)") * instances;
  }
  const size_t computes = stats.find("\nComputes = ");
  if (computes != std::string::npos) run.computes = std::stod(stats.substr(computes + 12));
  fs::remove_all(out);
  return run;
}

inline const cimloop::cim::ComponentResult& private_component(const cimloop::cim::MacroResult& result, const std::string& name) {
  for (const auto& component : result.components)
    if (component.name == name) return component;
  throw std::runtime_error("private evaluator has no component " + name);
}

// One layer that fills the array once per output pixel (P = Q = 2), one activation per pixel
// and input slice.
// Explained relations, all exact:
// - Accelergy writes ERT energies rounded to 6 decimals (as the reference Accelergy does), so
//   the chain's read and leak energies are the private evaluator's, printed with %.6f;
// - the model's actions are scalar (1-bit) accesses / bits per action (each component's
//   `width`: output, DAC, weight-slice bits), and equal the private evaluator's actions per
//   activation x activations; its computes are the MACs x the virtual 1b MACs per MAC;
// - stats.txt prints (ERT energy x actions) with %.2e (CiMLoop's scientific stats format),
//   plus the ERT write energy of the fills a level receives (the private evaluator models no
//   writes).
struct MacroCase {
  std::string macro;
  std::map<std::string, double> bits_per_action;  // the components the two paths share
  double virtual_macs_per_mac = 0;                // encoded input x weight x output bits
};

// The layer's activations (pixels x input slices) and what the private evaluator must be told
// about it.
struct LayerCase {
  double activations = 4;
  std::map<std::string, double> operating_point;    // both paths (voltage, bits, ...)
  std::map<std::string, double> private_overrides;  // the private evaluator only
  // A design choice the v0.4 files take as a variable (e.g. XNOR inputs), told to the private
  // macro.yaml's encodings.
  std::optional<cimloop::cim::Encoding> private_input_encoding;
};

inline void expect_matches_private(const MacroCase& c, const fs::path& problem,
                                   const cimloop::cim::LayerDistributions& distributions, const LayerCase& layer = {}) {
  std::vector<std::string> components;
  for (const auto& [name, bits] : c.bits_per_action) components.push_back(name);
  const ChainRun chain = run_chain(c.macro, problem, components, layer.operating_point);
  ASSERT_FALSE(chain.read_energy_pj.empty());

  auto spec = cimloop::cim::read_macro_spec((kExamples / c.macro / "macro.yaml").string());
  if (layer.private_input_encoding) spec.input_encoding = *layer.private_input_encoding;
  std::map<std::string, double> overrides = layer.private_overrides;
  overrides.insert(layer.operating_point.begin(), layer.operating_point.end());
  const auto result = cimloop::cim::evaluate_macro(spec, distributions, overrides);
  const double activations = layer.activations;
  EXPECT_EQ(chain.computes, activations * result.macs_per_activation * c.virtual_macs_per_mac);
  for (const auto& [name, bits] : c.bits_per_action) {
    SCOPED_TRACE(name);
    const auto& expected = private_component(result, name);
    ASSERT_TRUE(chain.read_energy_pj.count(name));
    EXPECT_EQ(chain.read_energy_pj.at(name), std::stod(printed("%.6f", expected.read_pj)));
    EXPECT_EQ(chain.leak_energy_pj.at(name), std::stod(printed("%.6f", expected.leak_pj_per_cycle)));
    const double actions = chain.scalar_reads.at(name) / bits;
    EXPECT_EQ(actions, activations * expected.actions_per_activation);
    const double writes = chain.scalar_fills.at(name) / bits;
    EXPECT_EQ(chain.total_energy.at(name),
              printed("%.2e", chain.read_energy_pj.at(name) * actions + chain.write_energy_pj.at(name) * writes) + " pJ");
  }
}

}  // namespace cimloop::golden::cim_chain
