// cimloop-report: headline metrics, breakdown CSV, and clean errors for bad input.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "golden_helpers.hpp"

namespace fs = std::filesystem;

namespace {

struct ReportRun {
  int exit_code = -1;
  std::string out, err;
};

// Shell-quoted text (built by appending: GCC 12 warns falsely on "'" + s + "'").
std::string quote(const std::string& text) {
  std::string quoted(1, '\'');
  quoted.append(text).push_back('\'');
  return quoted;
}

ReportRun run_report(const std::string& args) {
  const fs::path dir = fs::temp_directory_path() / ("cim_report_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string command = quote(std::string(CIMLOOP_BIN_DIR) + "/cimloop-report");
  command.append(" ").append(args).append(" > ").append(quote((dir / "out").string()));
  command.append(" 2> ").append(quote((dir / "err").string()));
  ReportRun r;
  r.exit_code = WEXITSTATUS(std::system(command.c_str()));
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  fs::remove_all(dir);
  return r;
}

const std::string kSinangil = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/sinangil_jssc_2021/macro.yaml";

}  // namespace

TEST(CimReport, TableAndCsv) {
  const fs::path csv = fs::temp_directory_path() / ("cim_report_" + std::to_string(::getpid()) + ".csv");
  const ReportRun r = run_report(quote(kSinangil) + " --set VOLTAGE=1.0 --csv " + quote(csv.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TOPS "), std::string::npos);
  EXPECT_NE(r.out.find("0.456"), std::string::npos);  // 2 x 1024 MACs per 4.49 ns at 1.0 V
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "macro,component,actions_per_activation,pj_per_action,leak_pj_per_cycle,"
                    "pj_per_activation,area_um2");
  fs::remove(csv);
}

TEST(CimReport, BadInputIsOneClearError) {
  const fs::path bad = fs::temp_directory_path() / ("cim_bad_macro_" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(bad) << "cim_macro:\n  name: x\n  cell: {type: PCM}\n";
  const ReportRun r = run_report(quote(bad.string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("ERROR: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cell.type"), std::string::npos) << r.err;
  fs::remove(bad);
  const ReportRun unknown = run_report(quote(kSinangil) + " --set NO_SUCH=1 --set VOLTAGE=bogus");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("ERROR: "), std::string::npos);
  // A misspelt operating point is not silently ignored.
  const ReportRun misspelt = run_report(quote(kSinangil) + " --set VOLTGE=0.9");
  EXPECT_EQ(misspelt.exit_code, 1);
  EXPECT_NE(misspelt.err.find("cannot set VOLTGE: the macro has no such variable"), std::string::npos) << misspelt.err;
}

TEST(CimReport, NetworkBestMappingPerLayer) {
  const fs::path resnet = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop/workloads/resnet18";
  CIMLOOP_REQUIRE_FIXTURES(resnet);
  const std::string macro = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/basic_analog/macro.yaml";
  const ReportRun r = run_report(quote(macro) + " --network " + quote(resnet.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("21 layers"), std::string::npos);
  EXPECT_NE(r.out.find("20.yaml"), std::string::npos);
  EXPECT_NE(r.out.find("total: "), std::string::npos);
}

TEST(CimReport, AdcExtrapolationIsAWarning) {
  const ReportRun r = run_report(quote(kSinangil) + " --set BASE_LATENCY=1e-12");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err.rfind("WARNING: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("10 GS/s"), std::string::npos) << r.err;
}

// The v0.4 files of a macro report through the chain: on the steady-state layer Sinangil's
// headline metrics are macro.yaml's (to the 6 digits printed; energies differ by the ERT's
// 6-decimal rounding, below the printed precision here), at an operating point set with --set.
TEST(CimReport, V04FilesReportThroughTheChain) {
  const std::string dir = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/";
  std::string files;
  for (const char* file : {"sinangil_jssc_2021/arch.yaml", "sinangil_jssc_2021/steady_state_problem.yaml",
                           "sinangil_jssc_2021/steady_state_map.yaml", "components/cim_components.yaml"})
    files.append(quote(dir + file)).append(" ");
  const ReportRun chain = run_report(files + "--set VOLTAGE=0.9");
  ASSERT_EQ(chain.exit_code, 0) << chain.err;
  const ReportRun private_form = run_report(quote(kSinangil) + " --set VOLTAGE=0.9");
  ASSERT_EQ(private_form.exit_code, 0) << private_form.err;
  auto line = [](const std::string& text, const std::string& key) {
    const size_t at = text.find(key);
    return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
  };
  for (const char* key : {"macro ", "  cycle", "  MACs/activation", "  TOPS  ", "  TOPS/mm^2", "  area"}) {
    EXPECT_FALSE(line(chain.out, key).empty()) << key;
    EXPECT_EQ(line(chain.out, key), line(private_form.out, key)) << key;
  }
  EXPECT_NE(line(chain.out, "weight_drivers"), "");
  const ReportRun layer = run_report(files + "--layer " + quote(dir + "basic_analog/problem.yaml"));
  EXPECT_EQ(layer.exit_code, 1);
  EXPECT_NE(layer.err.find("the layer is the problem file"), std::string::npos) << layer.err;
  const ReportRun unknown = run_report(files + "--set VOLTGE=0.9");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no variable VOLTGE"), std::string::npos) << unknown.err;
}

// A network on the v0.4 files (each layer searched by the mapper) and on macro.yaml (its
// enumerated weight-stationary mappings) finds the same best mappings for these ResNet-18
// layers: the same cycles and, to the ERT's rounding, the same energies.
TEST(CimReport, V04NetworkMatchesMacroYamlNetwork) {
  const fs::path resnet = fs::path(CIMLOOP_FIXTURES_DIR) / "cimloop/workloads/resnet18";
  CIMLOOP_REQUIRE_FIXTURES(resnet);
  // Three layers (the layer files include ../problem_base.yaml): links in a scratch folder.
  const fs::path scratch = fs::temp_directory_path() / ("cim_network_" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  fs::create_directories(scratch / "net");
  fs::create_symlink(resnet.parent_path() / "problem_base.yaml", scratch / "problem_base.yaml");
  for (const char* layer : {"05.yaml", "07.yaml", "20.yaml"}) fs::create_symlink(resnet / layer, scratch / "net" / layer);
  const std::string examples = std::string(CIMLOOP_SOURCE_DIR) + "/examples/cim/";
  const ReportRun chain = run_report(quote(examples + "basic_analog/arch.yaml") + " " +
                                     quote(examples + "components/cim_components.yaml") + " --network " +
                                     quote((scratch / "net").string()) + " --csv " + quote((scratch / "chain.csv").string()));
  ASSERT_EQ(chain.exit_code, 0) << chain.err;
  const ReportRun macro = run_report(quote(examples + "basic_analog/macro.yaml") + " --network " +
                                     quote((scratch / "net").string()) + " --csv " + quote((scratch / "macro.csv").string()));
  ASSERT_EQ(macro.exit_code, 0) << macro.err;
  auto rows = [](const fs::path& csv) {
    std::vector<std::vector<std::string>> out;
    std::ifstream in(csv);
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> fields;
      std::stringstream s(line);
      for (std::string field; std::getline(s, field, ',');) fields.push_back(field);
      out.push_back(fields);
    }
    return out;
  };
  const auto a = rows(scratch / "chain.csv"), b = rows(scratch / "macro.csv");
  ASSERT_EQ(a.size(), 4u);
  ASSERT_EQ(b.size(), 4u);
  for (size_t i = 1; i < a.size(); ++i) {
    SCOPED_TRACE(a[i][1]);
    EXPECT_EQ(a[i][1], b[i][1]);                                       // layer
    EXPECT_NEAR(std::stod(a[i][5]), std::stod(b[i][5]), std::stod(b[i][5]) * 1e-4);  // energy pJ
    EXPECT_EQ(a[i][6], b[i][6]);                                       // cycles
    EXPECT_EQ(a[i][7], b[i][7]);                                       // MACs
  }
  fs::remove_all(scratch);
}
