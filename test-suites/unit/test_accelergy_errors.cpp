// Bad component definitions give one clear error naming the component and the attribute.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "compat/accelergy/component_classes.hpp"
#include "compat/accelergy/energy_estimation.hpp"
#include "compat/accelergy/tables.hpp"
#include "compat/config/input_files.hpp"
#include "src/common/error.hpp"

using namespace cimloop;

namespace {

const char* const kClasses = R"(
compound_components:
  version: '0.4'
  classes:
  - name: adder_pair
    attributes: {technology: must_specify, width: must_specify, bits: width * 2}
    subcomponents:
    - name: adders[1..2]
      class: aladdin_adder
      attributes: {width: bits}
    actions:
    - name: add
      subcomponents:
      - name: adders[1..2]
        actions: [{name: add}]
)";

std::string architecture(const std::string& component, const std::string& extra_classes = "") {
  return std::string(kClasses) + extra_classes + R"(
architecture:
  version: '0.4'
  subtree:
  - name: top
    attributes: {technology: "45nm", global_cycle_seconds: 1e-9}
    local:
)" + component;
}

std::string error_of(const std::string& text) {
  try {
    accelergy::estimate_tables(YAML::Load(text));
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

void expect_mentions(const std::string& message, std::initializer_list<const char*> parts) {
  for (const char* part : parts) EXPECT_NE(message.find(part), std::string::npos) << message;
}

TEST(AccelergyErrors, UnknownClass) {
  std::string m = error_of(architecture("    - {name: thing, class: flux_capacitor, required_actions: [read]}\n"));
  expect_mentions(m, {"component 'top.thing'", "unknown class 'flux_capacitor'"});
}

TEST(AccelergyErrors, MissingAttribute) {
  std::string m = error_of(architecture("    - {name: pair, class: adder_pair, required_actions: [add]}\n"));
  expect_mentions(m, {"component 'top.pair'", "attribute 'width'", "must be specified"});
}

TEST(AccelergyErrors, ExpressionError) {
  std::string m = error_of(architecture(
      "    - {name: pair, class: adder_pair, attributes: {width: 8 +* 2}, required_actions: [add]}\n"));
  expect_mentions(m, {"component 'top.pair'", "attribute 'width'", "cannot evaluate"});
}

TEST(AccelergyErrors, UnknownName) {
  std::string m = error_of(architecture(
      "    - {name: pair, class: adder_pair, attributes: {width: wdith}, required_actions: [add]}\n"));
  expect_mentions(m, {"component 'top.pair'", "attribute 'width'", "'wdith' is not defined"});
}

TEST(AccelergyErrors, CycleInAttributeReferences) {
  std::string m = error_of(architecture(
      "    - {name: pair, class: adder_pair, attributes: {width: depth, depth: width}, required_actions: [add]}\n"));
  expect_mentions(m, {"component 'top.pair'", "attribute 'width'", "cycle"});
}

TEST(AccelergyErrors, ClassContainingItself) {
  const char* looped = R"(  - name: looped
    attributes: {technology: must_specify}
    subcomponents: [{name: inner, class: looped}]
    actions: [{name: go, subcomponents: [{name: inner, actions: [{name: go}]}]}]
)";
  std::string m = error_of(architecture("    - {name: loop, class: looped, required_actions: [go]}\n", looped));
  expect_mentions(m, {"component 'top.loop'", "class 'looped' contains itself"});
}

TEST(AccelergyErrors, RequiredActionMissingFromClass) {
  std::string m = error_of(architecture(
      "    - {name: pair, class: adder_pair, attributes: {width: 8}, required_actions: [multiply]}\n"));
  expect_mentions(m, {"component 'top.pair'", "'multiply'"});
}

TEST(AccelergyErrors, MissingEstimatorAttributeIsNamed) {
  std::string m = error_of(architecture("    - {name: mem, class: DRAM, required_actions: [read]}\n"));
  expect_mentions(m, {"component 'top.mem'", "'width'"});
}

TEST(AccelergyEstimation, ValidDefinitionEstimates) {
  accelergy::AccelergyResult r = accelergy::estimate_tables(YAML::Load(architecture(
      "    - {name: pair, class: adder_pair, attributes: {width: 8}, required_actions: [add]}\n")));
  // Two 16-bit Aladdin adders at 45nm: 2 x 0.21 x 16/32 pJ; area 2 x 278 x 16/32 um^2.
  EXPECT_EQ(r.ert["ERT"]["tables"][0]["actions"][0]["energy"].Scalar(), "0.21");
  EXPECT_EQ(r.art["ART"]["tables"][0]["area"].Scalar(), "278.0");
}

// CiMLoop component classes compute on lists: a comprehension over a list attribute.
TEST(AccelergyEstimation, ComponentAttributeComprehensionOverAList) {
  accelergy::AccelergyResult r = accelergy::estimate_tables(YAML::Load(architecture(
      "    - name: pair\n"
      "      class: adder_pair\n"
      "      attributes: {widths: [4, 8, 4], width: sum(w for w in widths if w > 4)}\n"
      "      required_actions: [add]\n")));
  EXPECT_EQ(r.ert["ERT"]["tables"][0]["actions"][0]["energy"].Scalar(), "0.21");  // width 8, as above
  const YAML::Node written = r.flattened_architecture["architecture"]["local"][0]["attributes"];
  EXPECT_EQ(written["width"].Scalar(), "8");
  EXPECT_EQ(written["widths"].Scalar(), "[4, 8, 4]");
}

}  // namespace

