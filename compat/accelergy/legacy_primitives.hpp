#pragma once
// Accelergy v0.2/v0.3 primitive classes (estimators/data/legacy_primitive_library.yaml): the
// default attributes and actions that v0.3 inputs take from Accelergy's primitive library.
#include <string>
#include <vector>

#include "compat/accelergy/component_classes.hpp"

namespace cimloop::accelergy {

struct LegacyPrimitiveClass {
  AttributeDict defaults;  // raw
  std::vector<ActionDef> actions;
};

// Null when the library has no such class.
const LegacyPrimitiveClass* legacy_primitive_class(const std::string& name);

}  // namespace cimloop::accelergy
