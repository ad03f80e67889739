#include "compat/timeloop/map_yaml_writer.hpp"

#include <sstream>
#include <vector>

namespace cimloop::compat {
namespace {

std::string names(const char* key, const workload::Workload& workload, mapping::DataSpaceMask keep, bool kept) {
  std::string text = std::string("\n    ") + key + ":";
  bool any = false;
  for (int space = 0; space < workload.num_data_spaces(); ++space) {
    if (((keep >> space) & 1) != static_cast<unsigned>(kept)) continue;
    text += "\n      - " + workload.data_spaces[space].name;
    any = true;
  }
  return any ? text : text + "\n      []";
}

// A reuse directive's data-space list; nothing when no data space is listed, as the
// reference mapper writes none.
std::string flags(const char* key, const workload::Workload& workload, mapping::DataSpaceMask mask) {
  return mask == 0 ? std::string() : names(key, workload, mask, true);
}

// Factors as the reference mapper writes them ("C1 M170"), with the residual of an imperfect
// factor ("Y6,4", Timeloop's mapping syntax) so that the file reads back as the same mapping.
std::string loops(const workload::Workload& workload, const std::vector<std::int64_t>& factors,
                  const std::vector<std::int64_t>& residuals, const std::vector<int>& permutation) {
  std::ostringstream out;
  out << "\n    factors:";
  for (int dim = 0; dim < workload.num_dimensions(); ++dim) {
    out << ' ' << workload.dimension_names[dim] << factors[dim];
    const std::int64_t residual = mapping::residual_of(residuals, factors, dim);
    if (residual != factors[dim]) out << ',' << residual;
  }
  out << "\n    permutation: ";
  for (int dim : permutation) out << workload.dimension_names[dim];
  return out.str();
}

}  // namespace

std::string format_map_yaml(const mapping::MappingSpec& spec, const arch::ArchSpec& arch,
                            const workload::Workload& workload) {
  std::string text = "mapping:";
  for (int level = 0; level < arch.num_storage_levels(); ++level) {
    text += "\n  - target: " + arch.storage[level].name + "\n    type: datatype";
    text += names("keep", workload, spec.levels[level].keep, true);
    text += names("bypass", workload, spec.levels[level].keep, false);
    text += flags("no_coalesce", workload, spec.levels[level].no_coalesce);
  }
  for (int level = 0; level < arch.num_storage_levels(); ++level) {
    const mapping::LevelDirectives& directives = spec.levels[level];
    const mapping::Fanout fanout = mapping::level_fanout(arch, level);
    if (fanout.x * fanout.y > 1) {
      text += "\n  - target: " + arch.storage[level].name + "\n    type: spatial";
      text += loops(workload, directives.spatial_factors, directives.spatial_residuals, directives.spatial_permutation);
      text += "\n    split: " + std::to_string(directives.split);
      text += flags("no_reuse", workload, directives.no_multicast);
      text += flags("no_link_transfer", workload, directives.no_link_transfer);
    }
    text += "\n  - target: " + arch.storage[level].name + "\n    type: temporal";
    text += loops(workload, directives.temporal_factors, directives.temporal_residuals,
                  directives.temporal_permutation);
    text += flags("no_reuse", workload, directives.no_temporal_reuse);
    text += flags("rmw_first_update", workload, directives.rmw_first_update);
  }
  return text;
}

}  // namespace cimloop::compat
