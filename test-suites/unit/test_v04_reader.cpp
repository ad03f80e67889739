// The raw v0.4 reader on small hand-written inputs: the Jinja2 subset, expressions, YAML merge
// keys, the architecture reduction rules and the error messages (file, line, key).
#include <gtest/gtest.h>

#include <filesystem>

#include "compat/v04/expression.hpp"
#include "compat/v04/process_v04.hpp"
#include "compat/v04/spec_loader.hpp"
#include "src/common/error.hpp"
#include "test-suites/unit/v04_reader_fixture.hpp"

namespace fs = std::filesystem;
using namespace cimloop::compat::v04;

namespace {

YAML::Node level(const YAML::Node& processed, const std::string& prefix) {
  for (const YAML::Node& entry : processed["architecture"]["subtree"][0]["local"])
    if (entry["name"].Scalar().rfind(prefix + "[", 0) == 0) return entry;
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node directive(const YAML::Node& processed, const std::string& target, const std::string& type) {
  for (const YAML::Node& entry : processed["mapping"])
    if (entry["target"].Scalar() == target && entry["type"].Scalar() == type) return entry;
  return YAML::Node(YAML::NodeType::Undefined);
}

Value eval(const std::string& text) { return evaluate_expression(text, Dialect::Python, {}); }

const char* const kTop = "  - !Container {name: top}\n";
const char* const kMac = "  - !Component {name: mac, class: intmac}\n";

TEST(V04Expressions, FollowPythonSemantics) {
  EXPECT_EQ(eval("7 / 2").str(), "3.5");
  EXPECT_EQ(eval("7 // 2").str(), "3");
  EXPECT_EQ(eval("-7 % 3").str(), "2");
  EXPECT_EQ(eval("2 ** 10").str(), "1024");
  EXPECT_EQ(eval("max(1, ceil(log2(100)))").str(), "7");
  EXPECT_EQ(eval("3 if 2 > 1 else 4").str(), "3");
  EXPECT_EQ(eval("'M=' + str(4)").str(), "M=4");
  EXPECT_EQ(eval("[1] * 3").str(), "[1, 1, 1]");
  EXPECT_EQ(eval("1e-9").str(), "1e-09");
  EXPECT_EQ(eval("0.1 + 0.2").str(), "0.30000000000000004");
  EXPECT_EQ(eval("1e16").str(), "1e+16");
  EXPECT_EQ(eval("2.0 * 3").str(), "6.0");
  EXPECT_THROW(eval("1 / 0"), ExpressionError);
  EXPECT_THROW(eval("65nm"), ExpressionSyntaxError);
  EXPECT_THROW(eval("LPDDR4"), UnknownNameError);
}

TEST_F(V04Reader, JinjaSubsetRendersSetIfDefaultConcatAndIncludeText) {
  write("shapes/base.yaml", "variables: &base\n  K: 4\n  N: 1");
  const std::string top = write("top.yaml.jinja2",
                                "{% set level = kind | default('small') %}\n"
                                "{% if level == 'big' %}{% set size = 64 %}{% elif level == 'small' %}{% set size = 8 %}"
                                "{% else %}{% set size = 0 %}{% endif %}\n"
                                "{{include_text('shapes/base.yaml')}}\n"
                                "architecture:\n  version: 0.4\n  nodes:\n"
                                "  - !Container {name: {{ 'to' ~ 'p' }}}\n"
                                "  - !Component {name: buf, class: SRAM, attributes: {depth: {{size}}, width: 8, datawidth: 8}}\n"
                                "  - !Component {name: mac, class: intmac}\n"
                                "problem:\n  shape: {dimensions: [K, N], data_spaces: [{name: A, projection: [[[K]], [[N]]]}]}\n"
                                "  instance: *base\n");
  EXPECT_EQ(level(process({top}), "buf")["attributes"]["depth"].Scalar(), "8");
  EXPECT_EQ(level(process({top}, {{"kind", "big"}}), "buf")["attributes"]["depth"].Scalar(), "64");
  EXPECT_EQ(process({top})["architecture"]["subtree"][0]["name"].Scalar(), "top_top_level");
}

TEST_F(V04Reader, JinjaIndentFindPathAndVariableLists) {
  const std::string indented = write("indent.yaml", "{% set block = 'a: 1\\nb: 2' %}\nextra:\n  {{ block | indent(2) }}\n");
  SpecLoader loader({});
  EXPECT_EQ(loader.load_file(indented)["extra"]["b"].Scalar(), "2");
  write("lib/sizes.yaml", "variables: {DEPTH: 32}\n");
  const YAML::Node out = process(design(std::string(kTop) +
                                            "  - !Component {name: buf, class: SRAM, attributes: {depth: DEPTH, width: WIDTH}}\n" + kMac,
                                        "variables:\n- {WIDTH: 8}\n- {{include(find_path('lib/sizes.yaml'), 'variables')}}\n"));
  EXPECT_EQ(level(out, "buf")["attributes"]["depth"].Scalar(), "32");
  EXPECT_EQ(level(out, "buf")["attributes"]["width"].Scalar(), "8");
}

TEST_F(V04Reader, JinjaErrorsNameFileAndLine) {
  const std::string undefined = write("a.yaml", "x: 1\ny: {{ missing }}\n");
  EXPECT_NE(error_of({undefined}).find("a.yaml:2: Jinja2: 'missing' is undefined"), std::string::npos) << error_of({undefined});
  const std::string loop = write("b.yaml", "\n{% for x in [1] %}{% endfor %}\n");
  EXPECT_NE(error_of({loop}).find("b.yaml:2: Jinja2: unsupported statement '{% for %}'"), std::string::npos) << error_of({loop});
}

TEST_F(V04Reader, ErrorInsidePastedTextNamesThePastedFile) {
  write("pasted.yaml", "ok: 1\nbad: [unclosed\n");
  const std::string top = write("top.yaml", "first: 1\n{{include_text('pasted.yaml')}}\nlast: 2\n");
  EXPECT_NE(error_of({top}).find("pasted.yaml:"), std::string::npos) << error_of({top});
}

TEST_F(V04Reader, SelfIncludesAreErrorsNotCrashes) {
  const std::string pasting = write("p.yaml", "{{include_text('p.yaml')}}\n");
  EXPECT_NE(error_of({pasting}).find("nested more than 64 deep"), std::string::npos) << error_of({pasting});
  const std::string including = write("i.yaml", "a: {{include('i.yaml', 'a')}}\n");
  EXPECT_NE(error_of({including}).find("nested more than 64 deep"), std::string::npos) << error_of({including});
  const std::string forged = write("f.yaml", "a: !include_loaded 99\n");
  EXPECT_NE(error_of({forged}).find("f.yaml:1: !include_loaded: is reserved"), std::string::npos) << error_of({forged});
}

TEST_F(V04Reader, MergeKeysShallowAndRecursive) {
  const std::string top = write("top.yaml",
                                "base: &base {instance: {K: 1, N: 1, extra: [1]}, shape: {name: s}}\n"
                                "shallow: {<<: *base, shape: {other: 2}}\n"
                                "deep: {<<<: *base, instance: {K: 4, extra: [2]}}\n");
  SpecLoader loader({});
  const YAML::Node root = loader.load_file(top);
  EXPECT_FALSE(root["shallow"]["shape"]["name"]);  // `<<` does not merge nested maps
  EXPECT_EQ(root["shallow"]["instance"]["K"].Scalar(), "1");
  EXPECT_EQ(root["deep"]["instance"]["K"].Scalar(), "4");  // own value wins
  EXPECT_EQ(root["deep"]["instance"]["N"].Scalar(), "1");  // missing keys added
  EXPECT_EQ(root["deep"]["instance"]["extra"].size(), 2u);  // lists concatenate
  EXPECT_EQ(root["deep"]["shape"]["name"].Scalar(), "s");
  EXPECT_EQ(root["base"]["instance"]["K"].Scalar(), "1");  // the anchor itself is untouched
}

TEST_F(V04Reader, BadMergeNamesFileLineAndKey) {
  const std::string top = write("top.yaml", "a: 1\nb: {<<<: 3}\n");
  EXPECT_NE(error_of({top}).find("top.yaml:2: <<<: merge value must be a mapping"), std::string::npos) << error_of({top});
}

TEST_F(V04Reader, ContainersPassAttributesOnAndMultiplyTheMesh) {
  const YAML::Node out = process(design(
      "  - !Container {name: top, attributes: {technology: 40nm, vdd: 0.8}}\n"
      "  - !Component {name: DRAM, class: DRAM, attributes: {width: 64, datawidth: 8}}\n"
      "  - !Container {name: chip, attributes: {technology: 7nm}, spatial: {meshX: 2}}\n"
      "  - !Container {name: row, spatial: {meshY: 3}}\n"
      "  - !Component {name: buf, class: regfile, attributes: {depth: 2 * 8, width: 8, datawidth: 8, n_banks: 4}}\n" +
      std::string(kMac)));
  const YAML::Node dram = level(out, "DRAM"), buf = level(out, "buf");
  EXPECT_EQ(dram["attributes"]["technology"].Scalar(), "40nm");  // not changed by the later container
  EXPECT_EQ(buf["attributes"]["technology"].Scalar(), "7nm");
  EXPECT_EQ(buf["attributes"]["vdd"].Scalar(), "0.8");
  EXPECT_EQ(buf["attributes"]["depth"].Scalar(), "16");
  EXPECT_EQ(buf["attributes"]["n_banks"].Scalar(), "4");
  EXPECT_EQ(buf["attributes"]["cluster_size"].Scalar(), "1");
  EXPECT_EQ(buf["name"].Scalar(), "buf[1..6]");
  EXPECT_EQ(level(out, "inter_chip_spatial")["name"].Scalar(), "inter_chip_spatial[1..1]");
  EXPECT_EQ(level(out, "inter_row_spatial")["name"].Scalar(), "inter_row_spatial[1..2]");
  EXPECT_EQ(level(out, "mac")["attributes"]["meshY"].Scalar(), "3");
  EXPECT_EQ(directive(out, "inter_row_spatial", "bypass")["bypass"].size(), 3u);
  EXPECT_EQ(directive(out, "inter_row_spatial", "temporal")["factors"].Scalar(), "K=1,N=1");
}

TEST_F(V04Reader, VariablesAndExpressions) {
  const YAML::Node out = process(design(std::string(kTop) +
                                            "  - !Component {name: buf, class: SRAM, attributes: {depth: ROWS * 2, width: 8, "
                                            "datawidth: 8, kind: LPDDR4, note: \"45nm\"}}\n" + kMac,
                                        "variables: {ROWS: 32, HALF: ROWS / 2}\n"));
  const YAML::Node attributes = level(out, "buf")["attributes"];
  EXPECT_EQ(attributes["depth"].Scalar(), "64");
  EXPECT_EQ(attributes["kind"].Scalar(), "LPDDR4");  // a name, not an expression
  EXPECT_EQ(attributes["note"].Scalar(), "45nm");
  EXPECT_EQ(out["architecture"]["subtree"][0]["attributes"]["HALF"].Scalar(), "16.0");
}

TEST_F(V04Reader, ExpressionErrorNamesFileLineAndKey) {
  const auto files = design(std::string(kTop) + "  - !Component {name: buf, class: SRAM, attributes: {depth: 4 / 0}}\n" + kMac);
  EXPECT_NE(error_of(files).find("arch.yaml:5: architecture.nodes.buf.attributes.depth: cannot evaluate '4 / 0': division by zero"),
            std::string::npos)
      << error_of(files);
}

TEST_F(V04Reader, UnknownTagsAndKeysAreErrors) {
  const auto tag = design(std::string(kTop) + "  - !Widget {name: w}\n");
  EXPECT_NE(error_of(tag).find("arch.yaml:5: architecture.nodes: unknown tag '!Widget'"), std::string::npos) << error_of(tag);
  const auto key = design(std::string(kTop) + "  - !Component {name: buf, class: SRAM, colour: red}\n");
  EXPECT_NE(error_of(key).find("arch.yaml:5: architecture.nodes.buf.colour: unknown key for !Component"), std::string::npos)
      << error_of(key);
  const auto constraint = design(std::string(kTop) + "  - !Component {name: buf, class: SRAM, constraints: {temporal: {factorz: K=1}}}\n");
  EXPECT_NE(error_of(constraint).find("architecture.nodes.buf.constraints.temporal.factorz: unknown constraint key"),
            std::string::npos)
      << error_of(constraint);
  const auto problem_key = design(std::string(kTop) + kMac, "problem:\n  instanse: {K: 2}\n");
  EXPECT_NE(error_of(problem_key).find("extra.yaml:2: problem.instanse: unknown key"), std::string::npos) << error_of(problem_key);
  const auto top_key = design(std::string(kTop) + kMac, "mapingg: []\n");
  EXPECT_NE(error_of(top_key).find("extra.yaml:1: mapingg: unknown top-level key"), std::string::npos) << error_of(top_key);
}

TEST_F(V04Reader, ParallelBranchesBypassWhatTheyDoNotKeep) {
  const std::string parallel =
      "  - !Parallel\n    nodes:\n"
      "    - !Component {name: a_buf, class: regfile, constraints: {dataspace: {keep: [A]}}}\n"
      "    - !Component {name: b_buf, class: regfile, constraints: {dataspace: {keep: [B]}}}\n"
      "    - !Nothing {constraints: {dataspace: {keep: [Z]}}}\n";
  const YAML::Node out = process(design(std::string(kTop) + parallel + kMac));
  const YAML::Node a = directive(out, "a_buf", "bypass");
  EXPECT_EQ(a["keep"][0].Scalar(), "A");
  EXPECT_EQ(a["bypass"].size(), 2u);
  EXPECT_EQ(out["architecture"]["subtree"][0]["local"].size(), 3u);  // !Nothing makes no level
  EXPECT_FALSE(level(out, "Nothing"));
  const std::string overlapping =
      "  - !Parallel\n    nodes:\n"
      "    - !Component {name: a_buf, class: regfile, constraints: {dataspace: {keep: [A, Z]}}}\n"
      "    - !Component {name: b_buf, class: regfile, constraints: {dataspace: {keep: [B, Z]}}}\n";
  EXPECT_NE(error_of(design(std::string(kTop) + overlapping + kMac)).find("dataspace 'Z' is kept by 2 branches"),
            std::string::npos);
  const std::string open_branch =
      "  - !Parallel\n    nodes:\n"
      "    - !Component {name: a_buf, class: regfile, constraints: {dataspace: {keep: [A]}}}\n"
      "    - !Component {name: rest_buf, class: regfile}\n";
  const YAML::Node rest = directive(process(design(std::string(kTop) + open_branch + kMac)), "rest_buf", "bypass");
  ASSERT_EQ(rest["bypass"].size(), 1u);  // takes B and Z, the dataspaces nobody else keeps
  EXPECT_EQ(rest["bypass"][0].Scalar(), "A");
}

TEST_F(V04Reader, ConstraintMacrosAndPermutationCompletion) {
  const YAML::Node out = process(design(std::string(kTop) +
                                        "  - !Component {name: buf, class: SRAM, constraints: {dataspace: {keep_only: [Z]},"
                                        " temporal: {no_iteration_over_dataspaces: [A], permutation: [K]}}}\n"
                                        "  - !Component {name: reg, class: regfile, constraints: {temporal: {factors_only: []}}}\n" +
                                        kMac));
  const YAML::Node bypass = directive(out, "buf", "bypass");
  EXPECT_EQ(bypass["keep"].size(), 1u);
  EXPECT_EQ(bypass["bypass"].size(), 2u);
  EXPECT_EQ(directive(out, "buf", "temporal")["factors"].Scalar(), "K=1");
  EXPECT_EQ(directive(out, "buf", "temporal")["permutation"].Scalar(), "NK");  // N has size 1
  EXPECT_EQ(directive(out, "reg", "temporal")["factors"].Scalar(), "K=1,N=1");
  EXPECT_EQ(directive(out, "reg", "temporal")["permutation"].Scalar(), "NK");
}

TEST_F(V04Reader, MappingTargetsContainersAndOverridesConstraints) {
  const auto files = design(std::string(kTop) +
                                "  - !Component {name: buf, class: SRAM, constraints: {temporal: {factors: K=1}}}\n"
                                "  - !Container {name: PE, spatial: {meshX: 4}}\n" + kMac,
                            "mapping:\n- {target: PE, type: spatial, factors: K=4 N=1, permutation: KN}\n"
                            "- {target: buf, type: temporal, factors: [K=1, N=1], permutation: KN}\n");
  const YAML::Node out = process(files);
  EXPECT_EQ(directive(out, "inter_PE_spatial", "spatial")["factors"].Scalar(), "K=4,N=1");
  EXPECT_EQ(directive(out, "buf", "temporal")["permutation"].Scalar(), "KN");
}

// As timeloopfe: a container's fan-out dummy takes the container's spatial constraint only
// (its temporal one is the dummy's: every factor 1), and a container without fan-out has no
// level, so its constraints (CiMLoop's container defaults) are dropped.
TEST_F(V04Reader, ContainersKeepOnlyTheirSpatialConstraints) {
  const std::string pe = "  - !Container {name: PE, spatial: {meshX: 4}, constraints: "
                         "{spatial: {factors: [N=1]}, temporal: {factors: [K=4]}}}\n";
  const std::string unit = "  - !Container {name: unit, constraints: {spatial: {factors: [K=2]}, temporal: {factors: [K=2]}}}\n";
  const YAML::Node out = process(design(std::string(kTop) + pe + unit + kMac,
                                        "mapping:\n- {target: unit, type: spatial, factors: K=4}\n"));
  EXPECT_EQ(directive(out, "inter_PE_spatial", "spatial")["factors"].Scalar(), "N=1");
  EXPECT_EQ(directive(out, "inter_PE_spatial", "temporal")["factors"].Scalar(), "K=1,N=1");
  for (const YAML::Node& entry : out["mapping"]) EXPECT_NE(entry["target"].Scalar(), "unit");
}

TEST_F(V04Reader, SparseOptimizationsAndDensities) {
  const auto files = design(std::string(kTop) +
                                "  - !Component {name: outer, class: SRAM}\n"
                                "  - !Component {name: inner, class: regfile, sparse_optimizations: "
                                "{action_optimization: [{type: gating, options: [{target: A, condition_on: [B]}]}]}}\n" + kMac,
                            "sparse_optimizations:\n  version: 0.4\n  targets:\n"
                            "  - {target: outer, representation_format: {data_spaces: [{name: A, ranks: [{format: CP}]}]}}\n"
                            "problem:\n  instance: {densities: {A: {distribution: fixed_structured, density: 0.5}}}\n");
  const YAML::Node out = process(files);
  const YAML::Node targets = out["sparse_optimizations"]["targets"];
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0]["name"].Scalar(), "outer");  // architecture order
  EXPECT_TRUE(targets[0]["representation_format"]);
  EXPECT_EQ(targets[1]["name"].Scalar(), "inner");
  EXPECT_FALSE(targets[1]["target"]);
  const YAML::Node density = out["problem"]["instance"]["densities"]["A"];
  EXPECT_EQ(density["density"].Scalar(), "0.5");
  EXPECT_EQ(density["band_width"].Scalar(), "0");
  EXPECT_EQ(density["workload_tensor_size"].Scalar(), "0");
  EXPECT_EQ(out["problem"]["instance"]["K"].Scalar(), "4");  // merged with the first problem file
}

