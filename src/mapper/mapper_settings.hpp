#pragma once
// The mapper's settings: search algorithm, stopping rules, threads and the metrics to optimise
// (read from a Timeloop `mapper` section by compat/timeloop/mapper_settings_reader).
#include <cstdint>
#include <string>
#include <vector>

namespace cimloop::mapper {

enum class Algorithm { Random, RandomPruned, LinearPruned, Exhaustive, Hybrid };

enum class Metric { Energy, Delay, Edp, LastLevelAccesses };

struct MapperSettings {
  Algorithm algorithm = Algorithm::Hybrid;
  // The search runs this many independent units, each one of Timeloop's search threads (its
  // own seed and stopping rules); num_threads only sets how many run at once, so the result
  // depends on search_units but not on the thread count or the machine.
  int search_units = 8;
  // Stopping rules, all counted per search unit so that a run is deterministic; 0 = disabled.
  std::int64_t search_size = 0;        // valid mappings to evaluate (split across the units)
  std::int64_t timeout = 1000;         // consecutive invalid mappings before a unit gives up
  std::int64_t victory_condition = 500;  // consecutive valid mappings without improvement
  int num_threads = 0;                 // units run at once (no effect on the result); 0 = all cores
  std::vector<Metric> metrics{Metric::Edp};  // compared lexicographically
  std::string out_prefix = "timeloop-mapper";
  int max_temporal_loops = -1;         // max non-trivial temporal loops in a mapping; -1 = any
  std::uint64_t seed = 0;
};

std::string metric_name(Metric metric);
std::string algorithm_name(Algorithm algorithm);

}  // namespace cimloop::mapper
