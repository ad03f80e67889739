// The v0.4 reader's CiMLoop extensions on our models tree (examples/cim, read through its
// top.yaml.jinja2 as CiMLoop's flow reads its own): the array processor (problem histograms ->
// *_HIST variables, !ArrayContainer fan-outs -> ARRAY_* variables), the built-in
// slicing_encoding.py functions (also called through a variable holding a function name),
// expression entries in factor lists, and `*ignore*` top-level keys.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "compat/v04/process_v04.hpp"
#include "compat/v04/spec_loader.hpp"
#include "compat/cimloop/python_modules.hpp"
#include "src/common/error.hpp"

namespace fs = std::filesystem;
using namespace cimloop::compat::v04;

namespace {

const fs::path kTop = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim" / "top.yaml.jinja2";

// The Jinja variables of a macro in its own operating point and the one-macro system, on
// `layer` (a name under workloads/) or, when empty, the default layer.
std::map<std::string, std::string> macro_vars(const std::string& macro, const std::string& layer = "") {
  std::map<std::string, std::string> vars = {{"macro", macro}, {"system", "ws_dummy_buffer_one_macro"}};
  if (!layer.empty()) vars["layer"] = layer;
  return vars;
}

YAML::Node process_macro(const std::map<std::string, std::string>& vars, const VariableOverrides& overrides = {},
                         const std::vector<std::string>& extra_files = {}) {
  std::vector<std::string> files = {kTop.string()};
  files.insert(files.end(), extra_files.begin(), extra_files.end());
  return process_v04(files, vars, Purpose::Mapper, overrides);
}

double top_attribute(const YAML::Node& processed, const std::string& name) {
  return processed["architecture"]["subtree"][0]["attributes"][name].as<double>();
}

Value list(const std::vector<double>& values) {
  std::vector<Value> items;
  for (double v : values) items.push_back(Value::from_float(v));
  return Value::from_list(items);
}

Value slicing_encoding(const std::string& function, const cimloop::compat::v04::CallArguments& args) {
  return cimloop::compat::cimloop::python_module("slicing_encoding.py")->at(function)(args);
}

}  // namespace

TEST(V04CimExtensions, ArrayProcessorSetsArrayVariablesAndLayerHistograms) {
  const YAML::Node processed = process_macro(macro_vars("basic_analog", "resnet18/05"));
  EXPECT_EQ(top_attribute(processed, "ARRAY_WORDLINES"), 32);
  EXPECT_EQ(top_attribute(processed, "ARRAY_BITLINES"), 32);
  EXPECT_EQ(top_attribute(processed, "ARRAY_PARALLEL_INPUTS"), 32);
  EXPECT_EQ(top_attribute(processed, "ARRAY_PARALLEL_OUTPUTS"), 32);
  EXPECT_EQ(top_attribute(processed, "ARRAY_PARALLEL_WEIGHTS"), 1024);
  EXPECT_EQ(top_attribute(processed, "N_VIRTUAL_MACS"), 512);
  EXPECT_FALSE(processed["problem"]["histograms"].IsDefined());

  // AVERAGE_INPUT_VALUE is the slice statistic of the layer's histogram, not the default one.
  std::vector<Value> inputs;
  for (const YAML::Node& bin : processed["architecture"]["subtree"][0]["attributes"]["INPUTS_HIST"])
    inputs.push_back(Value::from_float(bin.as<double>()));
  ASSERT_EQ(inputs.size(), 31u);
  const Value encoded = slicing_encoding("offset_encode_hist", {Value::from_list(inputs)});
  const Value average = slicing_encoding(
      "encoded_hist_to_avg_slice", {encoded, Value::from_int(8), Value::from_int(8)});
  EXPECT_DOUBLE_EQ(top_attribute(processed, "AVERAGE_INPUT_VALUE"), average.as_double());
  const Value default_average = slicing_encoding(
      "encoded_hist_to_avg_slice",
      {slicing_encoding("offset_encode_hist", {list({0, 0, 0, 3, 2, 1, 0})}), Value::from_int(8),
       Value::from_int(8)});
  EXPECT_NE(top_attribute(processed, "AVERAGE_INPUT_VALUE"), default_average.as_double());
}

