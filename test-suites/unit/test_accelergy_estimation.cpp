// Compound-component features beyond the reference designs.
#include <gtest/gtest.h>

#include "compat/accelergy/tables.hpp"

using namespace cimloop;

namespace {

TEST(AccelergyEstimation, PrimitiveTypeCompoundIsEstimatedAsThatPrimitive) {
  const char* text = R"(
compound_components:
  version: '0.4'
  classes:
  - name: big_adder
    primitive_type: aladdin_adder
    attributes: {technology: must_specify, width: 64}
    subcomponents: []
    actions: [{name: add}, {name: leak}]
architecture:
  version: '0.4'
  subtree:
  - name: top
    attributes: {technology: "45nm", global_cycle_seconds: 1e-9}
    local:
    - {name: adder, class: big_adder, required_actions: [add]}
)";
  accelergy::AccelergyResult r = accelergy::estimate_tables(YAML::Load(text));
  YAML::Node entry = r.ert["ERT"]["tables"][0];
  EXPECT_EQ(entry["actions"][0]["name"].Scalar(), "add");
  EXPECT_EQ(entry["actions"][0]["energy"].Scalar(), "0.42");  // 0.21 pJ x 64/32
  EXPECT_EQ(entry["actions"][1]["energy"].Scalar(), "0.0048");
  EXPECT_EQ(r.art["ART"]["tables"][0]["area"].Scalar(), "556.0");
}

}  // namespace
