#include "compat/cimloop/macro_run.hpp"

#include <cmath>
#include <cstdlib>

#include "compat/timeloop/map_writer.hpp"
#include "compat/timeloop/mapper_run.hpp"
#include "compat/timeloop/mapper_settings_reader.hpp"
#include "compat/timeloop/program_inputs.hpp"
#include "compat/timeloop/yaml_values.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/common/error.hpp"
#include "src/mapper/model_bridge.hpp"

namespace cimloop::compat::cimloop {
namespace {

// TIMELOOP_OUTPUT_STAT_* as the specification's globals set them for Timeloop (else as the
// environment does).
FloatStyle float_style(const YAML::Node& root) {
  const YAML::Node environment = child(child(root, "globals"), "environment_variables");
  auto set = [&](const char* name) {
    const YAML::Node value = child(environment, name);
    const char* text = value.IsScalar() ? value.Scalar().c_str() : std::getenv(name);
    return text && std::string(text) != "0";
  };
  if (set("TIMELOOP_OUTPUT_STAT_SCIENTIFIC")) return FloatStyle::Scientific;
  if (set("TIMELOOP_OUTPUT_STAT_DEFAULT_FLOAT")) return FloatStyle::Default;
  return FloatStyle::Fixed;
}

// The operating point that the statistics and CiMLoop's circuit models rely on: bit widths
// and the batch are whole numbers of at least 1; supply, node and cycle time are positive.
// CiMLoop gives no meaning to anything else (a -1-bit input, a NaN volt).
void check_operating_point(const MergedInput& merged) {
  const YAML::Node variables = processed_variables(merged.root);
  auto check = [&](const char* name, bool whole) {
    const YAML::Node value = child(variables, name);
    if (!value.IsDefined()) return;
    const std::string text = value.IsScalar() ? value.Scalar() : "";
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);  // also reads nan and inf
    const bool positive = !text.empty() && *end == '\0' && std::isfinite(number) && number > 0;
    if (!positive || (whole && number != std::floor(number)))
      fail_at(merged.sources, value, std::string("variables.") + name,
              std::string(whole ? "must be a whole number of at least 1" : "must be a positive number") +
                  (value.IsScalar() ? ", got " + text : ""));
  };
  for (const char* name : {"INPUT_BITS", "WEIGHT_BITS", "OUTPUT_BITS", "ENCODED_INPUT_BITS", "ENCODED_WEIGHT_BITS",
                           "ENCODED_OUTPUT_BITS", "SUPPORTED_INPUT_BITS", "SUPPORTED_WEIGHT_BITS",
                           "SUPPORTED_OUTPUT_BITS", "BITS_PER_CELL", "BATCH_SIZE"})
    check(name, true);
  for (const char* name : {"VOLTAGE", "TECHNOLOGY", "GLOBAL_CYCLE_SECONDS"}) check(name, false);
}

// The search's best mapping at the specification's mapper settings.
RebuiltMapping searched_mapping(const MacroRunSpec& spec, const MergedInput& merged, const ModelInputs& inputs,
                                std::int64_t& evaluated) {
  // A copy when the sweep replaces keys: the merged tree stays as read.
  const YAML::Node given = child(merged.root, "mapper");
  YAML::Node mapper_node =
      spec.mapper.empty() ? given : (given.IsMap() ? YAML::Clone(given) : YAML::Node(YAML::NodeType::Map));
  for (const auto& [key, value] : spec.mapper) mapper_node[key] = YAML::Load(value);
  mapper::MapperSettings settings = parse_mapper_settings(mapper_node, merged.sources);
  if (spec.threads) settings.num_threads = *spec.threads;
  const mapper::Mapspace mapspace = input_mapspace(merged, inputs, settings);
  mapper::SearchMonitor monitor;
  const mapper::SearchResult found = mapper::search(
      mapspace, settings,
      mapper::model_evaluators(inputs.arch, inputs.workload, mapspace, settings.metrics, model::ModelOptions{}), monitor);
  evaluated = found.evaluated;
  return rebuilt_mapping(found, mapspace, inputs);
}

}  // namespace

MacroRunSpec quick_run(const std::string& top, const std::string& macro,
                       const std::map<std::string, std::string>& overrides) {
  MacroRunSpec spec;
  spec.files = {top};
  spec.jinja = {{"macro", macro}, {"iso", macro}, {"system", "ws_dummy_buffer_one_macro"}};
  spec.overrides = overrides;
  spec.overrides.emplace("MAX_UTILIZATION", "True");
  return spec;
}

MacroRun run_macro(const MacroRunSpec& spec) {
  const MergedInput merged =
      v04::merged_from_v04(spec.files, spec.jinja, v04::Purpose::Mapper, "", v04::VariableOverrides(spec.overrides, true));
  check_operating_point(merged);
  const std::optional<accelergy::AccelergyResult> tables = estimate_missing_tables(merged);
  ModelInputs inputs = load_model_inputs(merged);
  if (tables) apply_estimated_tables(*tables, merged, inputs);
  MacroRun run;
  const RebuiltMapping chosen = spec.mapping_file.empty() ? searched_mapping(spec, merged, inputs, run.mappings_evaluated)
                                                          : mapper_output_mapping(spec.mapping_file, merged, inputs);
  const model::EvalResult result = model::Evaluator(inputs.arch, inputs.workload, model::ModelOptions{}).evaluate(chosen.mapping);
  if (!result.valid)
    throw InputError((spec.mapping_file.empty() ? spec.files.front() + ": the best mapping found" : spec.mapping_file + ": the mapping") +
                     " is not valid: " + result.failure);
  run.stats = macro_output_stats(inputs.arch, result, processed_variables(merged.root), float_style(merged.root));
  run.pim = pim_figures(inputs.arch, inputs.workload, result);
  run.map_text = format_map(inputs.arch, inputs.workload, chosen.mapping, result);
  return run;
}

}  // namespace cimloop::compat::cimloop
