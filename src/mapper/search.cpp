#include "src/mapper/search.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <limits>
#include <thread>
#include <unordered_set>

namespace cimloop::mapper {
namespace {

// After this many consecutive repeats (ten times the victory condition, within these bounds)
// the reachable space is taken as exhausted: small mapspaces end in milliseconds.
constexpr std::int64_t kMinSaturation = 1000;
constexpr std::int64_t kMaxSaturation = 20000;
// With every stopping rule disabled (0), a thread stops after this many consecutive valid
// mappings without improvement instead of running until interrupted.
constexpr std::int64_t kUnboundedVictory = 5000;
// The per-thread record of visited loop nests stops growing here (about 100 MB).
constexpr std::size_t kMaxCacheEntries = 2'000'000;
// Share of draws that refine the current point instead of sampling afresh.
constexpr double kRefineShare = 0.75;
// A local search is abandoned after max(this, victory condition / 4) valid mappings without
// improving its point.
constexpr std::int64_t kMinPatience = 16;
// Mutation rounds (of one to three moves each) that kick a restart away from the best point.
constexpr int kKickRounds = 3;
// At most this many steepest-descent sweeps polish the final best point.
constexpr int kPolishSweeps = 50;

// Visited loop nests are remembered by a 64-bit digest of their canonical key (a collision,
// about 1e-8 likely in a long search, would only skip one point).
std::uint64_t digest(const std::vector<std::int64_t>& key) {
  std::uint64_t hash = 0x8b2f1c3a5d7e9f01ULL;
  for (std::int64_t value : key) hash = Random(hash ^ static_cast<std::uint64_t>(value)).next();
  return hash;
}

struct Cached {
  bool valid = false;
  std::vector<double> metrics;
};

struct ThreadResult {
  std::optional<MapPoint> best;
  std::vector<double> best_metrics;
  std::int64_t visited = 0, evaluated = 0, valid = 0;
  std::string failure;  // why the thread's first invalid mapping was rejected
};

class Worker {
 public:
  Worker(const Mapspace& mapspace, const MapperSettings& settings, Evaluator evaluate,
         SearchMonitor& monitor, std::uint64_t seed, std::int64_t quota)
      : mapspace_(mapspace), settings_(settings), evaluate_(std::move(evaluate)),
        monitor_(monitor), random_(seed), quota_(quota) {}

  // Multi-start local search: refine the current point until it stops improving for a while
  // (the patience), then start again from a fresh sample; the thread's best is kept apart.
  ThreadResult run() {
    std::int64_t since_improvement = 0, since_local_improvement = 0, invalid_in_a_row = 0, repeats_in_a_row = 0;
    const std::int64_t victory = unbounded(settings_) ? kUnboundedVictory : settings_.victory_condition;
    const std::int64_t patience = std::max<std::int64_t>(kMinPatience, (victory > 0 ? victory : kUnboundedVictory) / 4);
    const std::int64_t saturation =
        std::clamp<std::int64_t>(10 * (victory > 0 ? victory : kUnboundedVictory), kMinSaturation, kMaxSaturation);
    std::optional<MapPoint> current;
    std::vector<double> current_metrics;
    while (!monitor_.stop.load(std::memory_order_relaxed)) {
      MapPoint point = current && random_.chance(kRefineShare) ? mapspace_.mutate(*current, random_)
                                                               : mapspace_.sample(random_);
      ++result_.visited;
      monitor_.visited.fetch_add(1, std::memory_order_relaxed);
      const std::uint64_t key = digest(point.key());
      if (seen_.count(key)) {
        if (++repeats_in_a_row >= saturation) break;
        continue;
      }
      repeats_in_a_row = 0;
      Cached outcome = visit(point);
      if (seen_.size() < kMaxCacheEntries) seen_.insert(key);
      if (!outcome.valid) {
        if (settings_.timeout > 0 && ++invalid_in_a_row >= settings_.timeout) break;
        continue;
      }
      invalid_in_a_row = 0;
      if (!result_.best || better(outcome.metrics, result_.best_metrics)) {
        result_.best = point;
        result_.best_metrics = outcome.metrics;
        monitor_.offer_best(outcome.metrics);
        since_improvement = 0;
      } else if (victory > 0 && ++since_improvement >= victory) {
        break;
      }
      if (!current || better(outcome.metrics, current_metrics)) {
        current = std::move(point);
        current_metrics = std::move(outcome.metrics);
        since_local_improvement = 0;
      } else if (++since_local_improvement >= patience) {
        restart(current, current_metrics);
        since_local_improvement = 0;
      }
      if (quota_ > 0 && result_.valid >= quota_) break;
    }
    return std::move(result_);
  }

