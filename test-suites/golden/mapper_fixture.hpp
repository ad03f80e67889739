#pragma once
// Loading a timeloop mapper fixture case (input.yaml, model-input.yaml, ERT.yaml, ART.yaml)
// for in-process searches and exact evaluations of mapping files.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/mapper_settings_reader.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "compat/timeloop/yaml_values.hpp"
#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/model_bridge.hpp"
#include "src/model/evaluation.hpp"
#include "src/sparse/sparse_evaluator.hpp"

namespace cimloop::golden {

// The case's mapper settings (from input.yaml).
inline mapper::MapperSettings fixture_mapper_settings(const std::filesystem::path& dir) {
  const compat::MergedInput input = compat::load_merged_inputs({(dir / "input.yaml").string()});
  return compat::parse_mapper_settings(compat::child(input.root, "mapper"), input.sources);
}

// The optimised metrics of `map_yaml` for the case, evaluated exactly by our model; throws
// std::runtime_error when the model rejects the mapping.
inline std::vector<double> evaluate_map_file(const std::filesystem::path& dir, const std::filesystem::path& map_yaml,
                                             const std::vector<mapper::Metric>& metrics) {
  const compat::MergedInput merged = compat::load_merged_inputs({(dir / "model-input.yaml").string(), map_yaml.string(),
                                                                 (dir / "ERT.yaml").string(), (dir / "ART.yaml").string()});
  compat::ModelInputs inputs = compat::load_model_inputs(merged);
  const mapping::MappingSpec spec = compat::load_mapping_spec(merged, inputs);
  const mapping::Mapping nest = mapping::build_mapping(spec, inputs.arch, inputs.workload);
  model::EvalResult result;
  if (inputs.sparse) {
    sparse::SparseEvaluator evaluator(inputs.arch, inputs.workload, *inputs.sparse);
    result = evaluator.evaluate(spec, nest).totals;
  } else {
    result = model::evaluate(inputs.arch, inputs.workload, nest);
  }
  if (!result.valid)
    throw std::runtime_error(map_yaml.string() + ": " + result.failed_level + ": " + result.failure);
  return mapper::metrics_of(result, metrics);
}

}  // namespace cimloop::golden
