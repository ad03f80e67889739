#pragma once
// Energy per action and area of one flattened component: primitive actions are sent to the
// estimator registry, then aggregated with their scales (spec §2.2, §2.3). Values unrounded.
#include <string>
#include <utility>
#include <vector>

#include "compat/accelergy/architecture.hpp"
#include "compat/accelergy/instance.hpp"

namespace cimloop::accelergy {

// One primitive action inside a compound action (kept when BuildContext::log is set).
struct SubactionEnergy {
  std::string subcomponent;  // as written in the actions: "storage.storage[1..2048]"
  std::string action;
  AttributeDict arguments;  // as given to the estimator
  double energy = 0;        // pJ of one action of one subcomponent, as estimated
  double energy_scale = 1;  // the sub-action's energy_scale chain
  double interpreted = 0;   // energy x energy_scale x the instances the name's ranges count
  std::string estimator;
};

struct ActionEnergy {
  std::string name;
  AttributeDict arguments;  // as written in the ERT
  bool null_arguments = false;  // v0.3 primitives: `arguments: null`
  double energy = 0;            // pJ
  bool no_primitives = false;   // a compound action without primitive actions: Accelergy's integer 0
  std::vector<SubactionEnergy> subactions = {};  // compounds, with BuildContext::log
};

// A primitive subcomponent of a compound and its area (kept when BuildContext::log is set).
struct PrimitivePart {
  std::string name;  // path below the component
  std::string class_name;
  AttributeDict attributes;
  double area_scale = 1;
  double energy_scale = 1;
  double count = 1;   // instances its name's ranges count
  double area = 0;    // um^2 of one instance group as estimated (n_instances included)
  std::string estimator;
};

struct Provenance {
  std::string name;  // subcomponent path (or the component's full name for primitives)
  std::string estimator;
};

struct ComponentEstimate {
  std::string name;
  bool primitive = true;
  bool by_primitive_type = false;  // a compound class estimated as its primitive_type
  std::vector<ActionEnergy> actions;     // one per action and argument combination
  std::vector<Provenance> energy_sources;  // first-seen order
  double area = 0;                       // um^2
  std::vector<Provenance> area_sources;  // empty: no primitive, Accelergy's integer 0
  std::vector<PrimitivePart> parts;      // compounds, with BuildContext::log
};

// With context.log set, every primitive query is recorded there and the estimate keeps the
// subactions and parts the verbose outputs show.
ComponentEstimate estimate_component(const FlatComponent& component, const BuildContext& context,
                                     const estimators::Registry& registry);

}  // namespace cimloop::accelergy
