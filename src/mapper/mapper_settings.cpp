#include "src/mapper/mapper_settings.hpp"

namespace cimloop::mapper {

std::string metric_name(Metric metric) {
  switch (metric) {
    case Metric::Energy: return "energy";
    case Metric::Delay: return "delay";
    case Metric::Edp: return "edp";
    case Metric::LastLevelAccesses: return "last_level_accesses";
  }
  return "";
}

std::string algorithm_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::Random: return "random";
    case Algorithm::RandomPruned: return "random_pruned";
    case Algorithm::LinearPruned: return "linear_pruned";
    case Algorithm::Exhaustive: return "exhaustive";
    case Algorithm::Hybrid: return "hybrid";
  }
  return "";
}

}  // namespace cimloop::mapper
