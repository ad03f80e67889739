// accelergy: estimates the energy-reference table (ERT) and area-reference table (ART) of an
// architecture, compatible with the `accelergy` command of Accelergy 0.4 and its command line
// (compat/accelergy/command_line.hpp): -v writes the verbose summaries and flattened
// architecture, -l lists what the built-in estimators price, -e plug-ins are not loaded.
// Directories are searched recursively for *.yaml; each file contributes its `architecture`,
// `compound_components`, `variables`, `ERT` and `action_counts` keys. With action counts,
// energy_estimation.yaml is written too. A given ERT is used as is (nothing is estimated).
// The files are written together at the end (none on failure); the log goes to stderr.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <yaml-cpp/yaml.h>

#include "compat/accelergy/command_line.hpp"
#include "compat/accelergy/component_listing.hpp"
#include "compat/accelergy/energy_estimation.hpp"
#include "compat/accelergy/tables.hpp"
#include "compat/accelergy/yaml_writer.hpp"
#include "compat/config/input_files.hpp"
#include "compat/timeloop/output_files.hpp"
#include "src/common/error.hpp"

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

// The files of the run (tables, then energy_estimation.yaml) and the log on stderr.
void run(const accelergy::CommandLine& line) {
  accelergy::EstimationOptions estimation = accelergy::options_from_environment();
  estimation.precision = line.precision;
  estimation.record_queries = true;
  estimation.verbose_tables = line.verbose;
  if (line.toolchain) estimation.toolchain = accelergy::parse_toolchain(*line.toolchain, "--toolchain");
  Input input = merged_input(yaml_files(line.files));
  std::vector<accelergy::OutputFile> files;
  std::vector<accelergy::EstimationRecord> records;
  std::vector<std::string> warnings;
  YAML::Node ert = input.given_ert;
  if (input.root["architecture"] && ert.IsNull()) {
    estimation.sources = &input.architecture_sources;
    accelergy::AccelergyResult result = accelergy::estimate_tables(input.root, estimation);
    files = accelergy::accelergy_output_files(result, line.outdir, line.oprefix, line.output_files, line.verbose);
    records = std::move(result.log);
    warnings = std::move(result.warnings);
    ert = result.ert;
  }
  if (accelergy::output_selected(line.output_files, "energy_estimation")) {
    if (input.action_counts.IsNull()) {
      warnings.push_back("no runtime energy estimations are generated... not generating energy_estimation.yaml");
    } else {
      files.push_back({(fs::path(line.outdir) / (line.oprefix + "energy_estimation.yaml")).string(),
                       accelergy::to_accelergy_yaml(accelergy::estimate_energy(ert, input.action_counts)),
                       "energy estimations"});
    }
  }
  fs::create_directories(line.outdir);
  compat::OutputFiles contents;
  for (const accelergy::OutputFile& file : files) contents.emplace_back(file.path, file.text);
  compat::write_files_atomically(contents);
  std::cerr << accelergy::format_estimation_log(records, warnings, files);
}

// Options Accelergy takes that have nothing to act on here.
void note_inert_options(const accelergy::CommandLine& line) {
  if (!line.extra_plugins.empty()) {
    std::cerr << "WARNING: -e/--extra_plugins: plug-ins are not loaded (";
    for (size_t i = 0; i < line.extra_plugins.size(); ++i) std::cerr << (i ? ", " : "") << line.extra_plugins[i];
    std::cerr << "); the estimators are built in (accelergy -l lists them)\n";
  }
  if (line.update_config_version) {
    std::cerr << "INFO: --update_config_version: no Accelergy configuration file is used; nothing to update\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const accelergy::CommandLine line = accelergy::parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    if (line.help) {
      std::cout << accelergy::usage();
      return 0;
    }
    if (line.list_components) {
      std::cout << accelergy::list_components(estimators::Registry::builtin());
      return 0;
    }
    note_inert_options(line);
    if (line.files.empty()) {
      if (line.update_config_version) return 0;
      std::cerr << accelergy::usage();
      return 1;
    }
    run(line);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "ERROR: " << e.what() << "\n";
  }
  return 1;
}
