#include "compat/timeloop/mapper_settings_reader.hpp"

#include <algorithm>
#include <cctype>
#include <thread>

#include "compat/timeloop/yaml_values.hpp"

namespace cimloop::compat {
namespace {

using mapper::Algorithm;
using mapper::MapperSettings;
using mapper::Metric;

// More units than this would only be a typing error (each unit is a whole search).
constexpr std::int64_t kMaxSearchUnits = 4096;

std::string normalised(std::string text) {
  std::replace(text.begin(), text.end(), '-', '_');
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

Algorithm parse_algorithm(const YAML::Node& node, const SourceMap& sources) {
  const std::string name = normalised(node.Scalar());
  if (name == "random") return Algorithm::Random;
  if (name == "random_pruned") return Algorithm::RandomPruned;
  if (name == "linear_pruned" || name == "linear") return Algorithm::LinearPruned;
  if (name == "exhaustive") return Algorithm::Exhaustive;
  if (name == "hybrid") return Algorithm::Hybrid;
  fail_at(sources, node, "algorithm",
                  "unknown algorithm '" + node.Scalar() +
                      "' (expected random, random_pruned, linear_pruned, exhaustive or hybrid)");
}

Metric parse_metric(const YAML::Node& node, const SourceMap& sources) {
  const std::string name = node.IsScalar() ? normalised(node.Scalar()) : "";
  if (name == "energy") return Metric::Energy;
  if (name == "delay" || name == "cycles") return Metric::Delay;
  if (name == "edp") return Metric::Edp;
  if (name == "last_level_accesses") return Metric::LastLevelAccesses;
  fail_at(sources, node, "optimization_metrics",
                  "unknown metric '" + YAML::Dump(node) + "' (expected energy, delay, edp or last_level_accesses)");
}

// `optimization_metrics` (current) wins over `optimization_metric` (legacy) when non-empty.
std::vector<Metric> parse_metrics(const YAML::Node& mapper, const ValueReader& reader) {
  for (const char* key : {"optimization_metrics", "optimization_metric"}) {
    std::string hyphenated = key;
    std::replace(hyphenated.begin(), hyphenated.end(), '_', '-');
    const YAML::Node list = reader.find(mapper, {key, hyphenated.c_str()});
    if (!list.IsDefined()) continue;
    std::vector<Metric> metrics;
    if (list.IsSequence()) {
      for (const YAML::Node& entry : list) metrics.push_back(parse_metric(entry, reader.sources()));
    } else {
      metrics.push_back(parse_metric(list, reader.sources()));
    }
    if (!metrics.empty()) return metrics;
  }
  return {Metric::Edp};
}

}  // namespace

MapperSettings parse_mapper_settings(const YAML::Node& mapper, const SourceMap& sources) {
  MapperSettings settings;
  if (!mapper.IsDefined() || mapper.IsNull()) return settings;
  if (!mapper.IsMap()) fail_at(sources, mapper, "mapper", "expected a map of settings");
  const ValueReader reader(sources);
  // Underscored and legacy hyphenated spellings of every key.
  auto integer = [&](const char* key) {
    std::string hyphenated = key;
    std::replace(hyphenated.begin(), hyphenated.end(), '_', '-');
    return reader.integer(mapper, {key, hyphenated.c_str()});
  };
  auto count = [&](const char* key, std::int64_t& target) {
    if (std::optional<std::int64_t> value = integer(key)) {
      if (*value < 0) fail_at(sources, child(mapper, key), key, "must not be negative");
      target = *value;
    }
  };
  if (YAML::Node node = reader.find(mapper, {"algorithm"}); node.IsDefined())
    settings.algorithm = parse_algorithm(node, sources);
  count("search_size", settings.search_size);
  count("timeout", settings.timeout);
  count("victory_condition", settings.victory_condition);
  // One search thread per core unless fewer are asked for: more threads than cores would only
  // share the cores (and take memory), so a larger count is capped without a warning.
  const std::int64_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::optional<std::int64_t> threads = reader.integer_at_least(mapper, {"num_threads", "num-threads"}, 1);
  settings.num_threads = static_cast<int>(std::min(threads.value_or(cores), cores));
  std::int64_t units = settings.search_units;
  count("search_units", units);
  if (units < 1 || units > kMaxSearchUnits)
    fail_at(sources, child(mapper, "search_units"), "search_units",
            "must be between 1 and " + std::to_string(kMaxSearchUnits));
  settings.search_units = static_cast<int>(units);
  settings.max_temporal_loops = static_cast<int>(integer("max_temporal_loops_in_a_mapping").value_or(-1));
  settings.seed = static_cast<std::uint64_t>(integer("seed").value_or(0));
  settings.out_prefix = reader.text(mapper, {"out_prefix", "out-prefix"}).value_or(settings.out_prefix);
  settings.metrics = parse_metrics(mapper, reader);
  return settings;
}

}  // namespace cimloop::compat
