// Keyword arguments and comprehensions in the v0.4 expression language (CiMLoop's
// `encoded_hist_to_avg_slice(..., return_per_slice=True)` and
// `sum(p * (1 - p) for p in bits)`), through the built-ins, the custom function modules and
// the Jinja filters.
#include <gtest/gtest.h>

#include <string>

#include "compat/v04/call_arguments.hpp"
#include "compat/cimloop/python_modules.hpp"
#include "compat/v04/expression.hpp"

using namespace cimloop::compat::v04;

namespace {

// Python dialect with the slicing_encoding.py module and a few list variables.
Value eval(const std::string& text) {
  ExpressionScope scope;
  scope.lookup = [](const std::string& name) -> std::optional<Value> {
    if (name == "HIST") return Value::from_list({Value::from_int(0), Value::from_int(0), Value::from_int(0), Value::from_int(3),
                                                 Value::from_int(2), Value::from_int(1), Value::from_int(0)});
    if (name == "BITS") return Value::from_list({Value::from_float(0.5), Value::from_float(0.25)});
    return std::nullopt;
  };
  const auto* module = cimloop::compat::cimloop::python_module("slicing_encoding.py");
  scope.has_function = [module](const std::string& name) { return module->count(name) > 0; };
  scope.call = [module](const std::string& name, const CallArguments& args) -> std::optional<Value> {
    const auto found = module->find(name);
    if (found == module->end()) return std::nullopt;
    return found->second(args);
  };
  return evaluate_expression(text, Dialect::Python, scope);
}

CallArguments call(std::vector<Value> positional, std::vector<std::pair<std::string, Value>> keywords) {
  CallArguments out(std::move(positional));
  out.keywords = std::move(keywords);
  return out;
}

std::string error_of(const std::string& text) {
  try {
    eval(text);
  } catch (const ExpressionError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(V04KeywordArguments, BindLikePython) {
  const Signature f{"f", {"a", "b", "c"}, 1};
  const auto slots = bind_arguments(f, call({Value::from_int(1)}, {{"c", Value::from_int(3)}}));
  ASSERT_EQ(slots.size(), 3u);
  EXPECT_EQ(slots[0]->as_int(), 1);
  EXPECT_FALSE(slots[1].has_value());
  EXPECT_EQ(slots[2]->as_int(), 3);
  auto error = [&](const CallArguments& arguments) {
    try {
      bind_arguments(f, arguments);
    } catch (const ExpressionError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error(call({}, {{"d", Value::from_int(1)}})), "f() got an unexpected keyword argument 'd'");
  EXPECT_EQ(error(call({Value::from_int(1)}, {{"a", Value::from_int(1)}})), "f() got multiple values for argument 'a'");
  EXPECT_EQ(error(call({}, {{"b", Value::from_int(1)}})), "f() missing required argument 'a'");
  EXPECT_EQ(error({Value::from_int(1), Value::from_int(2), Value::from_int(3), Value::from_int(4)}),
            "f() takes at most 3 argument(s) (4 given)");
}

TEST(V04KeywordArguments, ReachCustomFunctions) {
  // CiMLoop's INPUT_BIT_DISTRIBUTION (variables_common.yaml): per-bit P(1), spec §2.3.
  const Value bits = eval("encoded_hist_to_avg_slice(offset_encode_hist(HIST), 8, 1, return_per_slice=True)");
  ASSERT_EQ(bits.kind, Value::Kind::List);
  ASSERT_EQ(bits.items.size(), 8u);
  EXPECT_NEAR(bits.items[2].as_double(), 0.6667, 1e-4);
  // The fourth positional parameter is partial_slices_use_full_range, as in the Python.
  EXPECT_EQ(eval("encoded_hist_to_avg_slice(offset_encode_hist(HIST), 8, 1, True)").kind, Value::Kind::Float);
  EXPECT_NEAR(eval("encoded_hist_to_avg_slice(offset_encode_hist(weights=HIST), bits_per_slice=8, total_bits=8)").as_double(),
              0.52767, 5e-6);
  EXPECT_EQ(eval("encoded_hist_to_avg_slice(offset_encode_hist(HIST), 8, 8, return_per_slice=False)").kind,
            Value::Kind::Float);
  EXPECT_EQ(error_of("encoded_hist_to_avg_slice(offset_encode_hist(HIST), 8, 1, per_slice=True)"),
            "encoded_hist_to_avg_slice() got an unexpected keyword argument 'per_slice'");
  EXPECT_EQ(error_of("hist_to_magnitude(HIST, signed=True)"), "hist_to_magnitude() got an unexpected keyword argument 'signed'");
}

// 8 bits in slices of 3: 3 + 3 + 2. The default normalises the 2-bit slice by 7 too; with
// partial_slices_use_full_range by 3. Code 011 up-samples to 0110 1010 (density 2/3 below).
TEST(V04KeywordArguments, PartialSlicesUseFullRange) {
  const double shared = eval("encoded_hist_to_avg_slice(offset_encode_hist(HIST), 8, 3, return_per_slice=True)").items[2].as_double();
  const double own = eval("encoded_hist_to_avg_slice(offset_encode_hist(HIST), 8, 3, return_per_slice=True, "
                          "partial_slices_use_full_range=True)")
                         .items[2]
                         .as_double();
  EXPECT_DOUBLE_EQ(own, shared * 7 / 3);
}

TEST(V04KeywordArguments, BuiltinsTakeOnlyTheirKeywords) {
  EXPECT_EQ(eval("round(2.567, ndigits=2)").str(), "2.57");
  EXPECT_EQ(eval("round(number=2.5)").str(), "2");
  EXPECT_EQ(error_of("max(1, 2, key=3)"), "max() got an unexpected keyword argument 'key'");
  EXPECT_EQ(error_of("round(2.5, digits=1)"), "round() got an unexpected keyword argument 'digits'");
  EXPECT_THROW(eval("max(a=1, 2)"), ExpressionSyntaxError);   // positional after keyword
  EXPECT_THROW(eval("round(2.5, n=1, n=2)"), ExpressionSyntaxError);  // repeated keyword
  EXPECT_THROW(eval("a = 1"), ExpressionSyntaxError);          // still not an expression
}

TEST(V04KeywordArguments, JinjaFiltersTakeKeywords) {
  const ExpressionScope none;
  EXPECT_EQ(evaluate_expression("'a\\nb' | indent(width=2)", Dialect::Jinja, none).str(), "a\n  b");
  EXPECT_EQ(evaluate_expression("'a\\nb' | indent(1, first=True)", Dialect::Jinja, none).str(), " a\n b");
  EXPECT_THROW(evaluate_expression("'a' | indent(blank=True)", Dialect::Jinja, none), ExpressionError);
}

TEST(V04Comprehensions, GeneratorAndListComprehensions) {
  // CiMLoop's bit_flip_probability and C-2C a_rms formulas.
  EXPECT_DOUBLE_EQ(eval("sum(p * (1 - p) for p in BITS) / len(BITS)").as_double(), (0.25 + 0.1875) / 2);
  EXPECT_EQ(eval("sum(i ** 2 * p for i, p in enumerate(HIST))").str(), "84");
  EXPECT_EQ(eval("[x * 2 for x in [1, 2, 3] if x != 2]").str(), "[2, 6]");
  EXPECT_EQ(eval("[x for x in []]").str(), "[]");
  EXPECT_EQ(eval("enumerate([5, 6])").str(), "[[0, 5], [1, 6]]");
  EXPECT_EQ(eval("max(p for p in BITS)").str(), "0.5");
  EXPECT_THROW(eval("sum(x for x in 3)"), ExpressionError);
  EXPECT_THROW(eval("sum(a + b for a, b in [1, 2])"), ExpressionError);
}
