// Attribute expressions follow Python semantics (spec §1.4).
#include <gtest/gtest.h>

#include "compat/accelergy/attributes.hpp"
#include "compat/accelergy/expression.hpp"
#include "src/common/error.hpp"

using namespace cimloop;
using namespace cimloop::accelergy;

namespace {

PyValue eval(const std::string& text, const AttributeDict& scope = {}) { return evaluate_expression(text, scope); }

AttributeDict dict(std::initializer_list<std::pair<const char*, const char*>> entries) {
  YAML::Node node;
  for (auto [k, v] : entries) node[k] = YAML::Load(v);
  return raw_attributes(node);
}

TEST(AccelergyExpressions, PythonArithmetic) {
  EXPECT_EQ(eval("7 // 2").repr(), "3");
  EXPECT_EQ(eval("-7 // 2").repr(), "-4");
  EXPECT_EQ(eval("64 / 64").repr(), "1.0");
  EXPECT_EQ(eval("2 ** 10").repr(), "1024");
  EXPECT_EQ(eval("2 ** -1").repr(), "0.5");
  EXPECT_EQ(eval("-7 % 3").repr(), "2");
  EXPECT_EQ(eval("1 + 2 * 3 - 4").repr(), "3");
  EXPECT_EQ(eval("0.5 * 0.1875 ** (1.56 / 2)").repr(), "0.1354911710963393");
}

TEST(AccelergyExpressions, FunctionsAndConditionals) {
  EXPECT_EQ(eval("max(1, ceil(log2(12)))").repr(), "4");
  EXPECT_EQ(eval("max(32, 16)").repr(), "32");
  EXPECT_EQ(eval("log(exp(2))").repr(), "2.0");
  EXPECT_EQ(eval("round(2.5)").repr(), "2");
  EXPECT_EQ(eval("round(0.0023736, 6)").repr(), "0.002374");
  EXPECT_EQ(eval("math.floor(2.7)").repr(), "2");
  // The untaken branch is not evaluated (log2(0) would fail).
  EXPECT_EQ(eval("max(1, ceil(log2(d))) if d >= 1 else 1", dict({{"d", "0"}})).repr(), "1");
  EXPECT_EQ(eval("1 < 2 < 3 and not False").repr(), "True");
  EXPECT_EQ(eval("'a' + \"b\"").repr(), "ab");
}

TEST(AccelergyExpressions, FloatReprMatchesPython) {
  EXPECT_EQ(python_float_repr(1e-9), "1e-09");
  EXPECT_EQ(python_float_repr(512.0), "512.0");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(123456789012345.0), "123456789012345.0");
  EXPECT_EQ(python_float_repr(217363.36892), "217363.36892");
}

TEST(AccelergyExpressions, ScalarConversion) {
  EXPECT_EQ(convert_plain_scalar("16").kind, PyValue::Kind::integer);
  EXPECT_EQ(convert_plain_scalar("1e-9").kind, PyValue::Kind::real);
  EXPECT_EQ(convert_plain_scalar("true").kind, PyValue::Kind::boolean);
  EXPECT_EQ(convert_plain_scalar("null").kind, PyValue::Kind::none);
  EXPECT_EQ(convert_plain_scalar("45nm").kind, PyValue::Kind::string);
}

TEST(AccelergyAttributes, SequentialEvaluationSeesEarlierKeysAndOuterScope) {
  AttributeDict outer = dict({{"width", "16"}});
  AttributeDict d = dict({{"memory_width", "max(32, width)"}, {"widthscale", "width / memory_width"}});
  evaluate_attributes(d, &outer, {"c", false, nullptr});
  EXPECT_EQ(d.get("widthscale")->repr(), "0.5");
}

TEST(AccelergyAttributes, QuotedStringsAreLiterals) {
  YAML::Node node = YAML::Load("technology: \"max(1, 2)\"\nplain: max(1, 2)\n");
  AttributeDict d = raw_attributes(node);
  evaluate_attributes(d, nullptr, {"c", false, nullptr});
  EXPECT_EQ(d.get("technology")->text, "max(1, 2)");
  EXPECT_TRUE(d.get("technology")->quoted);
  EXPECT_EQ(d.get("plain")->repr(), "2");
}

// A list (a histogram from a v0.4 expression) reaches the estimators as its flow text,
// whatever style it was written in.
TEST(AccelergyAttributes, SequencesBecomeFlowText) {
  YAML::Node node = YAML::Load("hist:\n  - 0.5\n  - 0.25\nnested: {a: [1, 2]}\n");
  AttributeDict d = raw_attributes(node);
  EXPECT_EQ(d.get("hist")->text, "[0.5, 0.25]");
  EXPECT_EQ(d.get("nested")->text, "{a: [1, 2]}");
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
