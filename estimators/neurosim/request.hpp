#pragma once
// A query to the NeuroSim plug-in as its Python wrapper sees it: the class, the attributes it
// declares (converted the way the wrapper converts them, defaults for the absent ones) and
// the checks it makes. Attributes a class does not declare are ignored, as by the wrapper.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "estimators/estimator.hpp"
#include "estimators/neurosim/cell_file.hpp"

namespace cimloop::estimators::neurosim {

enum class Component {
  row_drivers,    // array_row_drivers
  col_drivers,    // array_col_drivers
  adc,            // array_adc
  memory_cell,
  shift_add,
  intadder,
  intadder_tree,
  max_pool,
  mux,
  flip_flop,
  not_gate,
  nand_gate,
  nor_gate,
};

// nullopt for a class the plug-in does not serve (case-insensitive).
std::optional<Component> component_named(std::string_view class_name);
bool is_array_component(Component c);

enum class ActionKind { read, write, leak };
// Read-type: read, mac_random, mac_reused, compute, add, shift_add, convert; write-type:
// write, set, erase, update; leak. nullopt for any other action.
std::optional<ActionKind> action_kind(std::string_view action);
// Those action names, in that order.
std::vector<std::string> action_names();

struct ArrayRequest {
  int rows = 32;
  int cols = 32;
  int cols_active_at_once = 8;
  MemoryCell cell;
  double average_input_value = 1;
  double average_cell_value = 1;
  bool sequential = false;
  int adc_resolution = 0;
  double read_pulse_width = 1e-8;
  int voltage_dac_bits = 1;
  int temporal_dac_bits = 1;
  bool temporal_spiking = false;
  double voltage = 0;            // 0: the node's default supply
  double threshold_voltage = 0;  // 0: the node's default threshold
};

struct DigitalRequest {
  int n_bits = 8;
  int shift_register_n_bits = 16;
  int n_adder_tree_inputs = 2;
  int pool_window = 2;
  int n_mux_inputs = 2;
};

struct Request {
  Component component = Component::flip_flop;
  int technology_nm = 32;
  double global_cycle_seconds = 1e-9;
  ArrayRequest array;      // array classes only
  DigitalRequest digital;  // digital classes only
};

// Throws Declined with the reason the plug-in would fail the query (missing or out-of-range
// attribute, unreadable or unknown cell file). Cell files are read from the path given in
// cell_config; the plug-in's built-in sample cells (nvsim_*, nvmexplorer_*) are declined.
Request parse_request(Component component, const Query& query);

}  // namespace cimloop::estimators::neurosim
