#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "compat/config/input_files.hpp"
#include "src/mapper/search.hpp"
#include "mapper_test_shapes.hpp"

namespace cimloop::mapper {
namespace {

// A stand-in for the model: the outer memory's traffic (its tiles times the outer
// iterations), which rewards big inner tiles and spatial reuse; invalid when odd.
Evaluator traffic_model(const Mapspace& space) {
  return [&space](const MapPoint& point) {
    const int outer = space.shape().num_levels() - 1;
    double iterations = 1;
    for (std::int64_t factor : point.levels[outer].temporal) iterations *= static_cast<double>(factor);
    double traffic = 0;
    for (int s = 0; s < space.shape().num_data_spaces(); ++s)
      traffic += static_cast<double>(space.tile_size(point, outer - 1, s)) * iterations;
    Evaluation evaluation;
    evaluation.valid = point.levels[0].temporal[1] != 2;
    evaluation.metrics = {traffic, iterations};
    return evaluation;
  };
}

SearchResult run(int threads, std::uint64_t seed, std::int64_t search_size = 0, int units = 8) {
  static Mapspace space(testing::conv1d_oc_shape(), unconstrained(testing::conv1d_oc_shape()));
  MapperSettings settings;
  settings.num_threads = threads;
  settings.search_units = units;
  settings.seed = seed;
  settings.victory_condition = 200;
  settings.search_size = search_size;
  SearchMonitor monitor;
  return search(space, settings, [&] { return traffic_model(space); }, monitor);
}

TEST(MapperSearch, DeterministicForSeedAndThreads) {
  SearchResult first = run(2, 11), second = run(2, 11);
  ASSERT_TRUE(first.best);
  EXPECT_EQ(first.best->key(), second.best->key());
  EXPECT_EQ(first.best_metrics, second.best_metrics);
  EXPECT_EQ(first.visited, second.visited);
  EXPECT_EQ(first.valid, second.valid);
}

// The units, not the threads, split the work: any thread count gives the same search.
TEST(MapperSearch, SameResultWhateverTheThreadCount) {
  for (auto [search_size, units] : {std::pair<std::int64_t, int>{0, 8}, {37, 8}, {0, 3}}) {
    const SearchResult single = run(1, 7, search_size, units);
    ASSERT_TRUE(single.best);
    for (int threads : {2, 3, 8, 16}) {
      const SearchResult parallel = run(threads, 7, search_size, units);
      ASSERT_TRUE(parallel.best);
      EXPECT_EQ(parallel.best->key(), single.best->key()) << threads;
      EXPECT_EQ(parallel.best_metrics, single.best_metrics) << threads;
      EXPECT_EQ(parallel.visited, single.visited) << threads;
      EXPECT_EQ(parallel.evaluated, single.evaluated) << threads;
      EXPECT_EQ(parallel.valid, single.valid) << threads;
    }
  }
}

TEST(MapperSearch, SearchSizeBoundsValidEvaluations) {
  SearchResult result = run(3, 5, 10);
  EXPECT_EQ(result.valid, 10);
}

TEST(MapperSearch, FindsTheTrafficOptimum) {
  // Everything fits in the 32768-word buffer: one pass over each tensor is the optimum.
  SearchResult result = run(2, 3);
  ASSERT_TRUE(result.best);
  EXPECT_EQ(result.best_metrics[0], 32 * 3 + 18 + 32 * 16);
}

TEST(MapperSearch, LexicographicComparison) {
  EXPECT_TRUE(better({1, 5}, {2, 0}));
  EXPECT_TRUE(better({2, 0}, {2, 1}));
  EXPECT_FALSE(better({2, 1}, {2, 1}));
}

TEST(MapperSearch, StopFlagEndsEarlyWithBestSoFar) {
  Mapspace space(testing::conv1d_oc_shape(), unconstrained(testing::conv1d_oc_shape()));
  MapperSettings settings;
  settings.num_threads = 2;
  settings.victory_condition = 0;
  settings.timeout = 0;
  SearchMonitor monitor;
  auto slow_stop = [&] {
    Evaluator inner = traffic_model(space);
    return [&monitor, inner](const MapPoint& point) {
      if (monitor.valid.load() > 50) monitor.stop = true;
      return inner(point);
    };
  };
  SearchResult result = search(space, settings, slow_stop, monitor);
  EXPECT_TRUE(result.stopped_early);
  EXPECT_TRUE(result.best);
}

// Conv1D of the given bounds on a buffer under main memory: a few dozen loop nests.
MapspaceShape two_level_shape(std::vector<std::int64_t> bounds) {
  MapspaceShape shape = testing::conv1d_oc_shape();
  shape.problem.bounds = std::move(bounds);
  shape.storage = {{"Buffer", 1, 1, std::nullopt}, {"MainMemory", 1, 1, std::nullopt}};
  return shape;
}

// Every mapping invalid in a mapspace of a few dozen loop nests: a repeated invalid nest still
// counts towards the timeout, so each unit stops after exactly `timeout` draws instead of
// sampling until it has found nearly every nest (which made the cost per invalid mapping grow
// with the timeout).
TEST(MapperSearch, TimeoutCountsRepeatedInvalidMappings) {
  const MapspaceShape shape = two_level_shape({2, 1, 2});
  const Mapspace space(shape, unconstrained(shape));
  MapperSettings settings;
  settings.num_threads = 2;
  settings.search_units = 4;
  settings.victory_condition = 0;
  settings.timeout = 300;  // below the 500 repeats in a row that end a unit as exhausted
  SearchMonitor monitor;
  const Evaluator always_invalid = [](const MapPoint&) { return Evaluation{}; };
  const SearchResult result = search(space, settings, [&] { return always_invalid; }, monitor);
  EXPECT_FALSE(result.best);
  EXPECT_LT(result.evaluated, 200);  // the nests are few: most draws were repeats
  EXPECT_EQ(result.visited, 4 * settings.timeout);
}

// The units meet the same loop nests in a small mapspace; each nest goes through the model once
// (the others reuse its outcome) while the counts still report every evaluation.
TEST(MapperSearch, EachLoopNestIsModelledOnce) {
  const MapspaceShape shape = two_level_shape({4, 1, 2});
  const Mapspace space(shape, unconstrained(shape));
  MapperSettings settings;
  settings.num_threads = 1;  // two threads may both model a nest that neither has finished
  settings.search_units = 8;
  settings.victory_condition = 20;
  std::mutex mutex;
  std::map<std::vector<std::int64_t>, int> model_runs;
  auto counting = [&] {
    return [&, inner = traffic_model(space)](const MapPoint& point) {
      std::lock_guard<std::mutex> lock(mutex);
      ++model_runs[point.key()];
      return inner(point);
    };
  };
  SearchMonitor monitor;
  const SearchResult result = search(space, settings, counting, monitor);
  ASSERT_TRUE(result.best);
  std::int64_t runs = 0;
  for (const auto& [key, count] : model_runs) {
    EXPECT_EQ(count, 1);
    runs += count;
  }
  EXPECT_GT(result.evaluated, 2 * runs);
}

}  // namespace
}  // namespace cimloop::mapper
