#pragma once
// A small Accelergy design for tests of the output files: a compound of three aladdin_adders
// (a ranged pair whose add has energy_scale 0.5, and a 16-bit one with area_scale 2) and one
// primitive adder. With the Library data at 45nm a 32-bit aladdin_adder adds for 0.21 pJ on
// 278 um^2 (16 bits: half of both), so the compound's add costs 0.21 + 0.105 = 0.315 pJ and
// its area is 2 x 278 + 2 x 139 = 834 um^2.

namespace cimloop::testing {

inline constexpr const char* kAdderGroupDesign = R"(
compound_components:
  version: '0.4'
  classes:
  - name: adder_group
    attributes: {technology: must_specify, width: 32}
    subcomponents:
    - {name: "adders[0..1]", class: aladdin_adder, attributes: {width: width}}
    - {name: half, class: aladdin_adder, attributes: {width: 16}, area_scale: 2}
    actions:
    - name: add
      subcomponents:
      - {name: "adders[0..1]", actions: [{name: add, energy_scale: 0.5}]}
      - {name: half, actions: [{name: add}]}
    - {name: idle, subcomponents: []}
architecture:
  version: '0.4'
  subtree:
  - name: top
    attributes: {technology: "45nm", global_cycle_seconds: 1e-9}
    local:
    - {name: group, class: adder_group}
    - {name: lone, class: aladdin_adder, attributes: {width: 32}, required_actions: [add]}
)";

}  // namespace cimloop::testing
