// Bad raw v0.4 inputs found by fuzzing (ASan + UBSan): each must end in one InputError that
// names the user's file, line and key, never a stack overflow, a wrapped-around integer or
// undefined behaviour.
#include <gtest/gtest.h>

#include <string>

#include "compat/v04/expression.hpp"
#include "test-suites/unit/v04_reader_fixture.hpp"

using namespace cimloop::compat::v04;

namespace {

const char* const kNodes = "  - !Container {name: top}\n  - !Component {name: mac, class: intmac}\n";

Value eval(const std::string& text) { return evaluate_expression(text, Dialect::Python, {}); }

TEST_F(V04Reader, AliasInsideItsOwnAnchorIsACycleNotAStackOverflow) {
  const std::string message = error_of(design(kNodes, "variables:\n  version: 0.4\n  a: &x {b: *x}\n"));
  EXPECT_NE(message.find("extra.yaml:3: b: a YAML alias"), std::string::npos) << message;
  EXPECT_NE(message.find("contains it"), std::string::npos) << message;
  const std::string in_list = error_of(design(kNodes, "variables:\n  version: 0.4\n  a: &x [1, *x]\n"));
  EXPECT_NE(in_list.find("extra.yaml:3: a: a YAML alias"), std::string::npos) << in_list;
}

TEST_F(V04Reader, MergeOfTheEnclosingMappingIsACycle) {
  const std::string message = error_of(design(kNodes, "variables: &v\n  version: 0.4\n  <<<: *v\n"));
  EXPECT_NE(message.find("extra.yaml:1: <<<: a YAML alias"), std::string::npos) << message;
  const std::string shallow = error_of(design(kNodes, "variables: &v\n  version: 0.4\n  inner: {<<: *v}\n"));
  EXPECT_NE(shallow.find("extra.yaml:1: <<: a YAML alias"), std::string::npos) << shallow;
}

TEST_F(V04Reader, SharedAnchorsAreNoCycle) {
  const YAML::Node processed =
      process(design(kNodes, "variables:\n  version: 0.4\n  a: &x {b: 1}\n  c: *x\n  d: {<<<: *x, e: 2}\n"));
  EXPECT_TRUE(processed["architecture"].IsMap());
}

TEST_F(V04Reader, ListAsKeyIsAnErrorNotAnEmptyName) {
  const std::string message = error_of(design(kNodes, "variables:\n  version: 0.4\n  [a]: 1\n"));
  EXPECT_NE(message.find("extra.yaml:3: (key): a key must be a name"), std::string::npos) << message;
}

TEST_F(V04Reader, ExponentialAliasExpansionIsBounded) {
  std::string text = "variables:\n  version: 0.4\n  l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (int i = 1; i < 9; ++i) {
    text += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", *l" : "*l") + std::to_string(i - 1);
    text += "]\n";
  }
  const std::string message = error_of(design(kNodes, text));
  EXPECT_NE(message.find("extra.yaml:"), std::string::npos) << message;
  EXPECT_NE(message.find("expands to more than 2000000 values through its aliases"), std::string::npos) << message;
}

