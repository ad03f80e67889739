// libFuzzer target for cimloop-report's input path: a CiMLoop-style specification (entry
// template top.yaml.jinja2 plus the files it includes, packed as in fuzz_inputs.hpp) through
// the entry points the program calls: quick_run when a `macro` variable is given, run_macro
// and the report table. InputError is the expected answer to bad input; anything else, or a
// successful run with a non-finite or negative energy, area, cycle count or metric, is a finding.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <typeinfo>

#include "compat/cimloop/macro_report.hpp"
#include "compat/cimloop/macro_run.hpp"
#include "src/common/error.hpp"
#include "test-suites/fuzz/fuzz_inputs.hpp"

namespace {

using cimloop::compat::cimloop::MacroOutputStats;

void check_stats(const MacroOutputStats& stats) {
  using cimloop::fuzz::check_quantity;
  check_quantity(stats.computes, "computes");
  check_quantity(stats.cycles, "cycles");
  check_quantity(stats.energy(), "energy");
  check_quantity(stats.area(), "area");
  for (const auto& [name, energy] : stats.per_component_energy) check_quantity(energy, "energy of " + name);
  for (const auto& [name, area] : stats.per_component_area) check_quantity(area, "area of " + name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cimloop;
  using namespace cimloop::compat::cimloop;
  const fuzz::FuzzCase c = fuzz::unpack(data, size, "top.yaml.jinja2");
  MacroRunSpec spec;
  spec.files = c.inputs;
  std::map<std::string, std::string> vars = c.vars;
  try {
    if (vars.count("macro")) {
      spec = quick_run(c.inputs.front(), vars["macro"], c.sets);
      spec.files = c.inputs;
      vars.erase("macro");
    } else {
      spec.overrides = c.sets;
    }
    for (const auto& [name, value] : vars) spec.jinja[name] = value;
    spec.threads = 1;  // one core per fuzzing process
    const MacroRun run = run_macro(spec);
    check_stats(run.stats);
    format_report_table(run.stats);
  } catch (const InputError& error) {
    fuzz::note_input_error(error);
    return 0;
  } catch (const std::exception& error) {
    fuzz::finding(std::string("unexpected exception ") + typeid(error).name() + ": " + error.what());
  }
  return 0;
}