TEST_F(V04Reader, ComponentWithItsOwnSpatialFansOutThroughADummyLevel) {
  const auto files = design(std::string(kTop) + "  - !Component {name: buf, class: SRAM}\n"
                                "  - !Component {name: regs, class: regfile, spatial: {meshX: 4},"
                                " constraints: {spatial: {split: 0}, dataspace: {keep: [A]}}}\n" + kMac,
                            "mapping:\n- {target: regs, type: spatial, factors: K=4 N=1, permutation: KN}\n");
  const YAML::Node out = process(files);
  EXPECT_EQ(level(out, "inter_regs_spatial")["name"].Scalar(), "inter_regs_spatial[1..1]");
  EXPECT_EQ(level(out, "regs")["name"].Scalar(), "regs[1..4]");
  EXPECT_EQ(level(out, "mac")["name"].Scalar(), "mac[1..4]");
  EXPECT_EQ(directive(out, "inter_regs_spatial", "spatial")["factors"].Scalar(), "K=4,N=1");
  EXPECT_TRUE(directive(out, "regs", "bypass"));
  EXPECT_FALSE(directive(out, "regs", "spatial"));
}

// globals.expression_custom_functions: each listed file, relative to the file that lists it,
// provides the functions it defines; the C++ stand-in of that file's function is called, and
// the processed globals list the files' absolute paths, as timeloopfe writes them.
TEST_F(V04Reader, CustomFunctionFilesProvideTheirFunctions) {
  fs::create_directories(dir_ / "lib");
  write("lib/helper_functions.py", "from math import ceil\n\ndef bits2integration_steps(n_bits: int) -> int:\n    return 2 ** n_bits - 1\n");
  const std::string arch = std::string(kTop) + "  - !Component {name: buf, class: SRAM, attributes: {depth: STEPS(WIDTH)}}\n" + kMac;
  const std::string globals = "variables: {WIDTH: 8, STEPS: bits2integration_steps}\nglobals: {expression_custom_functions: [lib/helper_functions.py]}\n";
  const YAML::Node out = process(design(arch, globals));
  EXPECT_EQ(level(out, "buf")["attributes"]["depth"].Scalar(), "255");
  EXPECT_EQ(out["globals"]["expression_custom_functions"][0].Scalar(), fs::canonical(dir_ / "lib" / "helper_functions.py").string());

  // A function the file defines but that has no C++ stand-in is an error naming the file.
  write("lib/mine.py", "def twice(x):\n    return 2 * x\n");
  const std::string doubled = std::string(kTop) + "  - !Component {name: buf, class: SRAM, attributes: {depth: twice(WIDTH)}}\n" + kMac;
  const std::string mine = "variables: {WIDTH: 8}\nglobals: {expression_custom_functions: [lib/mine.py]}\n";
  EXPECT_NE(error_of(design(doubled, mine)).find("'twice' of " + fs::canonical(dir_ / "lib" / "mine.py").string() +
                                                " is a Python function cimloop-cpp has no C++ implementation of"),
            std::string::npos)
      << error_of(design(doubled, mine));
  const std::string missing = "variables: {WIDTH: 8}\nglobals: {expression_custom_functions: [lib/absent.py]}\n";
  EXPECT_NE(error_of(design(doubled, missing)).find("extra.yaml:2: globals.expression_custom_functions: cannot find 'lib/absent.py'"),
            std::string::npos)
      << error_of(design(doubled, missing));
}

TEST_F(V04Reader, DetectsRawInputs) {
  EXPECT_TRUE(is_raw_v04(write("a.yaml", "architecture:\n  nodes:\n  - !Container {name: x}\n")));
  EXPECT_TRUE(is_raw_v04(write("t.yaml.jinja2", "x: 1\n")));
  EXPECT_TRUE(is_raw_v04(write("b.yaml", "problem: {<<<: {a: 1}}\n")));
  EXPECT_FALSE(is_raw_v04(write("c.yaml", "architecture:\n  version: 0.4\n  subtree: []\n")));
  EXPECT_FALSE(is_raw_v04(write("d.yaml", "mapping:\n- {target: Buffer, type: temporal, factors: R=3}\n")));
}

}  // namespace
