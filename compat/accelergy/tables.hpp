#pragma once
// The whole Accelergy estimation as one library call: processed Timeloop/Accelergy input
// (architecture `subtree`/`local`, `compound_components`, `variables`) in; ERT, ART, their
// summaries and the flattened architecture out, as YAML trees in Accelergy's shapes (spec
// §1.7; roots `ERT:`, `ART:`, `ERT_summary:`, `ART_summary:`, `architecture:`).
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

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
};

// Throws InputError naming the component (and attribute/subcomponent) on bad definitions:
// unknown class, missing attribute, expression error, reference cycle, no estimator.
AccelergyResult estimate_tables(const YAML::Node& root, const EstimationOptions& options = {});

// Writes <dir>/<prefix>ERT.yaml, ART.yaml, ERT_summary.yaml, ART_summary.yaml and
// flattened_architecture.yaml, each atomically; `outputs` selects among them by Accelergy's
// `-f` names (ERT, ERT_summary, ART, ART_summary, flattened_arch, all).
void write_accelergy_outputs(const AccelergyResult& result, const std::string& directory, const std::string& prefix,
                             const std::vector<std::string>& outputs = {"all"});

}  // namespace cimloop::accelergy