 private:
  // Half of the restarts kick the thread's best point (several moves at once) and keep
  // searching from there, the others start from a fresh sample.
  void restart(std::optional<MapPoint>& current, std::vector<double>& current_metrics) {
    current.reset();
    if (!result_.best || random_.chance(0.5)) return;
    MapPoint kicked = *result_.best;
    for (int round = 0; round < kKickRounds; ++round) kicked = mapspace_.mutate(kicked, random_);
    current = std::move(kicked);
    current_metrics.assign(result_.best_metrics.size(), std::numeric_limits<double>::infinity());
  }

  Cached visit(const MapPoint& point) {
    if (std::string reason = mapspace_.precheck(point); !reason.empty()) {
      if (result_.failure.empty()) result_.failure = std::move(reason);
      return {};
    }
    ++result_.evaluated;
    monitor_.evaluated.fetch_add(1, std::memory_order_relaxed);
    Evaluation evaluation = evaluate_(point);
    if (!evaluation.valid) {
      if (result_.failure.empty()) result_.failure = std::move(evaluation.failure);
      return {};
    }
    ++result_.valid;
    monitor_.valid.fetch_add(1, std::memory_order_relaxed);
    return {true, std::move(evaluation.metrics)};
  }

  const Mapspace& mapspace_;
  const MapperSettings& settings_;
  Evaluator evaluate_;
  SearchMonitor& monitor_;
  Random random_;
  std::int64_t quota_;
  ThreadResult result_;
  std::unordered_set<std::uint64_t> seen_;
};

}  // namespace

bool unbounded(const MapperSettings& settings) {
  return settings.search_size == 0 && settings.victory_condition == 0 && settings.timeout == 0;
}

std::int64_t unbounded_victory_condition() { return kUnboundedVictory; }

bool better(const std::vector<double>& candidate, const std::vector<double>& incumbent) {
  for (std::size_t i = 0; i < candidate.size() && i < incumbent.size(); ++i) {
    if (candidate[i] < incumbent[i]) return true;
    if (candidate[i] > incumbent[i]) return false;
  }
  return false;
}

void SearchMonitor::offer_best(const std::vector<double>& metrics) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!best_ || better(metrics, *best_)) best_ = metrics;
}

std::optional<std::vector<double>> SearchMonitor::best() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return best_;
}

namespace {

// Runs body(t) for t = 0..threads-1 on their own threads; rethrows the first failure.
void run_parallel(int threads, SearchMonitor& monitor, const std::function<void(int)>& body) {
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(threads);
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      try {
        body(t);
      } catch (...) {
        errors[t] = std::current_exception();
        monitor.stop = true;
      }
    });
  for (std::thread& thread : pool) thread.join();
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
}

struct PolishBest {
  std::optional<std::size_t> index;
  std::vector<double> metrics;
  std::int64_t evaluated = 0, valid = 0;
};

