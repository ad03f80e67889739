#include "compat/cimloop/pim_analysis.hpp"

#include <algorithm>
#include <cctype>

namespace cimloop::compat::cimloop {
namespace {

constexpr double kJoulesPerPicojoule = 1e-12;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool converter_name(const std::string& name) {
  const std::string text = lower(name);
  return text.find("adc") != std::string::npos || text.find("dac") != std::string::npos;
}

ComponentTraffic level_traffic(const arch::BufferSpec& spec, const model::BufferStats& stats,
                               const workload::Workload& workload) {
  ComponentTraffic out{spec.name};
  double moved = 0;
  for (int d = 0; d < workload.num_data_spaces(); ++d) {
    const model::DataSpaceStats& space = stats.data_spaces[static_cast<size_t>(d)];
    const double energy =
        (space.energy + space.temporal_reduction_energy + space.address_generation_energy) * kJoulesPerPicojoule;
    (workload.data_spaces[static_cast<size_t>(d)].name == "Weights" ? out.weights : out.activations) += energy;
    moved += energy;
  }
  out.other = std::max(0.0, stats.energy * kJoulesPerPicojoule - moved);
  return out;
}

// Fills the array utilization and weight writes from the innermost level keeping Weights.
void add_weight_level(const arch::ArchSpec& arch, const workload::Workload& workload, const model::EvalResult& result,
                      PimFigures& figures) {
  const int weights = workload.data_space_index("Weights");
  if (weights < 0) return;
  for (size_t i = 0; i < arch.storage.size(); ++i) {
    const model::DataSpaceStats& space = result.storage[i].data_spaces[static_cast<size_t>(weights)];
    if (!space.kept) continue;
    figures.weight_level = arch.storage[i].name;
    const double instances = static_cast<double>(space.utilized_instances);
    const double fills = static_cast<double>(space.fills) * instances;
    figures.weight_writes = fills > 0 ? fills : static_cast<double>(space.utilized_capacity) * instances;
    figures.array_utilization = instances / static_cast<double>(arch.storage[i].instances);
    for (size_t outer = i + 1; outer < arch.storage.size(); ++outer) {
      if (arch.storage[outer].instances >= arch.storage[i].instances) continue;
      const double per_outer =
          static_cast<double>(arch.storage[i].instances) / static_cast<double>(arch.storage[outer].instances);
      double used_outer = 0;
      for (const model::DataSpaceStats& s : result.storage[outer].data_spaces)
        used_outer = std::max(used_outer, static_cast<double>(s.utilized_instances));
      if (used_outer > 0) figures.array_utilization = instances / (per_outer * used_outer);
      break;
    }
    return;
  }
}

}  // namespace

PimFigures pim_figures(const arch::ArchSpec& arch, const workload::Workload& workload, const model::EvalResult& result) {
  PimFigures figures;
  figures.components.push_back({arch.arithmetic.name, 0, 0, result.arithmetic.energy * kJoulesPerPicojoule});
  for (size_t i = 0; i < arch.storage.size(); ++i)
    figures.components.push_back(level_traffic(arch.storage[i], result.storage[i], workload));
  add_weight_level(arch, workload, result, figures);
  return figures;
}

PimShares pim_shares(const PimFigures& figures, const PimCategories& categories) {
  PimShares shares;
  for (const ComponentTraffic& component : figures.components) {
    const bool arithmetic = &component == &figures.components.front();
    const bool conversion = categories.conversion_given ? listed(categories.conversion, component.name)
                                                        : converter_name(component.name);
    const bool array = categories.array_given ? listed(categories.array, component.name)
                                              : arithmetic || component.name == figures.weight_level;
    if (conversion) shares.conversion += component.total();
    else if (array) shares.array += component.total();
    else {
      shares.weights += component.weights;
      shares.activations += component.activations;
      shares.other += component.other;
    }
  }
  return shares;
}

}  // namespace cimloop::compat::cimloop