TEST_F(V04Reader, DeepNestingNamesFileAndLimit) {
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  const std::string message = error_of(design(kNodes, "variables:\n  version: 0.4\n  x: " + deep + "\n"));
  EXPECT_NE(message.find("extra.yaml:3: YAML syntax error: lists and mappings nested 500 levels deep, beyond what"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("bad file"), std::string::npos) << message;
}

TEST_F(V04Reader, NestingThroughIncludesIsBounded) {
  // Each file nests 300 levels and includes the next: 600 in all, beyond the limit of 500.
  write("inner.yaml", "x: " + std::string(300, '[') + std::string(300, ']') + "\n");
  const std::string message = error_of(design(
      kNodes, "variables:\n  version: 0.4\n  y: " + std::string(300, '[') + "{{include('inner.yaml', 'x')}}" +
                  std::string(300, ']') + "\n"));
  EXPECT_NE(message.find("extra.yaml:3: y: lists and mappings nested more than 500 levels"), std::string::npos)
      << message;
}

TEST_F(V04Reader, DirectoryGivenAsInputIsNamed) {
  std::filesystem::create_directories(dir_ / "specs.yaml");
  EXPECT_EQ(error_of({(dir_ / "specs.yaml").string()}), (dir_ / "specs.yaml").string() + ": is a directory, not a file");
}

TEST_F(V04Reader, MissingSectionNamesTheFiles) {
  const std::string only = write("only.yaml", "architecture:\n  version: 0.4\n  nodes:\n" + std::string(kNodes));
  EXPECT_EQ(error_of({only}), only + ": no top-level 'problem' key (nor in a file that it includes)");
}

TEST_F(V04Reader, ComputedProblemBoundNamesTheLineThatGaveIt) {
  const std::vector<std::string> files = design(kNodes, "variables: {version: 0.4, SIZE: 0}\n");
  write("prob.yaml",
        "problem:\n  shape:\n    dimensions: [K, N]\n    data_spaces:\n"
        "    - {name: A, projection: [[[K]]]}\n    - {name: B, projection: [[[N]]]}\n"
        "    - {name: Z, projection: [[[K]], [[N]]], read_write: True}\n  instance: {K: SIZE * 2, N: 1}\n");
  const std::string message = error_of(files);
  EXPECT_NE(message.find("prob.yaml:8: problem.instance.K: must be a positive integer, got 0"), std::string::npos)
      << message;
}

TEST(V04Expressions, IntegerOverflowBecomesAFloatAsPythonsBigIntsWouldBeApproximated) {
  EXPECT_EQ(eval("9223372036854775807 + 1").kind, Value::Kind::Float);
  EXPECT_DOUBLE_EQ(eval("9223372036854775807 + 1").real, 9223372036854775808.0);
  EXPECT_DOUBLE_EQ(eval("-9223372036854775807 - 2").real, -9223372036854775809.0);
  EXPECT_DOUBLE_EQ(eval("3037000500 * 3037000500").real, 3037000500.0 * 3037000500.0);
  EXPECT_DOUBLE_EQ(eval("(-9223372036854775807 - 1) // -1").real, 9223372036854775808.0);
  EXPECT_DOUBLE_EQ(eval("-(-9223372036854775807 - 1)").real, 9223372036854775808.0);
  EXPECT_DOUBLE_EQ(eval("99999999999999999999").real, 1e20);
  EXPECT_EQ(eval("(-9223372036854775807 - 1) % -1").str(), "0");
  EXPECT_EQ(eval("9223372036854775807 // 2").str(), "4611686018427387903");  // exact, not via a double
  EXPECT_EQ(eval("-7 // 2").str(), "-4");
  EXPECT_EQ(eval("7 % -3").str(), "-2");
}

TEST(V04Expressions, DeepNestingIsAnErrorNotAStackOverflow) {
  for (const std::string& deep : {std::string(20000, '(') + "1" + std::string(20000, ')'), std::string(20000, '-') + "1",
                                  std::string(20000, '[') + std::string(20000, ']'), [] { std::string s; for (int i = 0; i < 5000; ++i) s += "2**"; return s + "2"; }(),
                                  [] { std::string s; for (int i = 0; i < 5000; ++i) s += "not "; return s + "1"; }()}) {
    try {
      eval(deep);
      ADD_FAILURE() << "no error for " << deep.substr(0, 20);
    } catch (const ExpressionError& error) {
      EXPECT_NE(std::string(error.what()).find("nested more than 200 levels deep"), std::string::npos)
          << deep.substr(0, 20) << ": " << error.what();
    }
  }
  EXPECT_EQ(eval(std::string(150, '(') + "1" + std::string(150, ')')).str(), "1");
}

TEST_F(V04Reader, DeeplyNestedJinjaIfIsAnError) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{% if 1 %}";
  for (int i = 0; i < 5000; ++i) text += "{% endif %}";
  const std::string message = error_of(design(kNodes, text + "\nvariables: {version: 0.4}\n"));
  EXPECT_NE(message.find("extra.yaml:1: Jinja2: '{% if %}' nested more than 100 deep"), std::string::npos) << message;
}

TEST(V04Expressions, HugeRangesAndRepetitionsAreErrorsNotOverflows) {
  EXPECT_THROW(eval("range(-9223372036854775807, 9223372036854775807)"), ExpressionError);
  EXPECT_EQ(eval("range(9223372036854775807, -9223372036854775807, -4611686018427387904)").str(),
            "[9223372036854775807, 4611686018427387903, -1, -4611686018427387905]");
  EXPECT_EQ(eval("range(9223372036854775806, 9223372036854775807)").str(), "[9223372036854775806]");
  EXPECT_THROW(eval("[1] * 1000000000000"), ExpressionError);
  EXPECT_EQ(eval("[] * 1000000000000000000").str(), "[]");
  EXPECT_EQ(eval("'ab' * -3").str(), "");
}

}  // namespace
