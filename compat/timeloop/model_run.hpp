#pragma once
// timeloop-model's work between its command line and its exit status: load and merge the
// inputs (processed Timeloop, libconfig or raw v0.4), estimate missing tables, evaluate the
// mapping and write the outputs atomically. The program and the fuzz harness both call it.
#include "compat/timeloop/program_cli.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop::compat {

// 0 after writing <output_dir>/<prefix>.stats.txt, .map.txt, .map.tenssella.txt (and the
// estimated tables); 1 after printing why the mapping does not fit (nothing written).
// Throws InputError for bad input.
int run_timeloop_model(const ProgramArguments& args, const model::ModelOptions& options);

}  // namespace cimloop::compat
