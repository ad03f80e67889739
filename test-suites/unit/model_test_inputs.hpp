#pragma once
// Builds model inputs from YAML text for unit tests (written to temporary files and loaded
// through the same path as the timeloop-model program).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "src/mapping/mapping.hpp"

namespace cimloop::testing {

inline std::string write_temp_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("cimloop-unit-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

struct LoadedModel {
  compat::MergedInput merged;
  compat::ModelInputs inputs;
  mapping::Mapping mapping;
};

inline LoadedModel load_model(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> paths;
  for (const auto& [name, text] : files) paths.push_back(write_temp_file(name, text));
  LoadedModel model;
  model.merged = compat::load_merged_inputs(paths);
  model.inputs = compat::load_model_inputs(model.merged);
  const mapping::MappingSpec spec = compat::load_mapping_spec(model.merged, model.inputs);
  model.mapping = mapping::build_mapping(spec, model.inputs.arch, model.inputs.workload);
  for (const std::string& path : paths) std::filesystem::remove(path);
  return model;
}

// A Conv1D problem file (weights R, outputs P) of the given size.
inline std::string conv1d_problem(int r, int p) {
  return "problem:\n"
         "  shape:\n"
         "    name: Conv1D\n"
         "    dimensions: [R, P]\n"
         "    data_spaces:\n"
         "    - {name: Weights, projection: [[[R]]]}\n"
         "    - {name: Inputs, projection: [[[R], [P]]]}\n"
         "    - {name: Outputs, projection: [[[P]]], read_write: true}\n"
         "  instance: {R: " + std::to_string(r) + ", P: " + std::to_string(p) + "}\n";
}

// An architecture of `pes` PEs (each a 16-entry register file `pe` over a MAC) along X under
// a 64-entry SRAM `middle` and an unlimited DRAM `outer`, 8-bit words; an ERT prices only the
// middle level's reads (1 pJ), so energies count its reads.
inline std::string pe_array_arch(const std::string& outer, const std::string& middle, const std::string& pe, int pes) {
  const std::string n = std::to_string(pes);
  return "architecture:\n"
         "  version: '0.4'\n"
         "  subtree:\n"
         "  - name: system\n"
         "    local:\n"
         "    - name: " + outer + "[1..1]\n"
         "      class: DRAM\n"
         "      attributes: {width: 8, datawidth: 8, cluster_size: 1}\n"
         "    - name: " + middle + "[1..1]\n"
         "      class: SRAM\n"
         "      attributes: {depth: 64, width: 8, datawidth: 8, cluster_size: 1}\n"
         "    - name: " + pe + "[1.." + n + "]\n"
         "      class: regfile\n"
         "      attributes: {depth: 16, width: 8, datawidth: 8, cluster_size: 1, meshX: " + n + "}\n"
         "    - name: MAC[1.." + n + "]\n"
         "      class: intmac\n"
         "      attributes: {meshX: " + n + "}\n"
         "ERT:\n"
         "  version: '0.4'\n"
         "  tables:\n"
         "  - name: system." + middle + "[1..1]\n"
         "    actions: [{name: read, energy: 1.0}]\n";
}

// A two-level architecture: a 64-word Buffer under DRAM over one MAC, 8-bit words.
inline const std::string kTwoLevelArchitecture = R"(
architecture:
  version: '0.4'
  subtree:
  - name: system
    local:
    - name: DRAM[1..1]
      class: DRAM
      attributes: {width: 8, datawidth: 8, cluster_size: 1}
    - name: Buffer[1..1]
      class: SRAM
      attributes: {depth: 64, width: 8, datawidth: 8, cluster_size: 1}
    - name: MAC[1..1]
      class: intmac
      attributes: {}
)";

// The two-level architecture with a Conv1D-with-output-channels problem and an ERT; the
// mapping is supplied by each test.
inline const std::string kTwoLevelArch = kTwoLevelArchitecture + R"(
problem:
  shape:
    name: Conv1D_OC
    dimensions: [K, R, P]
    data_spaces:
    - {name: Weights, projection: [[[K]], [[R]]]}
    - {name: Inputs, projection: [[[R], [P]]]}
    - {name: Outputs, projection: [[[K]], [[P]]], read_write: true}
  instance: {K: 2, R: 3, P: 8}
ERT:
  version: '0.4'
  tables:
  - name: system.DRAM[1..1]
    actions: [{name: read, energy: 10.0}, {name: write, energy: 10.0}, {name: update, energy: 10.0}]
  - name: system.Buffer[1..1]
    actions: [{name: read, energy: 1.0}, {name: write, energy: 1.0}, {name: update, energy: 1.0}]
  - name: system.MAC[1..1]
    actions: [{name: compute, energy: 0.5}]
)";

// The same Conv1D (R=3, P=16) as a libconfig file in the legacy arithmetic/storage form, with a
// mapping: output tiles of 4 in the Buffer, 4 tiles from main memory.
inline constexpr const char* kLegacyConv1dCfg = R"(
arch = {
  arithmetic = { name = "MAC"; instances = 1; word-bits = 8; };
  storage = (
    { name = "Buffer"; entries = 64; instances = 1; word-bits = 8; },
    { name = "MainMemory"; technology = "DRAM"; instances = 1; word-bits = 8; block-size = 8; }
  );
};
problem = {
  shape = {
    name = "Conv1D";
    dimensions = [ "R", "P" ];
    data-spaces = (
      { name = "Weights"; projection = ( ( ( "R" ) ) ); },
      { name = "Inputs"; projection = ( ( ( "R" ), ( "P" ) ) ); },
      { name = "Outputs"; projection = ( ( ( "P" ) ) ); read-write = true; }
    );
  };
  instance = { R = 3; P = 16; };
};
mapping = (
  { target = "Buffer"; type = "temporal"; factors = "R=3 P=4"; permutation = "RP"; },
  { target = "MainMemory"; type = "temporal"; factors = "R=1 P=4"; permutation = "RP"; }
);
)";

}  // namespace cimloop::testing
