#pragma once
// Runs a macro over every layer of a workload folder: per-layer statistics and action
// energies once, then the best mapping (least energy-delay product) among the enumerated
// ones. A stand-in for the Timeloop mapper on single-macro, weight-stationary systems.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "src/cim/mapping_model.hpp"

namespace cimloop::cim {

struct LayerReport {
  std::string layer;         // file name
  double mappings = 0;       // mappings evaluated
  MappingCost best;
  double average_input_value = 0, average_weight_value = 0;
};

struct NetworkReport {
  std::string macro;
  double cycle_seconds = 0;
  std::vector<LayerReport> layers;
  double total_energy_pj() const;
  double total_cycles() const;
  double total_macs() const;
};

// The *.yaml files of `workload_dir` in name order; InputError when there are none.
std::vector<std::filesystem::path> workload_layer_files(const std::string& workload_dir);

// Layers are the *.yaml files of `workload_dir` in name order. Throws InputError for
// unreadable layers.
NetworkReport evaluate_network(const MacroSpec& spec, const std::string& workload_dir,
                               const std::map<std::string, double>& overrides,
                               const std::map<std::string, std::string>& text_overrides = {});

std::string format_network_table(const NetworkReport& report);
std::string format_network_csv(const NetworkReport& report);

}  // namespace cimloop::cim
