// Attribute expressions follow Python semantics (spec §1.4).
#include <gtest/gtest.h>

#include "compat/accelergy/attributes.hpp"
#include "compat/accelergy/expression.hpp"
#include "src/common/error.hpp"

using namespace cimloop;
using namespace cimloop::accelergy;

namespace {

Value eval(const std::string& text, const AttributeDict& scope = {}) { return evaluate_expression(text, scope); }

AttributeDict dict(std::initializer_list<std::pair<const char*, const char*>> entries) {
  YAML::Node node;
  for (auto [k, v] : entries) node[k] = YAML::Load(v);
  return raw_attributes(node);
}

TEST(AccelergyExpressions, PythonArithmetic) {
  EXPECT_EQ(eval("7 // 2").str(), "3");
  EXPECT_EQ(eval("-7 // 2").str(), "-4");
  EXPECT_EQ(eval("64 / 64").str(), "1.0");
  EXPECT_EQ(eval("2 ** 10").str(), "1024");
  EXPECT_EQ(eval("2 ** -1").str(), "0.5");
  EXPECT_EQ(eval("-7 % 3").str(), "2");
  EXPECT_EQ(eval("1 + 2 * 3 - 4").str(), "3");
  EXPECT_EQ(eval("0.5 * 0.1875 ** (1.56 / 2)").str(), "0.1354911710963393");
}

TEST(AccelergyExpressions, FunctionsAndConditionals) {
  EXPECT_EQ(eval("max(1, ceil(log2(12)))").str(), "4");
  EXPECT_EQ(eval("max(32, 16)").str(), "32");
  EXPECT_EQ(eval("log(exp(2))").str(), "2.0");
  EXPECT_EQ(eval("round(2.5)").str(), "2");
  EXPECT_EQ(eval("round(0.0023736, 6)").str(), "0.002374");
  EXPECT_EQ(eval("math.floor(2.7)").str(), "2");
  EXPECT_EQ(eval("round(math.pi, 4)").str(), "3.1416");
  // The untaken branch is not evaluated (log2(0) would fail).
  EXPECT_EQ(eval("max(1, ceil(log2(d))) if d >= 1 else 1", dict({{"d", "0"}})).str(), "1");
  EXPECT_EQ(eval("1 < 2 < 3 and not False").str(), "True");
  EXPECT_EQ(eval("'a' + \"b\"").str(), "ab");
}

TEST(AccelergyExpressions, ChainedComparisonsAreConjunctions) {
  EXPECT_EQ(eval("1 < 3 < 2").str(), "False");  // not (1 < 3) < 2
  EXPECT_EQ(eval("2 == 2.0 != 3").str(), "True");
}

TEST(AccelergyExpressions, ErrorsNameTheProblem) {
  const std::pair<const char*, const char*> cases[] = {
      {"log2(0)", "math domain error in log2(0)"},
      {"1 // 0", "division by zero"},
      {"0 ** -1", "0.0 cannot be raised to a negative power"},
      {"int('2.5')", "invalid literal for int(): '2.5'"},
      {"depth * 2", "name 'depth' is not defined"},
      {"frobnicate(1)", "name 'frobnicate' is not defined"},  // Python's NameError
      {"ceil(1e300)", "ceil() result too large for an integer"},
  };
  for (const auto& [text, message] : cases) {
    try {
      ADD_FAILURE() << text << " gave " << eval(text).str();
    } catch (const ExpressionError& e) {
      EXPECT_EQ(std::string(e.what()), message);
    }
  }
}

TEST(AccelergyExpressions, FloatReprMatchesPython) {
  EXPECT_EQ(python_float_repr(1e-9), "1e-09");
  EXPECT_EQ(python_float_repr(512.0), "512.0");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(123456789012345.0), "123456789012345.0");
  EXPECT_EQ(python_float_repr(217363.36892), "217363.36892");
  EXPECT_EQ(python_float_repr(-0.0), "-0.0");
  EXPECT_EQ(python_float_repr(0.1 + 0.2), "0.30000000000000004");
}

