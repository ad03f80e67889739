#pragma once
// The command line of Accelergy's `accelergy` program (accelergy/input_output.py), accepted
// as it is, plus our --toolchain:
//   accelergy [files or directories ...] [-o OUTDIR] [--oprefix P] [-p PRECISION] [-v]
//             [-f OUTPUTS ...] [-e PLUG_INS ...] [--suppress_version_errors]
//             [--update_config_version] [-l] [-h]
// As in Accelergy, `-v 1` means -v (the "1" is dropped).
#include <optional>
#include <string>
#include <vector>

namespace cimloop::accelergy {

struct CommandLine {
  std::vector<std::string> files;  // input files or directories
  std::string outdir = "./";
  std::string oprefix;
  int precision = 6;
  bool verbose = false;  // write the *_verbose.yaml outputs
  // -f: ERT, ERT_summary, ART, ART_summary, energy_estimation, flattened_arch, all
  std::vector<std::string> output_files = {"all"};
  std::vector<std::string> extra_plugins;  // accepted; our estimators are built in
  bool suppress_version_errors = false;
  bool update_config_version = false;
  bool list_components = false;
  bool help = false;
  std::optional<std::string> toolchain;  // reference | current
};

// Throws InputError with the reason (an unknown option, a missing value, a bad number).
CommandLine parse_command_line(const std::vector<std::string>& arguments);

std::string usage();

}  // namespace cimloop::accelergy
