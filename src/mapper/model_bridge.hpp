#pragma once
// Connects the mapspace to the model: a mapspace point becomes the MappingSpec the mapper
// writes (and timeloop-model reads back), and is evaluated by the exact model.
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/mapper/map_point.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/mapspace_shape.hpp"
#include "src/mapper/search.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/evaluation.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::mapper {

// Orders as the reference mapper writes them: the non-trivial loops innermost first, then
// the factor-1 dimensions in declaration order; spatially the X loops come first and `split`
// counts them. The constraints' reuse directives (no_reuse, no_link_transfer, rmw_first_update,
// no_coalesce) are carried over unchanged. Dimensions whose factors exceed them (constraints
// that do not divide a dimension) get residuals.
mapping::MappingSpec to_mapping_spec(const MapPoint& point, const MapspaceShape& shape,
                                     const Constraints& constraints);

// The optimisation metrics of one evaluation, in the order given (lower is better).
std::vector<double> metrics_of(const model::EvalResult& result, const std::vector<Metric>& metrics);

// One model evaluator per search thread. Arguments must outlive the search.
EvaluatorFactory model_evaluators(const arch::ArchSpec& arch, const workload::Workload& workload,
                                  const Mapspace& mapspace, const std::vector<Metric>& metrics,
                                  const model::ModelOptions& options);

}  // namespace cimloop::mapper
