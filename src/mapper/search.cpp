#include "src/mapper/search.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace cimloop::mapper {
namespace {

// The reachable space is taken as exhausted after this many consecutive repeats per distinct
// point seen (at least the minimum, at most the cap): with n points seen and one more to
// find, 50 n repeats in a row happen with probability below e^-50 under uniform sampling,
// and a small mapspace (CiMLoop's macros have a dozen) ends in milliseconds.
constexpr std::int64_t kSaturationPerPoint = 50;
constexpr std::int64_t kMinSaturation = 500;
constexpr std::int64_t kMaxSaturation = 20000;
// With every stopping rule disabled (0), a unit stops after this many consecutive valid
// mappings without improvement instead of running until interrupted.
constexpr std::int64_t kUnboundedVictory = 5000;
// The per-unit record of visited loop nests stops growing here (about 100 MB).
constexpr std::size_t kMaxCacheEntries = 2'000'000;
// The outcomes shared by the units stop growing here (keys and metrics of some 100 bytes each).
constexpr std::size_t kMaxSharedOutcomes = 200'000;
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

// Model outcomes shared by the units, which often meet the same loop nests (a CiMLoop macro's
// eight units evaluate a few hundred nests four times each): an evaluation depends on the nest
// only, so a unit reuses another's instead of running the model again. Keyed by the whole
// canonical key, as a wrong outcome would change the result; bounded in size.
class SharedOutcomes {
 public:
  // The outcome of `point`, whose canonical key is `key`, from the model unless known.
  Evaluation evaluate(const MapPoint& point, std::vector<std::int64_t> key, const Evaluator& model) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (const auto found = outcomes_.find(key); found != outcomes_.end()) return found->second;
    }
    Evaluation outcome = model(point);
    std::lock_guard<std::mutex> lock(mutex_);
    if (outcomes_.size() < kMaxSharedOutcomes) outcomes_.emplace(std::move(key), outcome);
    return outcome;
  }

 private:
  struct KeyHash {
    std::size_t operator()(const std::vector<std::int64_t>& key) const { return digest(key); }
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::vector<std::int64_t>, Evaluation, KeyHash> outcomes_;
};

struct Cached {
  bool valid = false;
  std::vector<double> metrics;
};

struct UnitResult {
  std::optional<MapPoint> best;
  std::vector<double> best_metrics;
  std::int64_t visited = 0, evaluated = 0, valid = 0;
  std::string failure;  // why the unit's first invalid mapping was rejected
};

class Worker {
 public:
  Worker(const Mapspace& mapspace, const MapperSettings& settings, const Evaluator& evaluate,
         SharedOutcomes& shared, SearchMonitor& monitor, std::uint64_t seed, std::int64_t quota)
      : mapspace_(mapspace), settings_(settings), evaluate_(evaluate), shared_(shared),
        monitor_(monitor), random_(seed), quota_(quota) {}

