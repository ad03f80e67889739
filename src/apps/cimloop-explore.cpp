// cimloop-explore: design-space exploration over a CiMLoop-style specification.
//   cimloop-explore SWEEP.yaml -o OUT [-j N] [--cache DIR] [--mappings] [--no-progress]
//   cimloop-explore run-unit SWEEP.yaml --cache DIR --task K --tasks T [-j N]
//   cimloop-explore merge SWEEP.yaml -o OUT [--cache DIR] [--mappings]
//   cimloop-explore submit --slurm SWEEP.yaml -o OUT --tasks T [--cache DIR] [--sbatch ARG]... [--dry-run]
// A sweep file (compat/cimloop/sweep_file.hpp) names the specification, the workloads and the
// axes; every point x layer is one work unit, searched by the mapper on one thread and kept in
// a content cache (default OUT/cache). A local run computes the missing units on N threads and
// then merges; run-unit computes one task's share (units K, K+T, ...) for any executor; merge
// writes OUT/results.csv and OUT/results.jsonl (and with --mappings OUT/mappings/) from the
// cache, so the table's bytes do not depend on who computed the units or in which order.
#include <boost/program_options.hpp>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "compat/cimloop/sweep_run.hpp"
#include "compat/cimloop/sweep_slurm.hpp"
#include "compat/cimloop/sweep_table.hpp"
#include "compat/timeloop/output_files.hpp"
#include "compat/timeloop/program_cli.hpp"
#include "src/common/error.hpp"
#include "src/mapper/progress.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace cimloop::compat::cimloop;

