// timeloop-mapper speed on the reference mapper cases:
//  * MapperEvaluationRate/T: full model evaluations per second per thread of a T-thread search
//    (1000 valid mappings; the result is the same for every T, only the speed differs) by the
//    wall clock, and per CPU second of the process (evaluations_per_cpu_s, which a machine
//    shared with other work does not distort);
//  * MapperTimeToReference: seconds until a 2-thread search (the case's own settings and seed)
//    finds a mapping equal to or better than the reference mapper's, next to the reference's
//    wall time from case.yaml (target: at most a tenth of it).
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <time.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "../golden/mapper_fixture.hpp"
#include "compat/timeloop/constraints_reader.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/search.hpp"

namespace {

using namespace cimloop;
namespace fs = std::filesystem;

const fs::path kCases = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop";

struct LoadedCase {
  fs::path dir;
  compat::ModelInputs inputs;
  mapper::MapperSettings settings;
  std::unique_ptr<mapper::MapspaceShape> shape;
  std::unique_ptr<mapper::Mapspace> mapspace;
  std::vector<double> reference;  // the reference mapper's optimised metrics
  double reference_wall_s = 0;    // 0 when case.yaml does not record it
};

std::unique_ptr<LoadedCase> load_case(const std::string& name) {
  auto loaded = std::make_unique<LoadedCase>();
  loaded->dir = kCases / name;
  const compat::MergedInput merged = compat::load_merged_inputs(
      {(loaded->dir / "input.yaml").string(), (loaded->dir / "ERT.yaml").string(), (loaded->dir / "ART.yaml").string()});
  loaded->inputs = compat::load_model_inputs(merged);
  loaded->settings = golden::fixture_mapper_settings(loaded->dir);
  loaded->shape = std::make_unique<mapper::MapspaceShape>(mapper::mapspace_shape(loaded->inputs.workload, loaded->inputs.arch));
  loaded->mapspace = std::make_unique<mapper::Mapspace>(
      *loaded->shape, compat::parse_constraints(merged.root, *loaded->shape, merged.sources),
      loaded->settings.max_temporal_loops);
  loaded->reference =
      golden::evaluate_map_file(loaded->dir, loaded->dir / "expected/mapper/map.yaml", loaded->settings.metrics);
  const YAML::Node wall = YAML::LoadFile((loaded->dir / "case.yaml").string())["mapper"]["wall_s"];
  if (wall && !wall.IsNull()) loaded->reference_wall_s = wall.as<double>();
  return loaded;
}

mapper::EvaluatorFactory evaluators(const LoadedCase& loaded) {
  return mapper::model_evaluators(loaded.inputs.arch, loaded.inputs.workload, *loaded.mapspace, loaded.settings.metrics,
                                  model::ModelOptions{});
}

// CPU time of all the process's threads.
double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

void MapperEvaluationRate(benchmark::State& state, const std::string& name) {
  if (!fs::is_directory(kCases)) return state.SkipWithError("fixtures absent");
  const std::unique_ptr<LoadedCase> loaded = load_case(name);
  mapper::MapperSettings settings = loaded->settings;
  const int threads = static_cast<int>(state.range(0));
  settings.num_threads = threads;
  settings.search_size = 1000;
  settings.victory_condition = 0;
  std::int64_t evaluated = 0;
  double cpu_seconds = 0;
  for (auto _ : state) {
    mapper::SearchMonitor monitor;
    const double cpu_start = process_cpu_seconds();
    evaluated += mapper::search(*loaded->mapspace, settings, evaluators(*loaded), monitor).evaluated;
    cpu_seconds += process_cpu_seconds() - cpu_start;
  }
  state.counters["evaluations_per_cpu_s"] = static_cast<double>(evaluated) / cpu_seconds;
  state.counters["evaluations_per_s_per_thread"] =
      benchmark::Counter(static_cast<double>(evaluated) / threads, benchmark::Counter::kIsRate);
}

void MapperTimeToReference(benchmark::State& state, const std::string& name) {
  if (!fs::is_directory(kCases)) return state.SkipWithError("fixtures absent");
  const std::unique_ptr<LoadedCase> loaded = load_case(name);
  mapper::MapperSettings settings = loaded->settings;
  settings.num_threads = 2;
  double seconds = 0;
  bool reached = true;
  for (auto _ : state) {
    mapper::SearchMonitor monitor;
    // Stop the search at the first mapping that is as good as the reference's.
    auto stopping = [&]() -> mapper::Evaluator {
      mapper::Evaluator inner = evaluators(*loaded)();
      return [inner, &monitor, &loaded](const mapper::MapPoint& point) {
        mapper::Evaluation evaluation = inner(point);
        if (evaluation.valid && !mapper::better(loaded->reference, evaluation.metrics)) monitor.stop = true;
        return evaluation;
      };
    };
    const auto start = std::chrono::steady_clock::now();
    const mapper::SearchResult result = mapper::search(*loaded->mapspace, settings, stopping, monitor);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    reached = reached && result.best && !mapper::better(loaded->reference, result.best_metrics);
  }
  if (!reached) return state.SkipWithError("the search ended without reaching the reference's metric");
  const double mean = seconds / static_cast<double>(state.iterations());
  state.counters["seconds_to_reference"] = mean;
  state.counters["reference_wall_s"] = loaded->reference_wall_s;
  if (loaded->reference_wall_s > 0) state.counters["fraction_of_reference"] = mean / loaded->reference_wall_s;
}

BENCHMARK_CAPTURE(MapperEvaluationRate, eyeriss_like, std::string("ex-eyeriss_like"))->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(MapperEvaluationRate, tutorial_06, std::string("t01-06-mapper-convlayer-eyeriss"))->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(MapperTimeToReference, eyeriss_like, std::string("ex-eyeriss_like"))->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(MapperTimeToReference, tutorial_06, std::string("t01-06-mapper-convlayer-eyeriss"))->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
