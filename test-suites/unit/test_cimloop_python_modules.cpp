// The C++ stand-ins of CiMLoop's expression custom function files, against values the Python
// files give (computed with CiMLoop d6e1390's include/slicing_encoding.py and
// wan_nature_2022/helper_functions.py), and the expression features they are called with:
// functions as values, keyword arguments, generator expressions.
#include <gtest/gtest.h>

#include "compat/cimloop/expression_functions.hpp"
#include "compat/cimloop/python_modules.hpp"
#include "compat/v04/expression.hpp"

using cimloop::compat::v04::CallArguments;
using cimloop::compat::v04::Dialect;
using cimloop::compat::v04::ExpressionError;
using cimloop::compat::v04::ExpressionScope;
using cimloop::compat::v04::UnknownNameError;
using cimloop::compat::v04::Value;

namespace {

Value ints(std::initializer_list<long long> values) {
  std::vector<Value> items;
  for (long long v : values) items.push_back(Value::from_int(v));
  return Value::from_list(std::move(items));
}

// Both modules in one scope, with a few variables, as a macro listing both files has them.
Value eval(const std::string& text) {
  static const cimloop::compat::cimloop::PythonModule* modules[] = {
      cimloop::compat::cimloop::python_module("slicing_encoding.py"),
      cimloop::compat::cimloop::python_module("helper_functions.py")};
  ExpressionScope scope;
  scope.lookup = [](const std::string& name) -> std::optional<Value> {
    if (name == "INPUTS_HIST") return ints({0, 0, 0, 3, 2, 1, 0});
    if (name == "SIGNED_HIST") return ints({1, 2, 3, 4, 3, 2, 1});
    if (name == "WAN_HIST") return ints({5, 5, 6, 6, 7, 7, 8, 8, 8, 7, 7, 6, 6, 5, 5});
    if (name == "ENC") return Value::function("offset_encode_hist", "offset_encode_hist");
    if (name == "ONE_PHASE") return Value::from_bool(false);
    if (name == "PHASES") return ints({4, 3});
    return std::nullopt;
  };
  scope.has_function = [](const std::string& name) {
    for (const auto* module : modules)
      if (module->count(name)) return true;
    return false;
  };
  scope.call = [](const std::string& name, const CallArguments& args) -> std::optional<Value> {
    for (const auto* module : modules)
      if (const auto found = module->find(name); found != module->end()) return found->second(args);
    return std::nullopt;
  };
  return cimloop::compat::v04::evaluate_expression(text, Dialect::Python, scope);
}

}  // namespace

TEST(CimloopSlicingEncoding, EncodingsKeepEveryBinAsPythonDoes) {
  EXPECT_EQ(eval("offset_encode_hist(INPUTS_HIST)").str(),
            "[[[0, 0, 0], 0.0], [[0, 0, 1], 0.0], [[0, 1, 0], 0.0], [[0, 1, 1], 0.5], [[1, 0, 0], 0.3333333333333333], "
            "[[1, 0, 1], 0.16666666666666666], [[1, 1, 0], 0.0]]");
  EXPECT_EQ(eval("zero_gated_xnor_encode_hist(INPUTS_HIST)[3]").str(), "[[0, 0, 0, 0, 0], 0.5]");
  EXPECT_EQ(eval("xnor_encode_hist(INPUTS_HIST)[4]").str(), "[[1, 0, 0, 0, 1], 0.3333333333333333]");
  EXPECT_EQ(eval("magnitude_encode_hist(SIGNED_HIST)").str(),
            "[[[1, 1], 0.0625], [[1, 0], 0.125], [[0, 1], 0.1875], [[0, 0], 0.25], [[0, 1], 0.1875], [[1, 0], 0.125], "
            "[[1, 1], 0.0625]]");
  EXPECT_EQ(eval("len(two_part_magnitude_encode_if_signed_hist(SIGNED_HIST))").as_int(), 14);
  EXPECT_EQ(eval("two_part_magnitude_encode_if_signed_hist(SIGNED_HIST)[1]").str(), "[[0, 0], 0.03125]");
  EXPECT_EQ(eval("hist_to_magnitude(WAN_HIST)").str(), "[16, 16, 14, 14, 12, 12, 10]");
  EXPECT_FALSE(eval("is_hist_signed(INPUTS_HIST)").truthy());
  EXPECT_THROW(eval("offset_encode_hist([1, 1])"), ExpressionError);
}