TEST(AccelergyExpressions, ScalarConversion) {
  EXPECT_EQ(convert_plain_scalar("16").kind, Value::Kind::Int);
  EXPECT_EQ(convert_plain_scalar("1e-9").kind, Value::Kind::Float);
  EXPECT_EQ(convert_plain_scalar("true").kind, Value::Kind::Bool);
  EXPECT_EQ(convert_plain_scalar("null").kind, Value::Kind::None);
  EXPECT_EQ(convert_plain_scalar("45nm").kind, Value::Kind::String);
}

TEST(AccelergyAttributes, SequentialEvaluationSeesEarlierKeysAndOuterScope) {
  AttributeDict outer = dict({{"width", "16"}});
  AttributeDict d = dict({{"memory_width", "max(32, width)"}, {"widthscale", "width / memory_width"}});
  evaluate_attributes(d, &outer, {"c", false, nullptr});
  EXPECT_EQ(d.get("widthscale")->str(), "0.5");
}

TEST(AccelergyAttributes, QuotedStringsAreLiterals) {
  YAML::Node node = YAML::Load("technology: \"max(1, 2)\"\nplain: max(1, 2)\n");
  AttributeDict d = raw_attributes(node);
  evaluate_attributes(d, nullptr, {"c", false, nullptr});
  EXPECT_EQ(d.get("technology")->text, "max(1, 2)");
  EXPECT_TRUE(d.get("technology")->quoted);
  EXPECT_EQ(d.get("plain")->str(), "2");
}

// A sequence (a histogram from a v0.4 expression) is a list, whatever style it was written
// in; its text (what estimators and written outputs get) is the flow form. Maps stay text.
TEST(AccelergyAttributes, SequencesBecomeListsAndMapsFlowText) {
  YAML::Node node = YAML::Load("hist:\n  - 0.5\n  - 0.25\nnested: {a: [1, 2]}\n");
  AttributeDict d = raw_attributes(node);
  EXPECT_EQ(d.get("hist")->kind, Value::Kind::List);
  EXPECT_EQ(d.get("hist")->str(), "[0.5, 0.25]");
  EXPECT_EQ(d.get("nested")->text, "{a: [1, 2]}");
}

// CiMLoop component classes compute on lists: comprehensions, keyword arguments, indexing.
TEST(AccelergyAttributes, ComprehensionsOverListAttributes) {
  YAML::Node node = YAML::Load(
      "bit_distribution: [0.5, 0.25, 0.25]\n"
      "toggles: sum(p * (1 - p) for p in bit_distribution)\n"
      "ones: len([p for p in bit_distribution if p > 0.3])\n"
      "rounded: round(bit_distribution[1] * 3, ndigits=2)\n");
  AttributeDict d = raw_attributes(node);
  evaluate_attributes(d, nullptr, {"c", false, nullptr});
  EXPECT_EQ(d.get("toggles")->str(), "0.625");
  EXPECT_EQ(d.get("ones")->str(), "1");
  EXPECT_EQ(d.get("rounded")->str(), "0.75");
}

TEST(AccelergyAttributes, ForwardReferenceOrCycleNamesComponentAndAttribute) {
  AttributeDict d = dict({{"a", "b + 1"}, {"b", "a + 1"}});
  try {
    evaluate_attributes(d, nullptr, {"sys.buf", false, nullptr});
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("component 'sys.buf'"), std::string::npos) << message;
    EXPECT_NE(message.find("attribute 'a'"), std::string::npos) << message;
    EXPECT_NE(message.find("cycle"), std::string::npos) << message;
  }
}

TEST(AccelergyAttributes, LegacyInputKeepsUnparseableTextWithAWarning) {
  std::vector<std::string> warnings;
  AttributeDict d = dict({{"technology", "45nm"}});
  evaluate_attributes(d, nullptr, {"sys.buf", true, &warnings});
  EXPECT_EQ(d.get("technology")->text, "45nm");
  EXPECT_EQ(warnings.size(), 1u);
}

}  // namespace
