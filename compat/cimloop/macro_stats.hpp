#pragma once
// CiMLoop's MacroOutputStats (its scripts/tl_output_parsing.py over timeloopfe's OutputStats)
// of one evaluated mapping, computed as CiMLoop computes it from Timeloop's outputs:
// per-component energy from the stats' "fJ/Compute" lines as printed (so rounded to the
// printed digits, times the computes), per-component area from the ART (area x instances),
// computes divided by the virtual 1b x 1b MACs (encoded input x weight x output bits), and
//   TOPS   = 2 x computes / (cycles x cycle seconds) / 1e12
//   TOPS/W = 2 x computes / energy / 1e12,   TOPS/mm^2 = TOPS / area[m^2] / 1e6,
// the "_1b" forms multiplied by input bits x weight bits (cimloop-spec §1.6).
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/timeloop/number_format.hpp"
#include "src/architecture/arch_spec.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop::compat::cimloop {

struct MacroOutputStats {
  double computes = 0;  // real MACs
  double cycles = 0;
  double cycle_seconds = 0;
  double percent_utilization = 0;
  std::vector<std::pair<std::string, double>> per_component_energy;  // J, innermost first
  std::vector<std::pair<std::string, double>> per_component_area;    // m^2, innermost first
  double input_bits = 0, weight_bits = 0, output_bits = 0;
  double encoded_input_bits = 0, encoded_weight_bits = 0, encoded_output_bits = 0;

  double energy() const;  // J
  double area() const;    // m^2
  double latency() const { return cycles * cycle_seconds; }
  double tops() const;
  double tops_per_w() const;
  double tops_per_mm2() const;
  double one_bit_scale() const { return input_bits * weight_bits; }  // the "_1b" factor
  double energy_per_mac_fj() const { return energy() / computes * 1e15; }
  // Energy (J) or area (m^2) of the named components; throws InputError naming an unknown one.
  double energy_of(const std::vector<std::string>& names) const;
  double area_of(const std::vector<std::string>& names) const;
};

// `variables`: the processed specification's evaluated variables (the attributes of the
// architecture's first node): INPUT_BITS, WEIGHT_BITS, OUTPUT_BITS, ENCODED_*_BITS and
// GLOBAL_CYCLE_SECONDS. `style`: how the stats print floats (TIMELOOP_OUTPUT_STAT_*).
MacroOutputStats macro_output_stats(const arch::ArchSpec& arch, const model::EvalResult& result,
                                    const YAML::Node& variables, FloatStyle style);

// The evaluated variables of a processed tree (timeloopfe puts them in the attributes of the
// architecture's first node).
YAML::Node processed_variables(const YAML::Node& processed);

}  // namespace cimloop::compat::cimloop
