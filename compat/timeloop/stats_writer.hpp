#pragma once
// Timeloop's `timeloop-model.stats.txt` for a valid evaluation (dense layout).
#include <string>

#include "compat/timeloop/number_format.hpp"
#include "src/architecture/arch_spec.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/evaluation.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::compat {

struct StatsOptions {
  FloatStyle style = FloatStyle::Fixed;
  bool hide_inconsequential = true;  // TIMELOOP_HIDE_INCONSEQUENTIAL_STATS
  bool print_loop_nest = true;       // the per-level MAPPING block (reference behaviour)
};

// Reads TIMELOOP_HIDE_INCONSEQUENTIAL_STATS and the float-style variables.
StatsOptions stats_options_from_environment();

std::string format_stats(const arch::ArchSpec& arch, const workload::Workload& workload,
                         const mapping::Mapping& mapping, const model::EvalResult& result,
                         const StatsOptions& options);

// "for P in [0:16)" ("[0:6,4)" with a residual) plus " (Spatial-X)" / " (Spatial-Y)" for
// spatial loops.
std::string format_loop(const workload::Workload& workload, const mapping::Loop& loop);

}  // namespace cimloop::compat
