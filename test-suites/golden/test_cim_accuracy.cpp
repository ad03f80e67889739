// The CiM accuracy suite: scripts/accuracy evaluates every published row of CiMLoop's
// validation macros; mean |error| <= 5% and every non-exempt row <= 15%.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "golden_helpers.hpp"
#include "src/cim/csv.hpp"
#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_variables.hpp"

namespace fs = std::filesystem;

namespace {

bool fixtures_present(const fs::path& file) {
  if (fs::exists(file)) return true;
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") ADD_FAILURE() << "fixtures missing: " << file;
  return false;
}

}  // namespace

TEST(CimAccuracy, PublishedRowsMeetTargets) {
  const fs::path published = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop/published.csv";
  if (!fixtures_present(published)) GTEST_SKIP() << "fixtures folder absent";
  const fs::path out = fs::temp_directory_path() / ("cim_accuracy_" + std::to_string(::getpid()));
  std::string command = "CIMLOOP_BIN_DIR=" + cimloop::golden::shell_quote(CIMLOOP_BIN_DIR);
  command.append(" CIMLOOP_FIXTURES_DIR=").append(cimloop::golden::shell_quote(CIMLOOP_FIXTURES_DIR)).append(" ");
  command.append(cimloop::golden::quoted_words({std::string(CIMLOOP_SOURCE_DIR) + "/scripts/accuracy", out.string()}));
  command.append(" >").append(cimloop::golden::shell_quote(out.string() + ".log")).append(" 2>&1");
  const int status = std::system(command.c_str());
  std::ifstream log(out.string() + ".log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_EQ(status, 0) << text;

  const auto rows = cimloop::cim::read_csv((out / "accuracy.csv").string());
  const auto reference = cimloop::cim::read_csv(published.string());
  ASSERT_EQ(rows.size(), reference.size());
  ASSERT_EQ(rows[0].fields.size(), reference[0].fields.size() + 2);
  EXPECT_EQ(rows[0].fields.back(), "error_pct");
  for (size_t i = 1; i < rows.size(); ++i)
    for (size_t c = 0; c < reference[i].fields.size(); ++c)
      EXPECT_EQ(rows[i].fields[c], reference[i].fields[c]) << "row " << i;
  fs::remove_all(out);
  fs::remove(out.string() + ".log");
}

namespace {

// Runs cimloop-accuracy on `published` (rows after the header) with no exemptions, in a fresh
// folder; returns the exit code and leaves accuracy.csv / summary.txt / err in `dir`.
int run_accuracy(const fs::path& dir, const std::string& rows) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "published.csv") << "macro,metric,condition,published_value,unit,components\n" << rows;
  std::ofstream(dir / "exempt.csv") << "macro,metric,condition,reason\n";
  std::string command = cimloop::golden::quoted_words(
      {std::string(CIMLOOP_BIN_DIR) + "/cimloop-accuracy", (dir / "published.csv").string(),
       std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim", (dir / "exempt.csv").string(), (dir / "out").string()});
  command.append(" >").append(cimloop::golden::shell_quote((dir / "log").string()));
  command.append(" 2>").append(cimloop::golden::shell_quote((dir / "err").string()));
  return WEXITSTATUS(std::system(command.c_str()));
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

// A malformed table is an input error: one message with the line, nothing written.
TEST(CimAccuracy, MalformedPublishedFileIsAnInputError) {
  const fs::path dir = fs::temp_directory_path() / ("cim_bad_" + std::to_string(::getpid()));
  EXPECT_EQ(run_accuracy(dir, "sinangil_jssc_2021,tops,,not-a-number,TOPS,\n"), 1);
  const std::string err = file_text(dir / "err");
  EXPECT_NE(err.find("ERROR:"), std::string::npos);
  EXPECT_NE(err.find("line 2"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir / "out" / "accuracy.csv"));
  fs::remove_all(dir);
}

// A row the tool cannot evaluate (no such macro, unknown unit) is kept with its reason; the
// other rows are still evaluated, and the targets count as missed (exit 2).
TEST(CimAccuracy, RowsThatCannotBeEvaluatedAreReportedNotFatal) {
  const fs::path dir = fs::temp_directory_path() / ("cim_rows_" + std::to_string(::getpid()));
  EXPECT_EQ(run_accuracy(dir, "nosuch_macro,tops,,1,TOPS,\n"
                              "sinangil_jssc_2021,tops,VOLTAGE=0.8,0.3724,TOPS,\n"
                              "sinangil_jssc_2021,tops,VOLTAGE=0.8,1,furlongs,\n"),
            2);
  const auto rows = cimloop::cim::read_csv((dir / "out" / "accuracy.csv").string());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields[6], "");
  EXPECT_NE(rows[2].fields[6], "");
  EXPECT_EQ(rows[3].fields[6], "");
  const std::string summary = file_text(dir / "out" / "summary.txt");
  EXPECT_NE(summary.find("line 2): no macro description"), std::string::npos) << summary;
  EXPECT_NE(summary.find("line 4): metric tops: unit 'furlongs'"), std::string::npos) << summary;
  EXPECT_NE(summary.find("not evaluated 2"), std::string::npos) << summary;
  fs::remove_all(dir);
}

// The same quantity in other units, per MAC instead of per MVM, as power: the model values
// keep the exact ratios the units imply.
TEST(CimAccuracy, UnitsAndNormalisationsAreConsistent) {
  const fs::path dir = fs::temp_directory_path() / ("cim_units_" + std::to_string(::getpid()));
  const std::string c = "sinangil_jssc_2021,";
  const std::string at = ",VOLTAGE=0.9,1,";
  run_accuracy(dir, c + "tops" + at + "TOPS,\n" + c + "gops" + at + "GOPS,\n" +   // 1, 2
                        c + "energy" + at + "pJ,\n" + c + "energy" + at + "nJ,\n" +  // 3, 4
                        c + "energy_per_mac" + at + "fJ/MAC,\n" +                      // 5
                        c + "tops_per_w" + at + "TOPS/W,\n" + c + "area" + at + "um^2,\n" +  // 6, 7
                        c + "area" + at + "mm^2,\n" + c + "power" + at + "mW,\n" +          // 8, 9
                        c + "tops_per_mm2" + at + "TOPS/mm^2,\n");                            // 10
  const auto rows = cimloop::cim::read_csv((dir / "out" / "accuracy.csv").string());
  ASSERT_EQ(rows.size(), 11u) << file_text(dir / "err");
  auto model = [&](size_t i) { return std::stod(rows[i].fields.at(6)); };
  EXPECT_NEAR(model(2), model(1) * 1e3, model(2) * 1e-5);
  EXPECT_NEAR(model(4), model(3) * 1e-3, model(4) * 1e-5);
  EXPECT_NEAR(model(8), model(7) * 1e-6, model(8) * 1e-5);
  // TOPS/W = 2 MACs / energy per MAC; TOPS / power = TOPS/W; TOPS / area = TOPS/mm^2.
  EXPECT_NEAR(model(6), 2 / (model(5) * 1e-15) / 1e12, model(6) * 1e-5);
  EXPECT_NEAR(model(1) / (model(9) * 1e-3), model(6), model(6) * 1e-5);
  EXPECT_NEAR(model(1) / model(8), model(10), model(10) * 1e-5);
  fs::remove_all(dir);
}

// A macro folder with accuracy.yaml is evaluated through the v0.4 chain; basic_analog's chain
// and macro.yaml agree on TOPS exactly (test_cim_chain_evaluation.cpp), so the row's model
// value is the private evaluator's to the 6 digits accuracy.csv prints.
TEST(CimAccuracy, MacrosWithAccuracyFilesRunThroughTheChain) {
  const fs::path dir = fs::temp_directory_path() / ("cim_chain_rows_" + std::to_string(::getpid()));
  EXPECT_EQ(run_accuracy(dir, "basic_analog,tops,VOLTAGE=0.9,1,TOPS,\n"), 2);  // 1 TOPS is far off
  const std::string summary = file_text(dir / "out" / "summary.txt");
  EXPECT_NE(summary.find("(chain)"), std::string::npos) << summary;
  const auto rows = cimloop::cim::read_csv((dir / "out" / "accuracy.csv").string());
  ASSERT_EQ(rows.size(), 2u) << summary;
  const auto spec = cimloop::cim::read_macro_spec(std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/basic_analog/macro.yaml");
  const double tops =
      cimloop::cim::evaluate_macro(spec, cimloop::cim::default_distributions(spec), {{"VOLTAGE", 0.9}}).tops();
  EXPECT_NEAR(std::stod(rows[1].fields[6]), tops, tops * 1e-5);
  fs::remove_all(dir);
}

// The held-out macros wan_nature_2022 and colonnade_jssc_2021 have accuracy.yaml too: rows at
// their operating points (input bits, phases, voltage) go through the chain, whose TOPS is the
// private evaluator's (neither loads weights, test_cim_v04_colonnade.cpp).
TEST(CimAccuracy, HeldOutMacrosRunThroughTheChain) {
  const fs::path dir = fs::temp_directory_path() / ("cim_held_rows_" + std::to_string(::getpid()));
  run_accuracy(dir, "wan_nature_2022,tops,INPUT_BITS=4 ONE_PHASE=True,1,TOPS,\n"
                    "wan_nature_2022,tops_per_w,VOLTAGE=1.5; INPUT_BITS=2,1,TOPS/W,\n"
                    "colonnade_jssc_2021,tops,VOLTAGE=1.0,1,TOPS,\n");
  const std::string summary = file_text(dir / "out" / "summary.txt");
  const auto rows = cimloop::cim::read_csv((dir / "out" / "accuracy.csv").string());
  ASSERT_EQ(rows.size(), 4u) << summary << file_text(dir / "err");
  std::istringstream lines(summary);
  int through_chain = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.find("_2021  ") != std::string::npos || line.find("_2022  ") != std::string::npos)
      through_chain += line.find("  (chain)") != std::string::npos;
  EXPECT_EQ(through_chain, 3) << summary;
  const std::string examples = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/";
  const auto wan = cimloop::cim::read_macro_spec(examples + "wan_nature_2022/macro.yaml");
  const auto wan_at = [&](const std::map<std::string, double>& point) {
    return cimloop::cim::evaluate_macro(wan, cimloop::cim::default_distributions(wan), point);
  };
  const double tops = wan_at({{"INPUT_BITS", 4}, {"ONE_PHASE", 1}}).tops();
  EXPECT_NEAR(std::stod(rows[1].fields[6]), tops, tops * 1e-5);
  const double tops_per_w = wan_at({{"VOLTAGE", 1.5}, {"INPUT_BITS", 2}}).tops_per_w();
  EXPECT_NEAR(std::stod(rows[2].fields[6]), tops_per_w, tops_per_w * 1e-5);
  const auto colonnade = cimloop::cim::read_macro_spec(examples + "colonnade_jssc_2021/macro.yaml");
  const double steady =
      cimloop::cim::evaluate_macro(colonnade, cimloop::cim::default_distributions(colonnade), {{"VOLTAGE", 1.0}}).tops();
  EXPECT_NEAR(std::stod(rows[3].fields[6]), steady, steady * 1e-5);
  fs::remove_all(dir);
}