// Wang's cycle time scales with ARRAY_BITLINES, a variable the array processor sets; its bit
// distributions come from encoded_hist_to_avg_slice(..., return_per_slice=True).
TEST(V04CimExtensions, VariablesMayUseTheArrayVariables) {
  const YAML::Node processed = process_macro(macro_vars("wang_vlsi_2022"));
  EXPECT_EQ(top_attribute(processed, "ARRAY_WORDLINES"), 64 * 8);
  EXPECT_EQ(top_attribute(processed, "ARRAY_BITLINES"), 16 * 8);
  EXPECT_EQ(top_attribute(processed, "LATENCY_COLUMNS_SCALE"), 1);
  EXPECT_DOUBLE_EQ(top_attribute(processed, "GLOBAL_CYCLE_SECONDS"), 6.9e-9 * std::pow(0.7, 1.1));
  const YAML::Node bits = processed["architecture"]["subtree"][0]["attributes"]["INPUT_BIT_DISTRIBUTION"];
  ASSERT_TRUE(bits.IsSequence());
  EXPECT_EQ(bits.size(), 8u);
}

// An unknown keyword argument stops the reader with the file, line and variable.
TEST(V04CimExtensions, UnknownKeywordArgumentsAreInputErrors) {
  try {
    process_macro(macro_vars("wang_vlsi_2022"),
                std::map<std::string, std::string>{{"WEIGHT_BIT_DISTRIBUTION", "encoded_hist_to_avg_slice(offset_encode_hist(WEIGHTS_HIST), 8, 1, per_slice=True)"}});
    ADD_FAILURE() << "expected an InputError";
  } catch (const cimloop::InputError& error) {
    EXPECT_NE(std::string(error.what()).find("variables.WEIGHT_BIT_DISTRIBUTION"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("encoded_hist_to_avg_slice() got an unexpected keyword argument 'per_slice'"),
              std::string::npos)
        << error.what();
  }
}

TEST(V04CimExtensions, FactorListEntriesMayBeExpressions) {
  const YAML::Node processed = process_macro(macro_vars("basic_analog"));
  bool found = false;
  for (const YAML::Node& target : processed["architecture_constraints"]["targets"])
    if (target["target"].as<std::string>() == "inter_1bit_x_1bit_mac_spatial" && target["type"].as<std::string>() == "spatial") {
      // ("X=" + str(INPUT_BITS_PER_SLICE)), ("Y=" + str(WEIGHT_BITS_PER_SLICE)), Z=0; then the
      // unit factors factors_only implies
      EXPECT_EQ(target["factors"].as<std::string>().rfind("X=8,Y=8,Z=0,", 0), 0u) << target["factors"];
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST(V04CimExtensions, UnknownCustomFunctionModulesAreRejected) {
  const fs::path dir = fs::temp_directory_path() / ("cimloop-v04-cim-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path globals = dir / "globals.yaml";
  std::ofstream(globals) << "globals:\n  expression_custom_functions: [my_helpers.py]\n";
  try {
    process_macro(macro_vars("basic_analog"), {}, {globals.string()});
    ADD_FAILURE() << "expected an InputError";
  } catch (const cimloop::InputError& error) {
    EXPECT_NE(std::string(error.what()).find("expression_custom_functions"), std::string::npos) << error.what();
  }
  fs::remove_all(dir);
}

// --set NAME=EXPRESSION replaces a top-level variable before anything is evaluated: the
// operating point flows into the variables that depend on it; unknown names are errors.
TEST(V04CimExtensions, VariableOverridesReplaceExpressions) {
  const auto vars = macro_vars("basic_analog");
  const YAML::Node base = process_macro(vars);
  const YAML::Node halved = process_macro(vars, std::map<std::string, std::string>{{"VOLTAGE", "0.5 * 1"}, {"INPUT_BITS", "4"}});
  EXPECT_EQ(top_attribute(halved, "VOLTAGE"), 0.5);
  EXPECT_EQ(top_attribute(base, "ENCODED_INPUT_BITS"), 8);
  EXPECT_EQ(top_attribute(halved, "ENCODED_INPUT_BITS"), 4);
  EXPECT_EQ(halved["problem"]["instance"]["X"].as<int>(), 4);
  try {
    process_macro(vars, std::map<std::string, std::string>{{"VOLTGE", "1"}});
    ADD_FAILURE() << "expected an InputError";
  } catch (const cimloop::InputError& error) {
    EXPECT_STREQ(error.what(), "--set VOLTGE: the specification has no variable VOLTGE");
  }
}
