#pragma once
// From the nest analysis to per-level access counts: partition sizes, the share of parent
// traffic each child receives, bypass re-routing, and the read/fill/update split including
// first-read elision of partial sums.
#include <cstdint>
#include <vector>

#include "src/mapping/mapping.hpp"
#include "src/nest/nest_analysis.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::model {

struct TrafficCounts {
  std::int64_t size = 0;       // utilized capacity (0 when bypassed)
  std::int64_t partition = 0;  // distinct elements one instance is responsible for
  double content = 0;          // accesses requested by the children
  double weighted = 0;         // the same summed over the children each access reaches
  double parent_share = 0;     // elements delivered from the parent to one instance
  double links = 0;            // link transfers among this level's children (per instance)
  double peer = 0;             // elements one instance exchanges with neighbours over links
  std::int64_t reads = 0, fills = 0, updates = 0, temporal_reductions = 0, address_generations = 0;
  std::int64_t fanout = 0;  // children of the level's innermost record (0 once cleared)
};

// Fills `counts` ([level * data spaces + t]), and `histograms` (same layout; the children's
// requests by multicast class, re-routed like the accesses) unless null or the nest analysis
// made none. Returns the index of a data space that no level keeps, or -1.
int compute_traffic_counts(const nest::NestResult& nest, const mapping::Mapping& mapping,
                           const workload::Workload& workload, bool first_read_elision,
                           std::vector<TrafficCounts>& counts, std::vector<nest::MulticastHistogram>* histograms = nullptr);

}  // namespace cimloop::model
