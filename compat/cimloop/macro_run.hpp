#pragma once
// One run of a CiMLoop-style specification as CiMLoop's scripts do it (get_spec + call_mapper
// + MacroOutputStats), natively: the raw files with their Jinja variables (macro, iso, system,
// tile, chip, dnn, layer) and variable overrides go through the v0.4 reader, the built-in
// Accelergy estimation and the mapper's search (at the specification's mapper settings), and
// the best mapping is summarised as CiMLoop summarises it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compat/cimloop/macro_stats.hpp"
#include "compat/cimloop/pim_analysis.hpp"

namespace cimloop::compat::cimloop {

struct MacroRunSpec {
  std::vector<std::string> files;                // e.g. CiMLoop's models/top.yaml.jinja2
  std::map<std::string, std::string> jinja;      // template variables
  std::map<std::string, std::string> overrides;  // NAME -> expression (MAX_UTILIZATION: True); may add variables
  std::optional<int> threads;                    // replaces mapper.num_threads
  std::map<std::string, std::string> mapper;     // mapper key -> YAML value, replacing the specification's
  std::string mapping_file;                      // a Timeloop mapping (map.yaml) to evaluate instead of searching
};

// CiMLoop's quick_run(macro): iso = macro, system ws_dummy_buffer_one_macro, maximum
// utilisation, the given variable overrides.
MacroRunSpec quick_run(const std::string& top, const std::string& macro,
                       const std::map<std::string, std::string>& overrides = {});

struct MacroRun {
  MacroOutputStats stats;
  std::string map_text;              // the best (or given) mapping, as map.txt
  std::int64_t mappings_evaluated = 0;
  PimFigures pim;
};

// Throws InputError for bad specifications or when no mapping is valid.
MacroRun run_macro(const MacroRunSpec& spec);

}  // namespace cimloop::compat::cimloop
