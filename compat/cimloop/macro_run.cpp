#include "compat/cimloop/macro_run.hpp"

#include <cstdlib>

#include "compat/timeloop/map_writer.hpp"
#include "compat/timeloop/mapper_run.hpp"
#include "compat/timeloop/program_inputs.hpp"
#include "compat/timeloop/yaml_values.hpp"
#include "compat/v04/model_inputs.hpp"
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
  const std::optional<accelergy::AccelergyResult> tables = estimate_missing_tables(merged);
  ModelInputs inputs = load_model_inputs(merged);
  if (tables) apply_estimated_tables(*tables, merged, inputs);
  mapper::MapperSettings settings = mapper::parse_mapper_settings(child(merged.root, "mapper"), merged.sources);
  if (spec.threads) settings.num_threads = *spec.threads;
  const mapper::Mapspace mapspace = input_mapspace(merged, inputs, settings);
  const model::ModelOptions options;
  mapper::SearchMonitor monitor;
  const mapper::SearchResult found = mapper::search(
      mapspace, settings, mapper::model_evaluators(inputs.arch, inputs.workload, mapspace, settings.metrics, options),
      monitor);
  const BestMapping best = best_mapping(found, mapspace, inputs, options);
  MacroRun run;
  run.stats = macro_output_stats(inputs.arch, best.result, processed_variables(merged.root), float_style(merged.root));
  run.map_text = format_map(inputs.arch, inputs.workload, best.mapping, best.result);
  run.mappings_evaluated = found.evaluated;
  return run;
}

}  // namespace cimloop::compat::cimloop
