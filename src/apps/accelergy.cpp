// accelergy: estimates the energy-reference table (ERT) and area-reference table (ART) of an
// architecture, compatible with the `accelergy` command of Accelergy 0.4:
//   accelergy [files or directories ...] -o OUTDIR [--oprefix P] [-p PRECISION]
// Directories are searched recursively for *.yaml; each file contributes its `architecture`,
// `compound_components`, `variables`, `ERT` and `action_counts` keys. With action counts,
// energy_estimation.yaml is written too. A given ERT is used as is (nothing is estimated).
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <boost/program_options.hpp>
#include <yaml-cpp/yaml.h>

#include "compat/accelergy/energy_estimation.hpp"
#include "compat/accelergy/tables.hpp"
#include "compat/accelergy/yaml_writer.hpp"
#include "compat/config/input_files.hpp"
#include "src/common/error.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace cimloop;

namespace {

std::vector<std::string> yaml_files(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    if (fs::is_directory(input)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(input)) {
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") found.push_back(entry.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(input)) {
      files.push_back(input);
    } else {
      throw InputError("'" + input + "': no such file or directory");
    }
  }
  return files;
}

struct Input {
  YAML::Node root;
  compat::SourceMap architecture_sources;  // of the file holding the architecture
  YAML::Node given_ert;      // an ERT among the inputs (used as is); null when none
  YAML::Node action_counts;  // null when none
};

// The files of the document's `globals.expression_custom_functions`, relative ones resolved
// against the document's folder as Accelergy does, appended to the merged globals.
void add_function_files(const YAML::Node& globals, const std::string& document, YAML::Node& root) {
  if (!globals.IsDefined() || !globals.IsMap() || !globals["expression_custom_functions"]) return;
  const YAML::Node files = globals["expression_custom_functions"];
  if (!files.IsSequence()) throw InputError(document + ": globals.expression_custom_functions: must be a list of files");
  for (const YAML::Node& file : files) {
    std::filesystem::path path(file.Scalar());
    if (path.is_relative()) path = std::filesystem::path(document).parent_path() / path;
    root["globals"]["expression_custom_functions"].push_back(path.string());
  }
}

// One input tree from all files: the architecture (exactly one), every compound-component
// block, and the variables (later files override earlier ones).
Input merged_input(const std::vector<std::string>& files) {
  Input input;
  YAML::Node& root = input.root;
  root["compound_components"] = YAML::Node(YAML::NodeType::Sequence);
  std::string architecture_file;
  for (const std::string& file : files) {
    compat::MergedInput loaded = compat::load_merged_inputs({file});
    const YAML::Node& doc = loaded.root;
    if (!doc.IsMap()) continue;
    compat::apply_environment_variables(doc);
    if (doc["architecture"]) {
      if (!architecture_file.empty()) {
        throw InputError(file + ": architecture: already given in " + architecture_file);
      }
      architecture_file = file;
      root["architecture"] = doc["architecture"];
      input.architecture_sources = loaded.sources;
    }
    if (doc["compound_components"]) root["compound_components"].push_back(doc["compound_components"]);
    if (doc["ERT"]) input.given_ert = doc["ERT"];
    if (doc["action_counts"]) input.action_counts = doc["action_counts"];
    if (doc["variables"]) {
      for (const auto& kv : doc["variables"]) root["variables"][kv.first.Scalar()] = kv.second;
    }
    add_function_files(doc["globals"], file, root);
  }
  if (architecture_file.empty() && input.given_ert.IsNull()) {
    throw InputError("no input file has an 'architecture' (or an 'ERT') key");
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description options("accelergy options");
  options.add_options()("help,h", "show this help")(
      "outdir,o", po::value<std::string>()->default_value("./"), "output directory")(
      "oprefix", po::value<std::string>()->default_value(""), "prefix of the output file names")(
      "precision,p", po::value<int>()->default_value(6), "digits kept in the outputs")(
      "output_files,f", po::value<std::vector<std::string>>()->multitoken(),
      "outputs to write: ERT ERT_summary ART ART_summary energy_estimation flattened_arch all (default all)")(
      "toolchain", po::value<std::string>(),
      "reference (default: Accelergy of 2024-05, as the Timeloop exercises' references) or current "
      "(Accelergy HEAD); also $CIMLOOP_ACCELERGY_TOOLCHAIN")(
      "files", po::value<std::vector<std::string>>()->multitoken(), "input files or directories");
  po::positional_options_description positional;
  positional.add("files", -1);
  try {
    po::variables_map args;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), args);
    po::notify(args);
    if (args.count("help") || !args.count("files")) {
      std::cout << "usage: accelergy [files or directories ...] -o OUTDIR [--oprefix P]\n" << options;
      return args.count("help") ? 0 : 1;
    }
    accelergy::EstimationOptions estimation = accelergy::options_from_environment();
    estimation.precision = args["precision"].as<int>();
    if (args.count("toolchain")) {
      estimation.toolchain = accelergy::parse_toolchain(args["toolchain"].as<std::string>(), "--toolchain");
    }
    Input input = merged_input(yaml_files(args["files"].as<std::vector<std::string>>()));
    std::string outdir = args["outdir"].as<std::string>(), prefix = args["oprefix"].as<std::string>();
    std::vector<std::string> outputs = {"all"};
    if (args.count("output_files")) outputs = args["output_files"].as<std::vector<std::string>>();
    fs::create_directories(outdir);
    YAML::Node ert = input.given_ert;
    if (input.root["architecture"] && ert.IsNull()) {
      estimation.sources = &input.architecture_sources;
      accelergy::AccelergyResult result = accelergy::estimate_tables(input.root, estimation);
      for (const std::string& warning : result.warnings) std::cerr << "WARNING: " << warning << "\n";
      accelergy::write_accelergy_outputs(result, outdir, prefix, outputs);
      ert = result.ert;
    }
    bool energy_wanted = std::find(outputs.begin(), outputs.end(), "all") != outputs.end() ||
                         std::find(outputs.begin(), outputs.end(), "energy_estimation") != outputs.end();
    if (!input.action_counts.IsNull() && energy_wanted) {
      accelergy::write_file_atomically((fs::path(outdir) / (prefix + "energy_estimation.yaml")).string(),
                                       accelergy::to_accelergy_yaml(accelergy::estimate_energy(ert, input.action_counts)));
    }
    return 0;
  } catch (const po::error& e) {
    std::cerr << "ERROR: " << e.what() << "\n";
  } catch (const InputError& e) {
    std::cerr << "ERROR: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "ERROR: " << e.what() << "\n";
  }
  return 1;
}
