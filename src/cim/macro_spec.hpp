#pragma once
// Our own YAML description of a CiM macro (examples/cim/<macro>/macro.yaml): variables as
// CiMLoop-style expressions, the memory cell, default operand distributions and encodings,
// the !ArrayContainer hierarchy and the components in their v0.4 order.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "estimators/cim/memory_cell.hpp"
#include "src/cim/encoding.hpp"
#include "src/cim/histogram.hpp"
#include "src/cim/slicing.hpp"

namespace cimloop::cim {

struct ArrayContainerSpec {
  std::string name;
  std::string fanout;  // expression
  bool along_rows = false;
  Tensor shares = Tensor::inputs;
  bool spatial_reuse = true;
  bool array_container = true;  // false: a plain !Container (does not size the array)
};

struct ComponentSpec {
  std::string name;
  std::string model;                             // estimator class (see component_models.hpp)
  Tensor keeps = Tensor::inputs;
  size_t containers_above = 0;                   // array containers enclosing the component
  bool coalesces = false;                        // merges copies of a value within a step
  std::map<std::string, std::string> attributes; // name -> expression (or keyword)
  std::string where;                             // file:line for messages
};

struct VariableSpec {
  std::string name;
  std::string expression;
  std::string where;  // file (line): variables.NAME
};

struct MacroSpec {
  std::string name;
  std::string source;                 // file it was read from
  std::optional<estimators::cim::MemoryCell> cell;  // absent for macros without memory cells
  Encoding input_encoding = Encoding::offset;
  Encoding weight_encoding = Encoding::offset;
  Histogram default_inputs = default_inputs_histogram();
  Histogram default_weights = default_weights_histogram();
  std::vector<VariableSpec> variables;  // in file order
  std::vector<ArrayContainerSpec> array;
  std::vector<ComponentSpec> components;
};

// Throws InputError naming file, line and key for anything malformed. A macro's
// `component_libraries` (directories of component tables, relative to the file) are announced
// to the Library estimator as $ACCELERGY_COMPONENT_LIBRARIES_<NAME>, as CiMLoop's macros do.
MacroSpec read_macro_spec(const std::string& path);

}  // namespace cimloop::cim
