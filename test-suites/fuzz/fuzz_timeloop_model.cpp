// libFuzzer target for timeloop-model's input paths: the same entry point as the program
// (compat::run_timeloop_model) on one packed input (fuzz_inputs.hpp) whose first file is
// CIMLOOP_FUZZ_FIRST_FILE: input.yaml (processed Timeloop YAML with ERT/ART tables),
// input.cfg (libconfig) or top.yaml (raw v0.4 with Jinja2, merges and expressions).
// InputError is the expected answer to bad input; any other exception, a crash, a sanitizer
// report, an output left by a failed run or a non-finite/negative energy or area is a finding.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <typeinfo>

#include "compat/timeloop/model_run.hpp"
#include "src/common/error.hpp"
#include "test-suites/fuzz/fuzz_inputs.hpp"

namespace {

void check_success(const cimloop::fuzz::FuzzCase& c) {
  bool stats = false;
  for (const auto& entry : std::filesystem::directory_iterator(c.output_dir)) {
    if (entry.path().extension() != ".txt" || entry.path().string().find(".stats.") == std::string::npos) continue;
    cimloop::fuzz::check_stats_file(entry.path());
    stats = true;
  }
  if (!stats) cimloop::fuzz::finding("exit status 0 without a stats file");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cimloop;
  const fuzz::FuzzCase c = fuzz::unpack(data, size, CIMLOOP_FUZZ_FIRST_FILE);
  compat::ProgramArguments args;
  args.inputs = c.inputs;
  args.output_dir = c.output_dir.string();
  args.v04.template_vars = c.vars;
  args.v04.variable_overrides = c.sets;
  model::ModelOptions options = model::options_from_environment();
  options.nest.network_statistics = true;  // as timeloop-model sets it
  int status = 0;
  try {
    status = compat::run_timeloop_model(args, options);
  } catch (const InputError& error) {
    fuzz::note_input_error(error);
    fuzz::check_nothing_written(c, "an input error");
    return 0;
  } catch (const std::exception& error) {
    fuzz::finding(std::string("unexpected exception ") + typeid(error).name() + ": " + error.what());
  }
  if (status != 0) fuzz::check_nothing_written(c, "exit status " + std::to_string(status));
  else check_success(c);
  return 0;
}
