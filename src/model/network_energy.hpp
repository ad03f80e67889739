#pragma once
// Network statistics and energy (timeloop-model spec §2.4, §3.8). Every network carries the
// traffic of one storage level to its inner neighbour: a read-fill network the read-only data
// spaces, an update-drain network the read-write ones, a network in both directions all.
// Legacy networks price wire hops, routers and ingresses; SimpleMulticast networks price each
// ingress by the ERT energy of their transfer action at its multicast factor; ReductionTree
// networks price the spatial reductions of read-write data by their reduce action.
#include <cstdint>
#include <map>

#include "src/architecture/arch_spec.hpp"
#include "src/model/evaluation.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::model {

// True when some network has an energy (so a search has to collect network statistics).
bool prices_networks(const arch::ArchSpec& arch);

// Fills result.networks from the per-level network statistics (BufferStats::network).
void evaluate_networks(const arch::ArchSpec& arch, const workload::Workload& workload, EvalResult& result);

// pJ of one action for `factor` destinations (or operands): the entry for that factor; else an
// entry without the argument, for any factor; else the nearest smaller factor's energy (the
// smallest one's when none is smaller) scaled in proportion to the factor. 0 without entries.
double energy_at_factor(const std::map<std::int64_t, double>& energies, std::int64_t factor);

}  // namespace cimloop::model
