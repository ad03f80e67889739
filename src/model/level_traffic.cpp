#include "src/model/level_traffic.hpp"

#include <cmath>

namespace cimloop::model {
namespace {

std::int64_t rounded(double value) { return std::max<std::int64_t>(0, std::llround(value)); }

void initial_counts(const nest::NestResult& nest, int levels, int spaces, std::vector<TrafficCounts>& counts,
                    std::vector<nest::MulticastHistogram>* histograms) {
  for (int i = 0; i < levels; ++i) {
    for (int t = 0; t < spaces; ++t) {
      TrafficCounts& c = counts[i * spaces + t];
      c = TrafficCounts{};
      c.size = nest.levels[i].data_spaces[t].tile_size;
      c.content = nest.levels[i].data_spaces[t].content_accesses;
      c.weighted = nest.levels[i].data_spaces[t].weighted_accesses;
      c.links = nest.levels[i].data_spaces[t].link_transfers;
      c.fanout = nest.levels[i].fanout;
      if (histograms) (*histograms)[i * spaces + t] = nest.histograms[i * workload::kMaxDataSpaces + t];
      if (i + 1 < levels) {
        const nest::LevelTraffic& parent = nest.levels[i + 1];
        c.parent_share = parent.data_spaces[t].weighted_accesses / static_cast<double>(parent.fanout);
      }
    }
  }
  for (int t = 0; t < spaces; ++t) {
    counts[(levels - 1) * spaces + t].partition = counts[(levels - 1) * spaces + t].size;
    for (int i = levels - 2; i >= 0; --i) {
      const nest::LevelTraffic& parent = nest.levels[i + 1];
      const std::int64_t denominator =
          parent.innermost_is_spatial ? parent.data_spaces[t].innermost_size : counts[i * spaces + t].size;
      counts[i * spaces + t].partition =
          denominator == 0 ? 0 : counts[(i + 1) * spaces + t].partition * counts[i * spaces + t].size / denominator;
    }
  }
}

// A level that keeps t and coalesces it; only such a level can back t for the levels below.
bool holds(const mapping::Mapping& mapping, int level, int t) {
  return (mapping.keep[level] >> t & 1u) && !(mapping.no_coalesce[level] >> t & 1u);
}

// Innermost first, a level that does not keep t hands its children's traffic to the next outer
// level with a tile of t, and forgets t. A level that keeps t without coalescing it (CiMLoop's
// pass-through components: ADCs, drivers, analog adders) merges nothing: it hands every access
// it receives on in the same way, but keeps its tile and fills. Above the outermost level
// holding t nothing is stored: those levels (pass-through ones included) are cleared.
void apply_bypass(const nest::NestResult& nest, const mapping::Mapping& mapping, int levels, int spaces, int t,
                  std::vector<TrafficCounts>& counts, std::vector<nest::MulticastHistogram>* histograms) {
  auto at = [&](int i) -> TrafficCounts& { return counts[i * spaces + t]; };
  for (int i = 0; i < levels; ++i) {
    const bool kept = mapping.keep[i] >> t & 1u;
    const bool pass_through = kept && (mapping.no_coalesce[i] >> t & 1u);
    if ((kept && !pass_through) || at(i).size == 0) continue;
    if (pass_through && !(at(i).parent_share > 0)) continue;
    int outer = i + 1;
    while (outer < levels && at(outer).size == 0) ++outer;
    if (outer < levels) {
      const double denominator = at(outer).weighted;
      const double scale =
          denominator == 0 ? 0 : at(i).content * static_cast<double>(nest.levels[outer].fanout) / denominator;
      at(outer).weighted *= scale;
      at(outer).content *= scale;
      if (histograms) nest::scale((*histograms)[outer * spaces + t], scale);
      at(outer).links = 0;
    }
    if (pass_through) continue;
    at(i).size = at(i).partition = 0;
    at(i).content = at(i).parent_share = at(i).links = 0;
  }
  for (int i = levels - 1; i >= 0; --i) {
    if (holds(mapping, i, t)) {
      at(i).parent_share = 0;
      break;
    }
    at(i) = TrafficCounts{};
    if (histograms) (*histograms)[i * spaces + t].clear();
  }
}

void split_accesses(TrafficCounts& c, bool read_write, bool backing_store, bool elide_first_read, bool no_coalesce) {
  if (c.size == 0) {  // bypassed: no accesses, but its network still carries its children's traffic
    const std::int64_t fanout = c.fanout;
    c = TrafficCounts{};
    c.fanout = fanout;
    return;
  }
  if (!read_write) {
    c.reads = rounded(c.content + c.peer);
    c.fills = static_cast<std::int64_t>(c.parent_share + c.peer);
    c.updates = c.temporal_reductions = 0;
    c.address_generations = c.reads + c.fills;
    return;
  }
  c.updates = rounded(c.content);
  const double partition = static_cast<double>(c.partition);
  if (no_coalesce) {
    c.reads = c.temporal_reductions = c.fills = rounded(c.content + c.peer);
  } else if (!elide_first_read) {
    c.reads = c.temporal_reductions = rounded(c.content + c.peer);
    c.fills = rounded(c.parent_share + c.peer);
  } else {
    c.reads = c.temporal_reductions = rounded(c.content + c.peer - partition);
    c.fills = backing_store ? rounded(c.parent_share + c.peer) : rounded(c.parent_share + c.peer - partition);
  }
  c.address_generations = c.updates + c.fills;
}

}  // namespace

int compute_traffic_counts(const nest::NestResult& nest, const mapping::Mapping& mapping,
                           const workload::Workload& workload, bool first_read_elision,
                           std::vector<TrafficCounts>& counts, std::vector<nest::MulticastHistogram>* histograms) {
  const int levels = static_cast<int>(nest.levels.size());
  const int spaces = workload.num_data_spaces();
  counts.resize(static_cast<std::size_t>(levels) * spaces);
  if (nest.histograms.empty()) histograms = nullptr;
  if (histograms) histograms->resize(static_cast<std::size_t>(levels) * spaces);
  initial_counts(nest, levels, spaces, counts, histograms);
  int unkept = -1;
  for (int t = 0; t < spaces; ++t) {
    apply_bypass(nest, mapping, levels, spaces, t, counts, histograms);
    for (int i = 1; i < levels; ++i) {
      const double links = counts[i * spaces + t].links;
      if (links != 0) counts[(i - 1) * spaces + t].peer += links / static_cast<double>(nest.levels[i - 1].replication);
    }
    int backing = levels - 1;
    while (backing >= 0 && !holds(mapping, backing, t)) --backing;
    bool kept = false;
    for (int i = 0; i < levels; ++i) kept = kept || (mapping.keep[i] >> t & 1u);
    if (!kept && unkept < 0) unkept = t;
    const bool read_write = workload.data_spaces[t].read_write;
    for (int i = 0; i < levels; ++i) {
      const bool elide = first_read_elision && !(mapping.rmw_first_update[i] >> t & 1u);
      split_accesses(counts[i * spaces + t], read_write, i == backing, elide, mapping.no_coalesce[i] >> t & 1u);
    }
  }
  return unkept;
}

}  // namespace cimloop::model