TEST(CimloopSlicingEncoding, AverageSliceValuesMatchThePython) {
  EXPECT_EQ(eval("encoded_hist_to_avg_slice(ENC(INPUTS_HIST), 8, 8)").real, 0.5276688453159042);
  EXPECT_EQ(eval("encoded_hist_to_avg_slice(ENC(INPUTS_HIST), 8, 3)").real, 0.43915343915343924);
  EXPECT_EQ(eval("encoded_hist_to_avg_slice(ENC(INPUTS_HIST), 8, 3, True)").real, 0.544973544973545);
  EXPECT_EQ(eval("encoded_hist_to_avg_slice(offset_encode_hist([1] * 15), 8, 2)").real, 0.46666666666666656);
  EXPECT_EQ(eval("encoded_hist_to_avg_slice(ENC(INPUTS_HIST), 8, 1, return_per_slice=True)").str(),
            "[0.5, 0.5, 0.6666666666666666, 0.5555555555555556, 0.5555555555555556, 0.5555555555555556, "
            "0.5555555555555556, 0.5555555555555556]");
  EXPECT_EQ(eval("sum(p * (1 - p) for p in encoded_hist_to_avg_slice(ENC(INPUTS_HIST), 8, 1, return_per_slice=True))").real,
            eval("sum([p * (1 - p) for p in encoded_hist_to_avg_slice(ENC(INPUTS_HIST), 8, 1, return_per_slice=True)])").real);
  EXPECT_THROW(eval("encoded_hist_to_avg_slice(ENC(INPUTS_HIST), 8, 3, bogus=True)"), ExpressionError);
}

TEST(CimloopHelperFunctions, WanPhasesAsThePythonGivesThem) {
  EXPECT_EQ(eval("bits2phase_1phase(7)").str(), "[7]");
  EXPECT_EQ(eval("bits2phase_2phase(7, 3)").str(), "[4, 3]");
  EXPECT_EQ(eval("bits2phase_2phase(3, 3)").str(), "[3, 0]");
  EXPECT_EQ(eval("(bits2phase_1phase if ONE_PHASE else bits2phase_2phase)(7, 3)").str(), "[4, 3]");
  EXPECT_EQ(eval("sum_map(bits2integration_steps, PHASES)").as_int(), 22);
  EXPECT_EQ(eval("sum_map(bits2integration_steps, (bits2phase_2phase(8, 3)))").as_int(), 30);
  EXPECT_EQ(eval("sum_phase_out_bits(8, PHASES)").as_int(), 12);
  EXPECT_EQ(eval("phase_out_bits(8, PHASES, 1)").as_int(), 4);
  EXPECT_EQ(eval("helper_funcion(3, y=1)").as_int(), 10);
  EXPECT_EQ(eval("sum_map(abs, [-2, 3])").as_int(), 5);
  // Python: abs() takes exactly one argument.
  EXPECT_THROW(eval("sum_map(abs, [-2, 3], 1)"), ExpressionError);
}

TEST(CimloopHelperFunctions, FunctionsAreValues) {
  const Value f = eval("bits2integration_steps");
  EXPECT_TRUE(f.is_function());
  EXPECT_EQ(f.text, "bits2integration_steps");
  EXPECT_EQ(eval("map(bits2integration_steps, [1, 2])").str(), "[1, 3]");
  EXPECT_EQ(eval("[i * b for i, b in zip(range(3), [1, 2, 3])]").str(), "[0, 2, 6]");
  EXPECT_EQ(eval("sum(i ** 2 * p for i, p in enumerate([1, 1, 2]))").as_int(), 9);
  EXPECT_THROW(eval("NOT_DEFINED(1)"), UnknownNameError);
  EXPECT_THROW(eval("sum_map(not_a_function, PHASES)"), UnknownNameError);
  EXPECT_THROW(eval("INPUTS_HIST(1)"), ExpressionError);
}

TEST(CimloopExpressionFunctions, NamesComeFromTheListedFiles) {
  const std::vector<std::string> names = cimloop::compat::cimloop::python_defined_names(
      "from math import ceil, floor as fl\nfrom typing import (List,\n  Tuple)\nimport os\n\n"
      "def one(x):\n    def inner():\n        pass\n    return x\n\nclass Bits(object):\n    pass\n");
  EXPECT_EQ(names, (std::vector<std::string>{"ceil", "fl", "List", "Tuple", "one", "Bits"}));
}

TEST(CimloopSlicingEncoding, OutOfRangeArgumentsAreErrorsNotUndefinedBehaviour) {
  EXPECT_THROW(eval("to_bits_unsigned(float('nan'), 4)"), ExpressionError);
  EXPECT_THROW(eval("to_bits_unsigned(1e300, 8)"), ExpressionError);
  EXPECT_THROW(eval("to_bits_unsigned(3, float('nan'))"), ExpressionError);
  EXPECT_THROW(eval("encoded_hist_to_avg_slice([[[1, 0], 1]], -1, 1)"), ExpressionError);
  EXPECT_THROW(eval("encoded_hist_to_avg_slice([[[1, 0], 1]], 2, [3, -1])"), ExpressionError);
  EXPECT_THROW(eval("encoded_hist_to_avg_slice([[[1e300, 0], 1]], 2, 1)"), ExpressionError);
  EXPECT_THROW(eval("encoded_hist_to_avg_slice([[[1, 0], 1]], 1000000000000, 1)"), ExpressionError);
  EXPECT_THROW(eval("zero_gated_xnor_encode_hist([])"), ExpressionError);
  EXPECT_EQ(eval("to_bits_unsigned(5, 4)").str(), "[0, 1, 0, 1]");
}
