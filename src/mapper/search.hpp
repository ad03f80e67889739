#pragma once
// The parallel mapspace search. settings.search_units independent search units (Timeloop's
// search threads) each sample constrained points and refine their best one with local moves, skipping
// points that fail the cheap precheck and never evaluating the same loop nest twice (a nest
// another unit modelled reuses its outcome); the threads run the units and then polish the
// best point together. Every stopping rule counts
// mappings, not time, and units combine in a fixed order, so the result (counts included)
// depends only on the inputs, the seed and the settings other than num_threads (unless the
// search is stopped early).
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "src/mapper/map_point.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/mapspace.hpp"

namespace cimloop::mapper {

struct Evaluation {
  bool valid = false;
  std::vector<double> metrics;  // one per optimisation metric, lower is better
  std::string failure;          // why the model rejected the mapping
};

// Each search thread gets its own evaluator (so it may keep per-thread scratch state); an
// evaluation must depend on the point only.
using Evaluator = std::function<Evaluation(const MapPoint&)>;
using EvaluatorFactory = std::function<Evaluator()>;

// True when search_size, victory_condition and timeout are all 0. Such a search still stops:
// each unit ends after unbounded_victory_condition() valid mappings without improvement
// (or when interrupted).
bool unbounded(const MapperSettings& settings);
std::int64_t unbounded_victory_condition();

// Lexicographic: the first metric decides unless equal, then the next, ...
bool better(const std::vector<double>& candidate, const std::vector<double>& incumbent);

// Live counters shared by the threads, read by the progress display; `stop` ends the search
// early (Ctrl-C) and the best mapping found so far is still returned.
struct SearchMonitor {
  std::atomic<std::int64_t> visited{0};    // points drawn, including prechecked and repeats
  std::atomic<std::int64_t> evaluated{0};  // full model evaluations
  std::atomic<std::int64_t> valid{0};
  std::atomic<bool> stop{false};

  void offer_best(const std::vector<double>& metrics);
  std::optional<std::vector<double>> best() const;

 private:
  mutable std::mutex mutex_;
  std::optional<std::vector<double>> best_;
};

struct SearchResult {
  std::optional<MapPoint> best;
  std::vector<double> best_metrics;
  std::int64_t visited = 0;
  std::int64_t evaluated = 0;
  std::int64_t valid = 0;
  bool stopped_early = false;
  std::string first_failure;  // why the first rejected mapping (lowest unit) was invalid
};

SearchResult search(const Mapspace& mapspace, const MapperSettings& settings,
                    const EvaluatorFactory& make_evaluator, SearchMonitor& monitor);

}  // namespace cimloop::mapper
