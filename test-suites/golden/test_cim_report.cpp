// cimloop-report: headline metrics, breakdown CSV, and clean errors for bad input.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

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
  const std::string command = "'" + std::string(CIMLOOP_BIN_DIR) + "/cimloop-report' " + args +
                              " > '" + (dir / "out").string() + "' 2> '" + (dir / "err").string() + "'";
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
  if (!fs::exists(resnet)) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL() << "fixtures missing";
    GTEST_SKIP() << "fixtures folder absent";
  }
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
