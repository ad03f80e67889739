#pragma once
// The whole Accelergy estimation as one library call: processed Timeloop/Accelergy input
// (architecture `subtree`/`local`, `compound_components`, `variables`) in; ERT, ART, their
// summaries and the flattened architecture out, as YAML trees in Accelergy's shapes (spec
// §1.7; roots `ERT:`, `ART:`, `ERT_summary:`, `ART_summary:`, `architecture:`).
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/accelergy/estimation_log.hpp"
#include "compat/accelergy/output_file.hpp"
#include "compat/config/input_files.hpp"
#include "estimators/estimator.hpp"

namespace cimloop::accelergy {

struct EstimationOptions {
  // reference_2024_05 (default) reproduces the toolchain behind the reference outputs:
  // 6-decimal rounding, area_scale read from attributes. `current` = Accelergy HEAD.
  estimators::Toolchain toolchain = estimators::Toolchain::reference_2024_05;
  int precision = 6;
  const estimators::Registry* registry = nullptr;  // null = Registry::builtin()
  // Where `root` was read from: errors about a component then start with its "file:line".
  const compat::SourceMap* sources = nullptr;
  bool record_queries = false;  // every primitive query in AccelergyResult::log
  bool verbose_tables = false;  // also Accelergy's -v tables (costly: large YAML trees)
};

// "reference" or "current"; throws InputError naming `where` otherwise.
estimators::Toolchain parse_toolchain(const std::string& name, const std::string& where);

// Defaults, with the toolchain from $CIMLOOP_ACCELERGY_TOOLCHAIN when set.
EstimationOptions options_from_environment();

struct AccelergyResult {
  YAML::Node ert;                     // {ERT: {version, tables}}
  YAML::Node art;                     // {ART: {version, tables}}
  YAML::Node ert_summary;             // {ERT_summary: {version, table_summary}}
  YAML::Node art_summary;             // {ART_summary: {version, table_summary}}
  YAML::Node flattened_architecture;  // {architecture: {version, local}}
  std::vector<std::string> warnings;  // one line each (fallback estimates, kept strings, ...)
  // Accelergy's `-v` outputs (spec §1.7), with EstimationOptions::verbose_tables.
  YAML::Node ert_summary_verbose;             // {ERT_summary: ...} with each sub-action's estimate
  YAML::Node art_summary_verbose;             // {ART_summary: ...} with each primitive's area
  YAML::Node flattened_architecture_verbose;  // compounds with primitives and primitive actions, then primitives
  std::vector<EstimationRecord> log;          // with EstimationOptions::record_queries
};


// Throws InputError naming the component (and attribute/subcomponent) on bad definitions:
// unknown class, missing attribute, expression error, reference cycle, no estimator.
AccelergyResult estimate_tables(const YAML::Node& root, const EstimationOptions& options = {});

// Accelergy's `-f` names (ERT, ERT_summary, ART, ART_summary, energy_estimation,
// flattened_arch; `all` = every one): true when `outputs` selects `name`.
bool output_selected(const std::vector<std::string>& outputs, const std::string& name);

// The files Accelergy writes, in its order: <dir>/<prefix>flattened_architecture.yaml, ERT.yaml,
// ERT_summary.yaml, ART.yaml and ART_summary.yaml, those `outputs` selects. With `verbose`
// (Accelergy's -v; needs EstimationOptions::verbose_tables) the summaries and the flattened
// architecture are the *_verbose.yaml versions.
std::vector<OutputFile> accelergy_output_files(const AccelergyResult& result, const std::string& directory,
                                               const std::string& prefix,
                                               const std::vector<std::string>& outputs = {"all"}, bool verbose = false);

}  // namespace cimloop::accelergy
