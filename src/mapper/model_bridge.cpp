#include "src/mapper/model_bridge.hpp"

#include <memory>

namespace cimloop::mapper {
namespace {

// Non-trivial loops of `order` (keeping their order, `first` ones before the others), then
// every factor-1 dimension in declaration order.
std::vector<int> written_order(const std::vector<int>& order, const std::vector<std::int64_t>& factors,
                               const std::vector<bool>& first) {
  std::vector<int> written;
  for (bool leading : {true, false})
    for (int dim : order)
      if (factors[dim] > 1 && first[dim] == leading) written.push_back(dim);
  for (int dim = 0; dim < static_cast<int>(factors.size()); ++dim)
    if (factors[dim] == 1) written.push_back(dim);
  return written;
}

}  // namespace

mapping::MappingSpec to_mapping_spec(const MapPoint& point, const MapspaceShape& shape,
                                     const Constraints& constraints) {
  mapping::MappingSpec spec;
  const std::vector<bool> all(shape.num_dimensions(), true);
  for (int level = 0; level < shape.num_levels(); ++level) {
    const LevelMapping& mapping = point.levels[level];
    mapping::LevelDirectives directives;
    directives.temporal_factors = mapping.temporal;
    directives.temporal_permutation = written_order(mapping.temporal_order, mapping.temporal, all);
    directives.spatial_factors = mapping.spatial;
    directives.spatial_permutation = written_order(mapping.spatial_order, mapping.spatial, mapping.spatial_x);
    directives.split = mapping.split();
    directives.keep = 0;
    for (int space = 0; space < shape.num_data_spaces(); ++space)
      if (mapping.keep[space]) directives.keep |= mapping::DataSpaceMask{1} << space;
    spec.levels.push_back(std::move(directives));
  }
  carry_reuse_directives(constraints, spec);
  mapping::complete_residuals(spec, shape.problem);
  return spec;
}

std::vector<double> metrics_of(const model::EvalResult& result, const std::vector<Metric>& metrics) {
  std::vector<double> values;
  for (Metric metric : metrics) {
    switch (metric) {
      case Metric::Energy: values.push_back(result.energy); break;
      case Metric::Delay: values.push_back(static_cast<double>(result.cycles)); break;
      case Metric::Edp: values.push_back(result.energy * static_cast<double>(result.cycles)); break;
      case Metric::LastLevelAccesses:
        values.push_back(result.storage.empty() ? 0.0 : static_cast<double>(result.storage.back().scalar_accesses));
        break;
    }
  }
  return values;
}

EvaluatorFactory model_evaluators(const arch::ArchSpec& arch, const workload::Workload& workload,
                                  const Mapspace& mapspace, const std::vector<Metric>& metrics,
                                  const model::ModelOptions& options) {
  return [&arch, &workload, &mapspace, &metrics, options]() -> Evaluator {
    auto model = std::make_shared<model::Evaluator>(arch, workload, options);
    return [model, &arch, &workload, &mapspace, &metrics](const MapPoint& point) {
      const mapping::Mapping nest = mapping::build_mapping(
          to_mapping_spec(point, mapspace.shape(), mapspace.constraints()), arch, workload);
      const model::EvalResult& result = model->evaluate(nest);
      Evaluation evaluation;
      evaluation.valid = result.valid;
      if (result.valid) evaluation.metrics = metrics_of(result, metrics);
      else evaluation.failure = result.failed_level + ": " + result.failure;
      return evaluation;
    };
  };
}

}  // namespace cimloop::mapper
