#pragma once
// Timeloop's validity checks of a mapping on an architecture (bypass, instance and mesh
// limits, buffer capacity, minimum utilization). They depend on the loop nest only, so they
// run before (and cost far less than) the simulation; a mapper can use them as a filter.
#include <string>

#include "src/architecture/arch_spec.hpp"
#include "src/mapping/mapping.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::model {

struct MappingCheck {
  bool valid = true;
  std::string level;   // first failing level (arithmetic first, then storage inner to outer)
  std::string reason;  // Timeloop's wording, e.g. "mapped tile size 448 exceeds buffer capacity 16"
};

// With `check_buffers` false only the bypass and arithmetic checks run (sparse tiles are
// checked once their compressed sizes are known).
MappingCheck check_mapping(const arch::ArchSpec& arch, const workload::Workload& workload,
                           const mapping::Mapping& mapping, bool check_buffers = true);

// The storage-level checks one at a time, in Timeloop's words ("" when satisfied).
struct Expansion {
  std::int64_t instances = 1, x = 1, y = 1;
};
std::string capacity_failure(const arch::BufferSpec& spec, std::int64_t tile);
std::string min_utilization_failure(const arch::BufferSpec& spec, std::int64_t tile);
std::string expansion_failure(const arch::BufferSpec& spec, const Expansion& used);

// Timeloop's `model.auto_bypass_on_failure`: every level whose kept tiles exceed its effective
// size bypasses all data spaces instead of failing the capacity check.
void bypass_overfull_levels(const arch::ArchSpec& arch, const workload::Workload& workload, mapping::Mapping& mapping);

}  // namespace cimloop::model
