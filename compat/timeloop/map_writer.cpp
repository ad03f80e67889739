#include "compat/timeloop/map_writer.hpp"

#include <algorithm>
#include <sstream>

#include "compat/timeloop/stats_writer.hpp"

namespace cimloop::compat {
namespace {

std::string level_header(const arch::ArchSpec& arch, const workload::Workload& workload,
                         const mapping::Mapping& mapping, const model::EvalResult& result, int level,
                         const std::vector<std::int64_t>* tile_shapes) {
  std::string header = arch.storage[level].name + " [ ";
  for (int t = 0; t < workload.num_data_spaces(); ++t) {
    if (!(mapping.keep[level] >> t & 1u)) continue;
    const std::string used = std::to_string(result.storage[level].data_spaces[t].utilized_capacity);
    const std::string shape =
        tile_shapes ? std::to_string((*tile_shapes)[level * workload.num_data_spaces() + t]) : used;
    header += workload.data_spaces[t].name + ":" + shape + " (" + used + ") ";
  }
  return header + "] ";
}

// One block of the Tenssella printout: bounds and loop order of one storage level.
struct TenssellaBlock {
  std::vector<std::int64_t> temporal, spatial;
  std::string temporal_order, spatial_order;
  int split;
  bool has_spatial = false;

  explicit TenssellaBlock(int dims) : temporal(dims, 1), spatial(dims, 1), split(dims) {}

  void add(const mapping::Loop& loop, const workload::Workload& workload) {
    const std::string& name = workload.dimension_names[loop.dimension];
    if (loop.spatial()) {
      spatial[loop.dimension] = loop.factor;
      spatial_order += name;
      has_spatial = true;
      if (loop.kind == mapping::LoopKind::SpatialY) --split;
    } else {
      temporal[loop.dimension] = loop.factor;
      temporal_order += name;
    }
  }

  void dump(std::ostream& out, int label, const workload::Workload& workload) const {
    auto bounds = [&](const std::vector<std::int64_t>& factors) {
      for (int d = 0; d < workload.num_dimensions(); ++d) out << workload.dimension_names[d] << ' ' << factors[d] << ' ';
      out << '\n';
    };
    out << 't' << label << '\n';
    bounds(temporal);
    out << std::string(temporal_order.rbegin(), temporal_order.rend()) << '\n';
    if (!has_spatial) return;
    out << 's' << label << '\n';
    bounds(spatial);
    out << std::string(spatial_order.rbegin(), spatial_order.rend()) << '\n' << split << '\n';
  }
};

}  // namespace

std::string format_map(const arch::ArchSpec& arch, const workload::Workload& workload,
                       const mapping::Mapping& mapping, const model::EvalResult& result,
                       const std::vector<std::int64_t>* tile_shapes) {
  std::ostringstream out;
  std::string dashes;
  bool loop_since_header = false;
  int printed = 0;
  for (int level = arch.num_storage_levels() - 1; level >= 0; --level) {
    if (loop_since_header) out << '\n';
    const std::string header = level_header(arch, workload, mapping, result, level, tile_shapes);
    out << header << '\n';
    dashes = std::string(header.size() - 1, '-');
    loop_since_header = false;
    const int first = level == 0 ? 0 : mapping.boundaries[level - 1] + 1;
    for (int l = mapping.boundaries[level]; l >= first; --l) {
      if (mapping.loops[l].factor == 1) continue;
      if (!loop_since_header) out << dashes << '\n';
      loop_since_header = true;
      out << '|' << std::string(1 + 2 * printed, ' ') << format_loop(workload, mapping.loops[l]) << '\n';
      ++printed;
    }
  }
  if (!loop_since_header) out << dashes << '\n';
  out << '|' << std::string(1 + 2 * printed, ' ') << "<< Compute >>\n";
  return out.str();
}

std::string format_tenssella(const arch::ArchSpec& arch, const workload::Workload& workload,
                             const mapping::Mapping& mapping) {
  std::ostringstream out;
  const int dims = workload.num_dimensions();
  TenssellaBlock block(dims);
  int k = arch.num_storage_levels() - 2;
  for (int l = mapping.num_loops() - 1; l >= 0; --l) {
    if (k >= 0 && l == mapping.boundaries[k]) {
      for (int t = 0; t < workload.num_data_spaces(); ++t)
        if (!(mapping.keep[k] >> t & 1u)) out << "#error Tenssella does not support bypass.\n";
      block.dump(out, k + 1, workload);
      block = TenssellaBlock(dims);
      --k;
    }
    block.add(mapping.loops[l], workload);
  }
  block.dump(out, k + 1, workload);
  return out.str();
}

}  // namespace cimloop::compat