// Steepest descent from the best point over its whole neighbourhood (split over the threads,
// ties to the earliest neighbour, so the outcome does not depend on the thread count).
// With a search_size, only the valid evaluations the search left unused are spent here.
void polish(const Mapspace& mapspace, int threads, std::int64_t search_size, const EvaluatorFactory& make_evaluator,
            SearchMonitor& monitor, SearchResult& result) {
  std::vector<Evaluator> evaluators;
  for (int t = 0; t < threads; ++t) evaluators.push_back(make_evaluator());
  std::unordered_set<std::uint64_t> seen;
  for (int sweep = 0; sweep < kPolishSweeps && result.best && !monitor.stop; ++sweep) {
    const std::int64_t budget = search_size > 0 ? search_size - result.valid : -1;
    if (budget == 0) break;
    std::vector<MapPoint> candidates;
    for (MapPoint& neighbour : mapspace.neighbours(*result.best))
      if (seen.insert(digest(neighbour.key())).second) candidates.push_back(std::move(neighbour));
    std::vector<PolishBest> bests(threads);
    run_parallel(threads, monitor, [&](int t) {
      PolishBest& mine = bests[t];
      const std::int64_t quota = budget < 0 ? -1 : budget / threads + (t < budget % threads ? 1 : 0);
      for (std::size_t i = t; i < candidates.size() && !monitor.stop && mine.valid != quota; i += threads) {
        if (!mapspace.precheck(candidates[i]).empty()) continue;
        ++mine.evaluated;
        monitor.evaluated.fetch_add(1, std::memory_order_relaxed);
        Evaluation evaluation = evaluators[t](candidates[i]);
        if (!evaluation.valid) continue;
        ++mine.valid;
        monitor.valid.fetch_add(1, std::memory_order_relaxed);
        if (!mine.index || better(evaluation.metrics, mine.metrics)) {
          mine.index = i;
          mine.metrics = std::move(evaluation.metrics);
        }
      }
    });
    monitor.visited += static_cast<std::int64_t>(candidates.size());
    result.visited += static_cast<std::int64_t>(candidates.size());
    const PolishBest* winner = nullptr;
    for (const PolishBest& best : bests) {
      result.evaluated += best.evaluated;
      result.valid += best.valid;
      if (best.index && (!winner || better(best.metrics, winner->metrics) ||
                         (!better(winner->metrics, best.metrics) && *best.index < *winner->index)))
        winner = &best;
    }
    if (!winner || !better(winner->metrics, result.best_metrics)) break;
    result.best = std::move(candidates[*winner->index]);
    result.best_metrics = winner->metrics;
    monitor.offer_best(result.best_metrics);
  }
}

}  // namespace

SearchResult search(const Mapspace& mapspace, const MapperSettings& settings,
                    const EvaluatorFactory& make_evaluator, SearchMonitor& monitor) {
  const int threads = std::max(1, settings.num_threads);
  std::vector<ThreadResult> results(threads);
  run_parallel(threads, monitor, [&](int t) {
    const std::int64_t quota =
        settings.search_size > 0 ? settings.search_size / threads + (t < settings.search_size % threads ? 1 : 0) : 0;
    if (settings.search_size > 0 && quota == 0) return;
    const std::uint64_t seed = Random(settings.seed * 0x2545f4914f6cdd1dULL + static_cast<std::uint64_t>(t)).next();
    results[t] = Worker(mapspace, settings, make_evaluator(), monitor, seed, quota).run();
  });
  SearchResult combined;
  for (ThreadResult& result : results) {  // ties go to the lowest thread: deterministic
    combined.visited += result.visited;
    combined.evaluated += result.evaluated;
    combined.valid += result.valid;
    if (combined.first_failure.empty()) combined.first_failure = result.failure;
    if (result.best && (!combined.best || better(result.best_metrics, combined.best_metrics))) {
      combined.best = std::move(result.best);
      combined.best_metrics = std::move(result.best_metrics);
    }
  }
  polish(mapspace, threads, settings.search_size, make_evaluator, monitor, combined);
  combined.stopped_early = monitor.stop.load();
  return combined;
}

}  // namespace cimloop::mapper
