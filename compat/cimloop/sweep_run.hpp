#pragma once
// Running a sweep's work units: those not in the cache are searched on a pool of threads (one
// search thread each, so every unit's result is the same whatever the pool's size), each
// stored in the cache as it finishes. A progress bar on a terminal; Ctrl-C stops taking new
// units and keeps the finished ones (a second Ctrl-C ends the program at once).
#include <cstddef>
#include <vector>

#include "compat/cimloop/sweep_cache.hpp"
#include "compat/cimloop/sweep_file.hpp"
#include "compat/cimloop/sweep_measure.hpp"

namespace cimloop::compat::cimloop {

struct RunSummary {
  std::size_t cached = 0, computed = 0, failed = 0, left = 0;
  bool interrupted = false;
  double seconds = 0;
};

RunSummary run_units(const SweepPlan& plan, const SweepCache& cache, const std::vector<std::size_t>& units, int threads,
                     bool progress);

// Every unit's measure from the cache; throws InputError naming how many units are missing.
std::vector<UnitMeasure> cached_measures(const SweepPlan& plan, const SweepCache& cache);

// Units k, k + count, k + 2 count, ... of the plan (task k of `count`).
std::vector<std::size_t> task_units(const SweepPlan& plan, std::size_t task, std::size_t count);

}  // namespace cimloop::compat::cimloop
