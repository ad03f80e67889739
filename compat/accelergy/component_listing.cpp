#include "compat/accelergy/component_listing.hpp"

namespace cimloop::accelergy {

std::string list_components(const estimators::Registry& registry) {
  std::string out;
  for (const auto& estimator : registry.all()) {
    out += estimator->name() + ":\n";
    for (const estimators::SupportedClass& c : estimator->supported_classes()) {
      out += "  " + c.class_name;
      if (!c.note.empty()) out += " (" + c.note + ")";
      out += ": ";
      if (c.actions.empty()) out += "any action";
      for (size_t i = 0; i < c.actions.size(); ++i) out += (i ? ", " : "") + c.actions[i];
      out += "\n";
    }
  }
  return out;
}

}  // namespace cimloop::accelergy