  // Multi-start local search: refine the current point until it stops improving for a while
  // (the patience), then start again from a fresh sample; the unit's best is kept apart.
  UnitResult run() {
    std::int64_t since_improvement = 0, since_local_improvement = 0, invalid_in_a_row = 0, repeats_in_a_row = 0;
    const std::int64_t victory = unbounded(settings_) ? kUnboundedVictory : settings_.victory_condition;
    const std::int64_t patience = std::max<std::int64_t>(kMinPatience, (victory > 0 ? victory : kUnboundedVictory) / 4);
    std::optional<MapPoint> current;
    std::vector<double> current_metrics;
    while (!monitor_.stop.load(std::memory_order_relaxed)) {
      MapPoint point = current && random_.chance(kRefineShare) ? mapspace_.mutate(*current, random_)
                                                               : mapspace_.sample(random_);
      ++result_.visited;
      monitor_.visited.fetch_add(1, std::memory_order_relaxed);
      std::vector<std::int64_t> nest = point.key();
      const std::uint64_t key = digest(nest);
      // A repeat of an invalid point is another invalid mapping for the timeout: otherwise a
      // mapspace with few distinct points, all invalid, is sampled until nearly every rare
      // point is found and the draws per invalid mapping grow without bound.
      if (auto repeat = seen_.find(key); repeat != seen_.end()) {
        if (!repeat->second && settings_.timeout > 0 && ++invalid_in_a_row >= settings_.timeout) break;
        if (++repeats_in_a_row >= saturation()) break;
        continue;
      }
      repeats_in_a_row = 0;
      Cached outcome = visit(point, std::move(nest));
      if (seen_.size() < kMaxCacheEntries) seen_.emplace(key, outcome.valid);
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
  // Half of the restarts kick the unit's best point (several moves at once) and keep
  // searching from there, the others start from a fresh sample.
  void restart(std::optional<MapPoint>& current, std::vector<double>& current_metrics) {
    current.reset();
    if (!result_.best || random_.chance(0.5)) return;
    MapPoint kicked = *result_.best;
    for (int round = 0; round < kKickRounds; ++round) kicked = mapspace_.mutate(kicked, random_);
    current = std::move(kicked);
    current_metrics.assign(result_.best_metrics.size(), std::numeric_limits<double>::infinity());
  }

  std::int64_t saturation() const {
    const auto seen = static_cast<std::int64_t>(seen_.size());
    return std::clamp(kSaturationPerPoint * seen, kMinSaturation, kMaxSaturation);
  }

  Cached visit(const MapPoint& point, std::vector<std::int64_t> nest) {
    if (std::string reason = mapspace_.precheck(point); !reason.empty()) {
      if (result_.failure.empty()) result_.failure = std::move(reason);
      return {};
    }
    ++result_.evaluated;
    monitor_.evaluated.fetch_add(1, std::memory_order_relaxed);
    Evaluation evaluation = shared_.evaluate(point, std::move(nest), evaluate_);
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
  const Evaluator& evaluate_;
  SharedOutcomes& shared_;
  SearchMonitor& monitor_;
  Random random_;
  std::int64_t quota_;
  UnitResult result_;
  std::unordered_map<std::uint64_t, bool> seen_;  // visited loop nests: were they valid?
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

// Runs body(t) for t = 0..threads-1 on their own threads (inline for one); rethrows the first
// failure.
void run_parallel(int threads, SearchMonitor& monitor, const std::function<void(int)>& body) {
  if (threads == 1) return body(0);
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

// Model outcomes of candidates[begin, end), evaluated over the threads (one evaluator each)
// unless a unit met them.
std::vector<std::optional<Evaluation>> evaluate_range(const std::vector<MapPoint>& candidates, std::size_t begin,
                                                      std::size_t end, std::vector<Evaluator>& evaluators,
                                                      SharedOutcomes& shared, SearchMonitor& monitor) {
  std::vector<std::optional<Evaluation>> outcomes(end - begin);
  const int threads = static_cast<int>(std::min(evaluators.size(), end - begin));
  run_parallel(threads, monitor, [&](int t) {
    for (std::size_t i = begin + t; i < end && !monitor.stop; i += threads) {
      outcomes[i - begin] = shared.evaluate(candidates[i], candidates[i].key(), evaluators[t]);
      monitor.evaluated.fetch_add(1, std::memory_order_relaxed);
      if (outcomes[i - begin]->valid) monitor.valid.fetch_add(1, std::memory_order_relaxed);
    }
  });
  return outcomes;
}

// The best-point neighbours not polished before that pass the precheck, in neighbour order.
std::vector<MapPoint> fresh_neighbours(const Mapspace& mapspace, const MapPoint& best,
                                       std::unordered_set<std::uint64_t>& seen, SearchResult& result,
                                       SearchMonitor& monitor) {
  std::vector<MapPoint> candidates;
  for (MapPoint& neighbour : mapspace.neighbours(best)) {
    if (!seen.insert(digest(neighbour.key())).second) continue;
    ++result.visited;
    monitor.visited.fetch_add(1, std::memory_order_relaxed);
    if (mapspace.precheck(neighbour).empty()) candidates.push_back(std::move(neighbour));
  }
  return candidates;
}

// Steepest descent from the best point over its whole neighbourhood (ties to the earliest
// neighbour). With a search_size, only the valid evaluations the search left unused are spent
// here: the neighbours go in chunks no larger than that remainder, so the same ones count
// whatever the thread count.
void polish(const Mapspace& mapspace, std::int64_t search_size, std::vector<Evaluator>& evaluators,
            SharedOutcomes& shared, SearchMonitor& monitor, SearchResult& result) {
  std::unordered_set<std::uint64_t> seen;
  for (int sweep = 0; sweep < kPolishSweeps && result.best && !monitor.stop; ++sweep) {
    if (search_size > 0 && result.valid >= search_size) break;
    const std::vector<MapPoint> candidates = fresh_neighbours(mapspace, *result.best, seen, result, monitor);
    std::optional<std::size_t> winner;
    std::vector<double> winner_metrics;
    for (std::size_t begin = 0; begin < candidates.size() && !monitor.stop;) {
      const std::int64_t budget = search_size > 0 ? search_size - result.valid : -1;
      if (budget == 0) break;
      const std::size_t end = budget < 0 ? candidates.size()
                                         : std::min(candidates.size(), begin + static_cast<std::size_t>(budget));
      std::vector<std::optional<Evaluation>> outcomes = evaluate_range(candidates, begin, end, evaluators, shared, monitor);
      for (std::size_t i = begin; i < end; ++i) {
        std::optional<Evaluation>& outcome = outcomes[i - begin];
        if (!outcome) continue;  // stopped
        ++result.evaluated;
        if (!outcome->valid) continue;
        ++result.valid;
        if (!winner || better(outcome->metrics, winner_metrics)) {
          winner = i;
          winner_metrics = std::move(outcome->metrics);
        }
      }
      begin = end;
    }
    if (!winner || !better(winner_metrics, result.best_metrics)) break;
    result.best = candidates[*winner];
    result.best_metrics = winner_metrics;
    monitor.offer_best(result.best_metrics);
  }
}

// Unit `unit`'s share of a total split evenly over `units` (the first ones get the rest).
std::int64_t unit_share(std::int64_t total, int unit, int units) {
  return total / units + (unit < total % units ? 1 : 0);
}

std::uint64_t unit_seed(std::uint64_t seed, int unit) {
  return Random(seed * 0x2545f4914f6cdd1dULL + static_cast<std::uint64_t>(unit)).next();
}

// Adds the units' counts and keeps the best point, in unit order (ties to the lowest unit).
SearchResult combined(std::vector<UnitResult>& results) {
  SearchResult total;
  for (UnitResult& result : results) {
    total.visited += result.visited;
    total.evaluated += result.evaluated;
    total.valid += result.valid;
    if (total.first_failure.empty()) total.first_failure = result.failure;
    if (result.best && (!total.best || better(result.best_metrics, total.best_metrics))) {
      total.best = std::move(result.best);
      total.best_metrics = std::move(result.best_metrics);
    }
  }
  return total;
}

}  // namespace

SearchResult search(const Mapspace& mapspace, const MapperSettings& settings,
                    const EvaluatorFactory& make_evaluator, SearchMonitor& monitor) {
  const int threads = std::max(1, settings.num_threads);
  std::vector<Evaluator> evaluators;
  for (int t = 0; t < threads; ++t) evaluators.push_back(make_evaluator());
  const int units = std::max(1, settings.search_units);
  std::vector<UnitResult> results(units);
  std::atomic<int> next_unit{0};
  SharedOutcomes shared;
  // Threads take the units in order as they become free; a unit's outcome does not depend on
  // the thread that runs it.
  run_parallel(std::min(threads, units), monitor, [&](int t) {
    for (int unit = next_unit++; unit < units && !monitor.stop; unit = next_unit++) {
      const std::int64_t quota = settings.search_size > 0 ? unit_share(settings.search_size, unit, units) : 0;
      if (settings.search_size > 0 && quota == 0) continue;
      results[unit] = Worker(mapspace, settings, evaluators[t], shared, monitor, unit_seed(settings.seed, unit), quota).run();
    }
  });
  SearchResult result = combined(results);
  polish(mapspace, settings.search_size, evaluators, shared, monitor, result);
  result.stopped_early = monitor.stop.load();
  return result;
}

}  // namespace cimloop::mapper
