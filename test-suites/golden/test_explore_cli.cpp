// cimloop-explore as a user runs it: a local run writes the table and the mapping files; a
// run stopped with Ctrl-C keeps its finished units and the next run finishes the rest with
// the same table bytes; run-unit tasks and merge give the same bytes as a local run.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "test-suites/golden/golden_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using cimloop::golden::fresh_test_directory;
using cimloop::golden::read_file;
using cimloop::golden::run_in;
using cimloop::golden::shell_quote;

const std::string kProgram = std::string(CIMLOOP_BIN_DIR) + "/cimloop-explore";

std::string write_sweep(const fs::path& dir, int voltages) {
  std::string values;
  for (int v = 0; v < voltages; ++v) values += (v ? ", " : "") + std::to_string(0.7 + 0.05 * v).substr(0, 4);
  const fs::path path = dir / "sweep.yaml";
  std::ofstream(path) << "specification:\n  top: " << CIMLOOP_SOURCE_DIR << "/examples/cim/top.yaml.jinja2\n"
                      << "  variables: {macro: basic_analog, system: ws_dummy_buffer_many_macro}\n"
                      << "workloads: [{layer: resnet18/20}, {layer: resnet18/05}]\n"
                      << "axes: [{set: VOLTAGE, values: [" << values << "]}]\n";
  return path.string();
}

std::size_t cached_units(const fs::path& cache) {
  std::size_t count = 0;
  if (fs::is_directory(cache))
    for (const auto& entry : fs::directory_iterator(cache)) count += entry.path().extension() == ".json";
  return count;
}

int run(const fs::path& dir, const std::string& arguments) {
  return run_in(dir, shell_quote(kProgram) + " " + arguments, dir);
}

TEST(ExploreCli, LocalRunWritesTablesAndMappings) {
  const fs::path dir = fresh_test_directory("explore-cli");
  const std::string sweep = write_sweep(dir, 2);
  ASSERT_EQ(run(dir, shell_quote(sweep) + " -o out -j 2 --mappings"), 0) << read_file(dir / "stderr.txt");
  const std::string csv = read_file(dir / "out" / "results.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n') > 4, true);
  EXPECT_TRUE(fs::exists(dir / "out" / "results.jsonl"));
  EXPECT_NE(read_file(dir / "out" / "mappings" / "point-1" / "resnet18_05.map.txt").find("cim_unit"), std::string::npos);
  EXPECT_EQ(cached_units(dir / "out" / "cache"), 4u);
}

TEST(ExploreCli, RunUnitTasksThenMergeGiveTheLocalRunsBytes) {
  const fs::path dir = fresh_test_directory("explore-cli");
  const std::string sweep = shell_quote(write_sweep(dir, 3));
  ASSERT_EQ(run(dir, sweep + " -o local -j 1"), 0) << read_file(dir / "stderr.txt");
  for (const char* task : {"1", "0"})
    ASSERT_EQ(run(dir, "run-unit " + sweep + " --cache shared --task " + task + " --tasks 2"), 0);
  EXPECT_NE(run(dir, "merge " + sweep + " -o partial --cache missing"), 0);
  EXPECT_NE(read_file(dir / "stderr.txt").find("6 of 6 units are not in the cache"), std::string::npos);
  ASSERT_EQ(run(dir, "merge " + sweep + " -o merged --cache shared"), 0) << read_file(dir / "stderr.txt");
  EXPECT_EQ(read_file(dir / "merged" / "results.csv"), read_file(dir / "local" / "results.csv"));
  EXPECT_EQ(read_file(dir / "merged" / "results.jsonl"), read_file(dir / "local" / "results.jsonl"));
}

TEST(ExploreCli, CtrlCKeepsFinishedUnitsAndTheNextRunResumes) {
  const fs::path dir = fresh_test_directory("explore-cli");
  const std::string sweep = write_sweep(dir, 8);  // 16 units
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execl(kProgram.c_str(), kProgram.c_str(), sweep.c_str(), "-o", (dir / "out").c_str(), "-j", "1", nullptr);
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (cached_units(dir / "out" / "cache") < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(child, SIGINT);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const std::size_t kept = cached_units(dir / "out" / "cache");
  EXPECT_GE(kept, 2u);
  EXPECT_LT(kept, 16u);
  EXPECT_FALSE(fs::exists(dir / "out" / "results.csv"));
  ASSERT_EQ(run(dir, shell_quote(sweep) + " -o out -j 2"), 0) << read_file(dir / "stderr.txt");
  EXPECT_NE(read_file(dir / "stderr.txt").find(std::to_string(kept) + " from the cache"), std::string::npos)
      << read_file(dir / "stderr.txt");
  ASSERT_EQ(run(dir, shell_quote(sweep) + " -o fresh -j 1"), 0);
  EXPECT_EQ(read_file(dir / "out" / "results.csv"), read_file(dir / "fresh" / "results.csv"));
}

}  // namespace