namespace {

constexpr const char* kUsage =
    "usage: cimloop-explore SWEEP.yaml -o OUT [-j N] [--cache DIR] [--mappings] [--no-progress]\n"
    "       cimloop-explore run-unit SWEEP.yaml --cache DIR --task K --tasks T [-j N]\n"
    "       cimloop-explore merge SWEEP.yaml -o OUT [--cache DIR] [--mappings]\n"
    "       cimloop-explore submit --slurm SWEEP.yaml -o OUT --tasks T [--cache DIR] [--sbatch ARG]... [--dry-run]\n";

std::string cache_dir(const po::variables_map& vm) {
  if (vm.count("cache")) return vm["cache"].as<std::string>();
  if (!vm.count("output")) throw cimloop::InputError("give --cache DIR or -o OUT (the cache is then OUT/cache)");
  return (fs::path(vm["output"].as<std::string>()) / "cache").string();
}

int thread_count(const po::variables_map& vm) {
  if (vm.count("jobs")) {
    const int jobs = vm["jobs"].as<int>();
    if (jobs < 1) throw cimloop::InputError("-j needs a positive number of threads");
    return jobs;
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string file_name_part(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  return text;
}

// results.csv, results.jsonl and (on request) mappings/point-<i>/<dnn>-<layer>.map.txt.
int merge(const SweepPlan& plan, const SweepCache& cache, const po::variables_map& vm) {
  const std::vector<UnitMeasure> measures = cached_measures(plan, cache);
  const fs::path out = vm["output"].as<std::string>();
  fs::create_directories(out);
  const std::vector<TableRow> rows = sweep_rows(plan, measures);
  cimloop::compat::OutputFiles files{{(out / "results.csv").string(), format_csv(rows)},
                                     {(out / "results.jsonl").string(), format_json_lines(rows)}};
  if (vm.count("mappings"))
    for (std::size_t unit = 0; unit < plan.unit_count(); ++unit) {
      if (measures[unit].mapping.empty()) continue;
      const SweepLayer& layer = plan.layers[plan.layer_of(unit)];
      const fs::path folder = out / "mappings" / ("point-" + std::to_string(plan.point_of(unit)));
      fs::create_directories(folder);
      const std::string name = (layer.dnn.empty() ? "" : layer.dnn + "-") + layer.name;
      files.emplace_back((folder / (file_name_part(name) + ".map.txt")).string(), measures[unit].mapping);
    }
  cimloop::compat::write_files_atomically(files);
  std::size_t failed = 0;
  for (const UnitMeasure& measure : measures) failed += measure.error.empty() ? 0 : 1;
  std::cerr << "cimloop-explore: " << rows.size() << " rows (" << plan.points.size() << " points x "
            << plan.layers.size() << " layers) in " << (out / "results.csv").string() << " and results.jsonl";
  if (failed) std::cerr << "; " << failed << " units have no result (see the error column)";
  std::cerr << "\n";
  return 0;
}

int report_run(const RunSummary& summary, const std::string& cache) {
  std::cerr << "cimloop-explore: " << summary.computed + summary.failed << " units computed, " << summary.cached
            << " from the cache";
  if (summary.failed) std::cerr << ", " << summary.failed << " without a valid result";
  std::cerr << " in " << summary.seconds << " s\n";
  if (!summary.interrupted && summary.left == 0) return 0;
  std::cerr << "cimloop-explore: interrupted with " << summary.left << " units left; the finished ones are kept in "
            << cache << ": run the same command again to go on\n";
  return 130;
}

int run(const std::string& command, const po::variables_map& vm) {
  if (!vm.count("sweep")) throw cimloop::InputError(std::string("no sweep file\n") + kUsage);
  const SweepPlan plan = read_sweep(vm["sweep"].as<std::string>());
  const std::string cache_folder = cache_dir(vm);
  const SweepCache cache(plan, cache_folder);
  const bool progress = !vm.count("no-progress") && cimloop::mapper::stderr_is_terminal();
  if (command == "merge") return merge(plan, cache, vm);
  if (command == "run-unit") {
    if (!vm.count("task") || !vm.count("tasks") || vm["tasks"].as<int>() < 1 || vm["task"].as<int>() < 0 ||
        vm["task"].as<int>() >= vm["tasks"].as<int>())
      throw cimloop::InputError("run-unit needs --task K --tasks T with 0 <= K < T");
    const auto units = task_units(plan, static_cast<std::size_t>(vm["task"].as<int>()),
                                  static_cast<std::size_t>(vm["tasks"].as<int>()));
    return report_run(run_units(plan, cache, units, thread_count(vm), progress), cache_folder);
  }
  if (command == "submit") {
    if (!vm.count("slurm")) throw cimloop::InputError("submit needs --slurm (the only executor it knows)");
    if (!vm.count("output") || !vm.count("tasks")) throw cimloop::InputError("submit needs -o OUT and --tasks T");
    SlurmSubmission submission;
    submission.program = fs::canonical("/proc/self/exe").string();
    submission.sweep = fs::absolute(vm["sweep"].as<std::string>()).string();
    submission.output = fs::absolute(vm["output"].as<std::string>()).string();
    submission.cache = fs::absolute(cache_folder).string();
    submission.tasks = vm["tasks"].as<int>();
    if (vm.count("sbatch")) submission.sbatch_arguments = vm["sbatch"].as<std::vector<std::string>>();
    return submit_slurm(submission, vm.count("dry-run") > 0);
  }
  if (!vm.count("output")) throw cimloop::InputError(std::string("no -o OUT\n") + kUsage);
  std::vector<std::size_t> units(plan.unit_count());
  for (std::size_t unit = 0; unit < units.size(); ++unit) units[unit] = unit;
  const int status = report_run(run_units(plan, cache, units, thread_count(vm), progress), cache_folder);
  return status ? status : merge(plan, cache, vm);
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = "run";
  if (argc > 1 && (std::string(argv[1]) == "run-unit" || std::string(argv[1]) == "merge" ||
                   std::string(argv[1]) == "submit")) {
    command = argv[1];
    --argc, ++argv;
  }
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("sweep", po::value<std::string>(), "the sweep file")(
      "output,o", po::value<std::string>(), "output folder (results.csv, results.jsonl, mappings/, cache/)")(
      "jobs,j", po::value<int>(), "threads, each running one unit at a time (default: all cores)")(
      "cache", po::value<std::string>(), "the content cache folder (default OUT/cache)")(
      "mappings", "also write the best mapping of every unit to OUT/mappings/")(
      "no-progress", "no progress bar even on a terminal")("task", po::value<int>(), "run-unit: this task's number K")(
      "tasks", po::value<int>(), "run-unit, submit: the number of tasks T")("slurm", "submit: as a Slurm job array")(
      "sbatch", po::value<std::vector<std::string>>()->composing(), "submit: an extra sbatch argument (repeatable)")(
      "dry-run", "submit: write the batch scripts, do not submit them");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << kUsage << options;
      return 0;
    }
    return cimloop::compat::run_reporting_errors([&] { return run(command, vm); });
  } catch (const po::error& e) {
    return cimloop::compat::print_errors(std::string(e.what()) + "\n" + kUsage);
  }
}
