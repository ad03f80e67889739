#include "estimators/neurosim/node_constants.hpp"

#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

NodeConstants::NodeConstants(const YAML::Node& table, const std::string& file, const std::string& model,
                             const std::vector<std::string>& terms) {
  const std::string where = file + ": " + model;
  if (!table || !table["terms"] || !table["nodes"]) throw InputError(where + ": needs 'terms' and 'nodes'");
  try {
    if (table["terms"].as<std::vector<std::string>>() != terms) {
      std::string expected;
      for (const std::string& t : terms) expected += (expected.empty() ? "" : ", ") + t;
      throw InputError(where + ": terms must be [" + expected + "]");
    }
    for (int node : kNodes) {
      auto values = node_entry(table["nodes"], node, where).as<std::vector<double>>();
      if (values.size() != terms.size())
        throw InputError(where + ": " + std::to_string(node) + " nm has " + std::to_string(values.size()) +
                         " values for " + std::to_string(terms.size()) + " terms");
      by_node_[node] = std::move(values);
    }
  } catch (const YAML::Exception& e) {
    throw InputError(where + ": " + e.what());
  }
}

}  // namespace cimloop::estimators::neurosim
