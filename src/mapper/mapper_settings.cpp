#include "src/mapper/mapper_settings.hpp"

#include <algorithm>
#include <thread>

#include <yaml-cpp/yaml.h>

#include "compat/config/input_files.hpp"
#include "src/mapper/yaml_child.hpp"

namespace cimloop::mapper {
namespace {

// The node under `key` or its legacy hyphenated spelling; undefined/null when absent.
YAML::Node lookup(const YAML::Node& mapper, const std::string& key) {
  if (YAML::Node node = child(mapper, key); present(node)) return node;
  std::string hyphenated = key;
  std::replace(hyphenated.begin(), hyphenated.end(), '_', '-');
  return child(mapper, hyphenated);
}

std::int64_t read_integer(const YAML::Node& node, const std::string& key,
                          const compat::SourceMap& sources) {
  try {
    return node.as<std::int64_t>();
  } catch (const YAML::Exception&) {
    // libconfig inputs may carry integral values as "12.0".
    try {
      double value = node.as<double>();
      if (value == static_cast<double>(static_cast<std::int64_t>(value)))
        return static_cast<std::int64_t>(value);
    } catch (const YAML::Exception&) {
    }
    compat::fail_at(sources, node, key, "expected an integer, got '" + YAML::Dump(node) + "'");
  }
}

std::string normalised(std::string text) {
  std::replace(text.begin(), text.end(), '-', '_');
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return text;
}

Algorithm parse_algorithm(const YAML::Node& node, const compat::SourceMap& sources) {
  std::string name = normalised(node.as<std::string>());
  if (name == "random") return Algorithm::Random;
  if (name == "random_pruned") return Algorithm::RandomPruned;
  if (name == "linear_pruned" || name == "linear") return Algorithm::LinearPruned;
  if (name == "exhaustive") return Algorithm::Exhaustive;
  if (name == "hybrid") return Algorithm::Hybrid;
  compat::fail_at(sources, node, "algorithm",
                  "unknown algorithm '" + node.as<std::string>() +
                      "' (expected random, random_pruned, linear_pruned, exhaustive or hybrid)");
}

Metric parse_metric(const YAML::Node& node, const compat::SourceMap& sources) {
  std::string name = normalised(node.as<std::string>());
  if (name == "energy") return Metric::Energy;
  if (name == "delay" || name == "cycles") return Metric::Delay;
  if (name == "edp") return Metric::Edp;
  if (name == "last_level_accesses") return Metric::LastLevelAccesses;
  compat::fail_at(sources, node, "optimization_metrics",
                  "unknown metric '" + node.as<std::string>() +
                      "' (expected energy, delay, edp or last_level_accesses)");
}

// `optimization_metrics` (current) wins over `optimization_metric` (legacy) when non-empty.
std::vector<Metric> parse_metrics(const YAML::Node& mapper, const compat::SourceMap& sources) {
  for (const char* key : {"optimization_metrics", "optimization_metric"}) {
    YAML::Node list = lookup(mapper, key);
    if (!present(list)) continue;
    std::vector<Metric> metrics;
    if (list.IsScalar()) {
      metrics.push_back(parse_metric(list, sources));
    } else if (list.IsSequence()) {
      for (const YAML::Node& entry : list) metrics.push_back(parse_metric(entry, sources));
    } else {
      compat::fail_at(sources, list, key, "expected a list of metric names");
    }
    if (!metrics.empty()) return metrics;
  }
  return {Metric::Edp};
}

}  // namespace

MapperSettings parse_mapper_settings(const YAML::Node& mapper, const compat::SourceMap& sources) {
  MapperSettings settings;
  if (!mapper.IsDefined() || mapper.IsNull()) return settings;
  if (!mapper.IsMap()) compat::fail_at(sources, mapper, "mapper", "expected a map of settings");
  if (YAML::Node node = lookup(mapper, "algorithm"); present(node)) settings.algorithm = parse_algorithm(node, sources);
  auto read_count = [&](const char* key, std::int64_t& target) {
    if (YAML::Node node = lookup(mapper, key); present(node)) {
      target = read_integer(node, key, sources);
      if (target < 0) compat::fail_at(sources, node, key, "must not be negative");
    }
  };
  read_count("search_size", settings.search_size);
  read_count("timeout", settings.timeout);
  read_count("victory_condition", settings.victory_condition);
  std::int64_t threads = 0;
  read_count("num_threads", threads);
  settings.num_threads = static_cast<int>(threads);
  if (settings.num_threads == 0)
    settings.num_threads = std::max(1u, std::thread::hardware_concurrency());
  if (YAML::Node node = lookup(mapper, "max_temporal_loops_in_a_mapping"); present(node))
    settings.max_temporal_loops = static_cast<int>(read_integer(node, "max_temporal_loops_in_a_mapping", sources));
  if (YAML::Node node = lookup(mapper, "seed"); present(node))
    settings.seed = static_cast<std::uint64_t>(read_integer(node, "seed", sources));
  if (YAML::Node node = lookup(mapper, "out_prefix"); present(node)) settings.out_prefix = node.as<std::string>();
  settings.metrics = parse_metrics(mapper, sources);
  return settings;
}

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
