#include "compat/cimloop/sweep_run.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "src/common/error.hpp"
#include "src/mapper/progress.hpp"

namespace cimloop::compat::cimloop {
namespace {

using Clock = std::chrono::steady_clock;

struct Counters {
  std::atomic<std::size_t> next{0}, cached{0}, computed{0}, failed{0};
};

std::string progress_text(std::size_t done, std::size_t total, std::size_t cached, double seconds) {
  constexpr int kWidth = 30;
  const int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  const double rate = seconds > 0 ? static_cast<double>(done - cached) / seconds : 0;
  char text[160];
  std::snprintf(text, sizeof text, "[%s%s] %zu/%zu units (%zu cached) | %.1f/s", std::string(filled, '#').c_str(),
                std::string(kWidth - filled, ' ').c_str(), done, total, cached, rate);
  std::string line = text;
  if (rate > 0 && done < total) {
    const long eta = static_cast<long>(static_cast<double>(total - done) / rate + 0.5);
    std::snprintf(text, sizeof text, " | ETA %ld:%02ld", eta / 60, eta % 60);
    line += text;
  }
  return line;
}

UnitMeasure run_unit(const SweepPlan& plan, std::size_t unit) {
  try {
    return measure_unit(run_macro(plan.unit_spec(unit)), plan.categories);
  } catch (const std::exception& e) {
    return failed_unit(e.what());
  }
}

}  // namespace

RunSummary run_units(const SweepPlan& plan, const SweepCache& cache, const std::vector<std::size_t>& units, int threads,
                     bool progress) {
  Counters counters;
  mapper::SearchMonitor interrupt;  // only its stop flag: set by the first Ctrl-C
  const mapper::InterruptGuard guard(interrupt);
  const Clock::time_point start = Clock::now();
  auto work = [&] {
    for (std::size_t i = counters.next++; i < units.size() && !interrupt.stop; i = counters.next++) {
      if (cache.load(units[i])) {
        ++counters.cached;
        continue;
      }
      const UnitMeasure measure = run_unit(plan, units[i]);
      cache.store(units[i], measure_to_json(measure));
      ++(measure.error.empty() ? counters.computed : counters.failed);
    }
  };
  {
    const mapper::ProgressLine bar(
        [&](double seconds) {
          const std::size_t cached = counters.cached;
          return progress_text(cached + counters.computed + counters.failed, units.size(), cached, seconds);
        },
        progress);
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& thread : pool) thread.join();
  }
  RunSummary summary;
  summary.cached = counters.cached;
  summary.computed = counters.computed;
  summary.failed = counters.failed;
  summary.left = units.size() - summary.cached - summary.computed - summary.failed;
  summary.interrupted = interrupt.stop;
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

std::vector<UnitMeasure> cached_measures(const SweepPlan& plan, const SweepCache& cache) {
  std::vector<UnitMeasure> measures;
  std::size_t missing = 0;
  for (std::size_t unit = 0; unit < plan.unit_count(); ++unit) {
    const std::optional<std::string> text = cache.load(unit);
    if (!text) {
      ++missing;
      continue;
    }
    measures.push_back(measure_from_json(*text, cache.path(unit)));
  }
  if (missing)
    throw InputError(plan.path + ": " + std::to_string(missing) + " of " + std::to_string(plan.unit_count()) +
                     " units are not in the cache yet (run them first)");
  return measures;
}

std::vector<std::size_t> task_units(const SweepPlan& plan, std::size_t task, std::size_t count) {
  std::vector<std::size_t> units;
  for (std::size_t unit = task; unit < plan.unit_count(); unit += count) units.push_back(unit);
  return units;
}

}  // namespace cimloop::compat::cimloop
