#include "compat/accelergy/command_line.hpp"

#include <sstream>

#include <boost/program_options.hpp>

#include "src/common/error.hpp"

namespace cimloop::accelergy {
namespace {

namespace po = boost::program_options;

po::options_description option_descriptions(CommandLine& line) {
  po::options_description options("options");
  options.add_options()
      ("help,h", po::bool_switch(&line.help), "show this help and exit")
      ("outdir,o", po::value(&line.outdir), "output directory (default: ./)")
      ("extra_plugins,e", po::value(&line.extra_plugins)->multitoken(),
       "Accelergy plug-ins: accepted and not loaded (the estimators are built in; see -l)")
      ("precision,p", po::value(&line.precision), "digits kept in the outputs (default: 6)")
      ("verbose,v", po::bool_switch(&line.verbose),
       "write the verbose ERT summary, ART summary and flattened architecture (*_verbose.yaml)")
      ("output_files,f", po::value(&line.output_files)->multitoken()->zero_tokens(),
       "outputs to write: ERT ERT_summary ART ART_summary energy_estimation flattened_arch all (default: all)")
      ("oprefix", po::value(&line.oprefix), "prefix of the output file names")
      ("suppress_version_errors", po::bool_switch(&line.suppress_version_errors), "accepted")
      ("update_config_version", po::bool_switch(&line.update_config_version),
       "accepted (no configuration file is used)")
      ("list-components,l", po::bool_switch(&line.list_components),
       "list the component classes and actions of the built-in estimators and exit")
      ("toolchain", po::value<std::string>(),
       "reference (default: Accelergy of 2024-05, as the Timeloop exercises' references) or current "
       "(Accelergy HEAD); also $CIMLOOP_ACCELERGY_TOOLCHAIN");
  return options;
}

// Accelergy drops a "1" after -v/--verbose (the flag once took a value).
std::vector<std::string> without_verbose_value(std::vector<std::string> arguments) {
  for (size_t i = 0; i + 1 < arguments.size(); ++i) {
    if ((arguments[i] == "-v" || arguments[i] == "--verbose") && arguments[i + 1] == "1") {
      arguments.erase(arguments.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      break;
    }
  }
  return arguments;
}

}  // namespace

CommandLine parse_command_line(const std::vector<std::string>& arguments) {
  CommandLine line;
  po::options_description options = option_descriptions(line);
  options.add_options()("files", po::value(&line.files)->multitoken(), "input files or directories");
  po::positional_options_description positional;
  positional.add("files", -1);
  try {
    po::variables_map values;
    po::store(po::command_line_parser(without_verbose_value(arguments)).options(options).positional(positional).run(),
              values);
    po::notify(values);
    if (values.count("toolchain")) line.toolchain = values["toolchain"].as<std::string>();
  } catch (const po::error& e) {
    throw InputError(e.what());
  }
  return line;
}

std::string usage() {
  CommandLine line;
  std::ostringstream text;
  text << "usage: accelergy [files or directories ...] [-o OUTDIR] [--oprefix P] [-p PRECISION] [-v] [-f OUTPUTS ...]\n"
          "                 [-e PLUG_INS ...] [--suppress_version_errors] [--update_config_version] [-l] [-h]\n"
          "Estimates the energy (ERT) and area (ART) reference tables of an architecture like Accelergy.\n"
       << option_descriptions(line);
  return text.str();
}

}  // namespace cimloop::accelergy
