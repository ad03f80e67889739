// cimloop-report on bad specifications of our own (found by fuzzing): exit status 1, one
// message naming the file (and line and key where there is one), no crash, no CSV written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "test-suites/golden/golden_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using cimloop::golden::read_file;
using cimloop::golden::shell_quote;

const fs::path kBinary = fs::path(CIMLOOP_BIN_DIR) / "cimloop-report";

// A one-buffer CiM-style specification: `variables` is spliced into its variables section.
std::string specification(const std::string& variables) {
  return "variables:\n  version: 0.4\n" + variables +
         "architecture:\n  version: 0.4\n  nodes:\n"
         "  - !Container {name: macro, attributes: {technology: TECHNOLOGY, global_cycle_seconds: 1e-9}}\n"
         "  - !Component {name: buf, class: SRAM, attributes: {depth: 64, width: 8, datawidth: 8}}\n"
         "  - !Component {name: mac, class: intmac, attributes: {datawidth: 8, width: 8}}\n"
         "problem:\n  version: 0.4\n  shape:\n    name: p\n    dimensions: [K, N]\n    data_spaces:\n"
         "    - {name: A, projection: [[[K]]]}\n    - {name: B, projection: [[[N]]]}\n"
         "    - {name: Z, projection: [[[K]], [[N]]], read_write: True}\n  instance: {K: 4, N: 1}\n"
         "mapper: {version: 0.4, search_size: 10, num_threads: 1}\n";
}

class CimloopReportErrors : public testing::Test {
 protected:
  void SetUp() override { dir_ = cimloop::golden::fresh_test_directory("cimloop-report-errors"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  // Runs cimloop-report on `input` (and `options`, already quoted) asking for a CSV; the exit status.
  int report(const std::string& input, const std::string& options = "") {
    return cimloop::golden::run_in(
        dir_, shell_quote(kBinary.string()) + " " + shell_quote(input) + " " + options + " --csv out.csv", dir_);
  }
  // Exit status 1, `expected` in the one error message, and no CSV.
  void expect_error(const std::string& input, const std::string& expected, const std::string& options = "") {
    EXPECT_EQ(report(input, options), 1);
    const std::string errors = read_file(dir_ / "stderr.txt");
    EXPECT_NE(errors.find("ERROR: " + expected), std::string::npos) << errors;
    EXPECT_EQ(errors.find("internal error"), std::string::npos) << errors;
    EXPECT_FALSE(fs::exists(dir_ / "out.csv"));
  }

  fs::path dir_;
};

TEST_F(CimloopReportErrors, OurSpecificationRuns) {
  EXPECT_EQ(report(write("top.yaml", specification("  TECHNOLOGY: 45\n  INPUT_BITS: 8\n"))), 0)
      << read_file(dir_ / "stderr.txt");
  EXPECT_TRUE(fs::exists(dir_ / "out.csv"));
}

TEST_F(CimloopReportErrors, NegativeBitWidth) {
  const std::string top = write("top.yaml", specification("  TECHNOLOGY: 45\n  INPUT_BITS: -1\n"));
  expect_error(top, top + ":4: variables.INPUT_BITS: must be a whole number of at least 1, got -1");
}

TEST_F(CimloopReportErrors, FractionalBatchAndNanVoltage) {
  const std::string batch = write("batch.yaml", specification("  TECHNOLOGY: 45\n  BATCH_SIZE: 0.5\n"));
  expect_error(batch, batch + ":4: variables.BATCH_SIZE: must be a whole number of at least 1, got 0.5");
  const std::string nan = write("nan.yaml", specification("  TECHNOLOGY: 45\n  VOLTAGE: .nan\n"));
  expect_error(nan, nan + ":4: variables.VOLTAGE: must be a positive number");
}

TEST_F(CimloopReportErrors, DirectoryAsInput) {
  fs::create_directories(dir_ / "models");
  expect_error((dir_ / "models").string(), (dir_ / "models").string() + ": is a directory, not a file");
}

TEST_F(CimloopReportErrors, MissingArchitectureKey) {
  std::string text = specification("  TECHNOLOGY: 45\n");
  text.replace(text.find("architecture:"), 13, "architecturez:");
  const std::string top = write("top.yaml", text);
  expect_error(top, top + ":4: architecturez: unknown top-level key");
  const std::string without = write("none.yaml", "variables: {version: 0.4}\n");
  expect_error(without, without + ": no top-level 'architecture' key (nor in a file that it includes)");
}

TEST_F(CimloopReportErrors, AliasCycle) {
  const std::string top = write("top.yaml", specification("  TECHNOLOGY: 45\n  LOOP: &loop [*loop]\n"));
  expect_error(top, top + ":4: LOOP: a YAML alias");
}

// A variable that is no expression reaches Accelergy's evaluation of the top container.
TEST_F(CimloopReportErrors, VariableThatAccelergyCannotEvaluate) {
  const std::string top = write("top.yaml", specification("  TECHNOLOGY: 45\n  BAD: len(range(1\n"));
  expect_error(top, top + ": component 'macro_top_level', attribute 'BAD': cannot evaluate 'len(range(1'");
}

// CiMLoop's maximum-utilisation layer multiplies variables into the problem's bounds.
TEST_F(CimloopReportErrors, MaximumUtilisationLayerBeyond64Bits) {
  const std::string top = (fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim" / "top.yaml.jinja2").string();
  const std::string problem = (fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "cim" / "workloads" / "problem_base.yaml").string();
  expect_error(top, problem + ":6: problem.instance: the maximum-utilisation layer (MAX_UTILIZATION) would have a "
               "dimension beyond 64 bits", "--macro basic_analog --set 'CIM_UNIT_DEPTH_CELLS=10**18'");
  expect_error(top, problem + ":6: variables.N_WEIGHT_SLICES: the maximum-utilisation layer (MAX_UTILIZATION) needs a "
               "whole number >= 1, got nan", "--macro basic_analog --set \"N_WEIGHT_SLICES=float('nan')\"");
}

}  // namespace
