#pragma once
// Finding the timeloop mapper fixture cases and loading one (input.yaml, model-input.yaml,
// ERT.yaml, ART.yaml) for in-process searches and exact evaluations of mapping files.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>
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

struct MapperCase {
  std::string name;
  std::filesystem::path dir;
};

inline void PrintTo(const MapperCase& mapper_case, std::ostream* out) { *out << mapper_case.name; }

// The cases under `cases` whose case.yaml has kind mapper, by name (none when it is absent).
inline std::vector<MapperCase> mapper_cases(const std::filesystem::path& cases) {
  std::vector<MapperCase> found;
  if (!std::filesystem::is_directory(cases)) return found;
  for (const auto& entry : std::filesystem::directory_iterator(cases)) {
    const std::filesystem::path spec = entry.path() / "case.yaml";
    if (std::filesystem::exists(spec) && YAML::LoadFile(spec.string())["kind"].as<std::string>() == "mapper")
      found.push_back({entry.path().filename().string(), entry.path()});
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return found;
}

// A GoogleTest parameter name for the case.
inline std::string mapper_case_name(const testing::TestParamInfo<MapperCase>& info) {
  std::string name = info.param.name;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

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
