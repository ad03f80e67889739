#pragma once
// Energy per action and area of one flattened component: primitive actions are sent to the
// estimator registry, then aggregated with their scales (spec §2.2, §2.3). Values unrounded.
#include <string>
#include <utility>
#include <vector>

#include "compat/accelergy/architecture.hpp"
#include "compat/accelergy/instance.hpp"

namespace cimloop::accelergy {

struct ActionEnergy {
  std::string name;
  AttributeDict arguments;  // as written in the ERT
  bool null_arguments = false;  // v0.3 primitives: `arguments: null`
  double energy = 0;            // pJ
  bool no_primitives = false;   // a compound action without primitive actions: Accelergy's integer 0
};

struct Provenance {
  std::string name;  // subcomponent path (or the component's full name for primitives)
  std::string estimator;
};

struct ComponentEstimate {
  std::string name;
  bool primitive = true;
  std::vector<ActionEnergy> actions;     // one per action and argument combination
  std::vector<Provenance> energy_sources;  // first-seen order
  double area = 0;                       // um^2
  std::vector<Provenance> area_sources;  // empty: no primitive, Accelergy's integer 0
};

ComponentEstimate estimate_component(const FlatComponent& component, const BuildContext& context,
                                     const estimators::Registry& registry);

}  // namespace cimloop::accelergy
