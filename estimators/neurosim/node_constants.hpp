#pragma once
// Per-node constants of one fitted model in a NeuroSim data file, stored as
//   <model>: {terms: [name, ...], nodes: {7: [value, ...], 10: [...], ...}}
// with a value for every term at every node in kNodes. The code names the terms it
// expects; a file whose terms differ is rejected, so a value can never land on the wrong
// term.
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace cimloop::estimators::neurosim {

class NodeConstants {
 public:
  NodeConstants() = default;
  // Throws InputError naming `file` and `model` for a missing or mismatched table.
  NodeConstants(const YAML::Node& table, const std::string& file, const std::string& model,
                const std::vector<std::string>& terms);
  // The constants at `node` (one of kNodes), in the order of `terms`.
  const std::vector<double>& at(int node) const { return by_node_.at(node); }

 private:
  std::map<int, std::vector<double>> by_node_;
};

}  // namespace cimloop::estimators::neurosim
