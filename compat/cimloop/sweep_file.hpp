#pragma once
// The sweep file of cimloop-explore: one CiMLoop-style specification, the workloads (every
// layer of a network folder, or single layers) and the axes whose values make the design
// points (crossed; a `zip` group moves together). A work unit is one point x one layer; its
// run is a MacroRunSpec of the same chain cimloop-report uses.
//
//   specification: {top: ../cim/top.yaml.jinja2, variables: {macro: basic_analog}, set: {VOLTAGE: 0.8}}
//   mapper: {victory_condition: 100}      # replaces the specification's mapper keys
//   workloads: [{dnn: resnet18}, {layer: resnet18/05}, {folder: my_layers, name: mynet}]
//                                       # none: the specification's own workload (one unit per point)
//   axes:
//     - {name: array, set: [ARRAY_ROWS, ARRAY_COLUMNS], values: [128, 256]}
//     - zip: [{set: VOLTAGE, values: [0.7, 0.9]}, {var: iso, values: [a, b]}]
//   analysis: {conversion: [adc, row_drivers], array: [cim_unit]}
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compat/cimloop/macro_run.hpp"
#include "compat/cimloop/pim_analysis.hpp"

namespace cimloop::compat::cimloop {

struct SweepLayer {
  std::string dnn;    // the network's name ("" for a single layer)
  std::string name;   // the layer's name (file stem, or the layer as given)
  std::string jinja;  // the Jinja `layer` value: a name under workloads/ or a file path ("": none)
  std::string file;   // the layer file when known (for the cache key), else ""
};

struct SweepPoint {
  std::vector<std::pair<std::string, std::string>> coordinates;  // axis name -> value, in axis order
  std::map<std::string, std::string> jinja, overrides;
};

struct SweepPlan {
  std::string path;            // the sweep file
  MacroRunSpec base;           // specification, variables, overrides, mapper keys; one search thread
  std::vector<std::string> axis_names;
  std::vector<SweepPoint> points;
  std::vector<SweepLayer> layers;
  PimCategories categories;

  std::size_t unit_count() const { return points.size() * layers.size(); }
  std::size_t point_of(std::size_t unit) const { return unit / layers.size(); }
  std::size_t layer_of(std::size_t unit) const { return unit % layers.size(); }
  MacroRunSpec unit_spec(std::size_t unit) const;
};

// Throws InputError naming the file, line and key of a bad entry.
SweepPlan read_sweep(const std::string& path);

// The layer files of a network folder, sorted by name.
std::vector<std::string> layer_files(const std::string& folder);

}  // namespace cimloop::compat::cimloop