namespace {

TEST(AccelergyErrors, MessageStartsWithFileAndLineOfTheComponent) {
  std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("cimloop_bad_arch_" + std::to_string(::getpid()) + ".yaml");
  std::string text = architecture("    - {name: thing, class: flux_capacitor, required_actions: [read]}\n");
  std::ofstream(file) << text;
  long line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(text.find("name: thing")), '\n');
  compat::MergedInput input = compat::load_merged_inputs({file.string()});
  accelergy::EstimationOptions options;
  options.sources = &input.sources;
  try {
    accelergy::estimate_tables(input.root, options);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    std::string expected_prefix = file.string() + ":" + std::to_string(line) + ": component 'top.thing'";
    EXPECT_EQ(std::string(e.what()).rfind(expected_prefix, 0), 0u) << e.what();
  }
  std::filesystem::remove(file);
}

// Found by fuzz_timeloop_yaml: a scalar where a subcomponent's action (a map) belongs threw
// yaml-cpp's BadSubscript instead of an input error.
TEST(AccelergyErrors, ScalarEntryInACompoundClassIsAnInputError) {
  const YAML::Node classes = YAML::Load(
      "version: '0.4'\nclasses:\n- name: pair\n  attributes: {}\n  subcomponents: []\n  actions:\n"
      "  - name: add\n    subcomponents:\n    - name: adders\n      actions: [just_a_word]\n");
  accelergy::ClassLibrary library;
  try {
    library.add(classes);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "compound class 'pair', action 'add', subcomponent 'adders' action: expected a map with key 'name'");
  }
}

}  // namespace

namespace {

// A clock period is a positive time: a negative one would turn every leak into a gain.
TEST(AccelergyErrors, NonPositiveCycleTimeIsAnError) {
  std::string text = architecture("    - {name: adder, class: aladdin_adder, attributes: {width: 8}, required_actions: [add]}\n");
  text.replace(text.find("global_cycle_seconds: 1e-9"), 26, "global_cycle_seconds: -1e-9");
  expect_mentions(error_of(text), {"component 'top.adder'", "global_cycle_seconds", "must be a positive number", "-1e-09"});
}

// An energy that comes out NaN or negative (here a scale of inf - inf) is never written.
TEST(AccelergyErrors, EstimateThatIsNotACostIsAnError) {
  const std::string classes = R"(
  - name: scaled_adder
    attributes: {technology: must_specify, width: 8, scale: 1e308 * 10 - 1e308 * 10}
    subcomponents:
    - {name: adder, class: aladdin_adder, attributes: {width: width}}
    actions:
    - name: add
      subcomponents:
      - {name: adder, actions: [{name: add, energy_scale: scale}]}
)";
  const std::string m = error_of(
      architecture("    - {name: odd, class: scaled_adder, required_actions: [add]}\n", classes));
  expect_mentions(m, {"component 'top.odd'", "energy of action 'add'", "nan", "not a finite non-negative number"});
}

}  // namespace

namespace {

std::string energy_error(const std::string& energy, const std::string& counts) {
  const YAML::Node ert = YAML::Load("ERT: {version: '0.4', tables: [{name: top.adder, actions: [{name: add, energy: " +
                                    energy + "}]}]}");
  const YAML::Node action_counts =
      YAML::Load("{version: '0.4', local: [{name: top.adder, action_counts: [{name: add, counts: " + counts + "}]}]}");
  try {
    accelergy::estimate_energy(ert, action_counts);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// A given ERT is used as is for the energy estimation: its energies and the counts must be
// costs (a NaN was written as the component's energy; a word gave a bare yaml-cpp error).
TEST(AccelergyErrors, EnergyEstimationNeedsCostsAndCounts) {
  EXPECT_EQ(energy_error("1.5", "2"), "no error");
  expect_mentions(energy_error(".nan", "2"), {"component 'top.adder'", "energy of action 'add'", "'.nan'"});
  expect_mentions(energy_error("1.5", "many"), {"component 'top.adder'", "counts", "'many'"});
  expect_mentions(energy_error("1.5", "-3"), {"component 'top.adder'", "counts", "'-3'"});
}

}  // namespace
