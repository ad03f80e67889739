#include "compat/timeloop/sparse_inputs.hpp"

#include "compat/timeloop/architecture_reader.hpp"
#include "compat/timeloop/sparse_optimizations.hpp"
#include "compat/timeloop/yaml_values.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat {
namespace {

// A density is a fraction of non-zero values; outside [0, 1] the density models give
// meaningless counts (a negative density once made 7.9e12 pJ per compute).
double checked_density(const YAML::Node& node, double density, const ValueReader& reader) {
  if (density < 0 || density > 1)
    fail_at(reader.sources(), node, "density", "must be between 0 and 1, got " + node.as<std::string>());
  return density;
}

sparse::DensitySpec parse_density(const YAML::Node& node, const ValueReader& reader) {
  sparse::DensitySpec density;
  if (!node.IsMap()) {
    density.density = checked_density(node, reader.to_number(node, "density"), reader);
    return density;
  }
  const std::string type = reader.text(node, {"distribution"}).value_or("fixed_structured");
  if (type == "fixed" || type == "fixed_structured") {
    density.kind = sparse::DensityKind::FixedStructured;
  } else if (type == "hypergeometric") {
    density.kind = sparse::DensityKind::Hypergeometric;
  } else if (type == "banded" || type == "diagonal") {
    fail_at(reader.sources(), node, "distribution", "the " + type + " density model is not supported yet");
  } else {
    throw InputError("unrecognized density distribution type: " + type);
  }
  const std::optional<double> value = reader.number(node, {"density"});
  if (!value) throw InputError("missing density value specification for " + type + " distribution");
  density.density = checked_density(reader.find(node, {"density"}), *value, reader);
  density.tensor_size = reader.integer(node, {"workload_tensor_size"}).value_or(0);
  density.band_width = reader.integer(node, {"band_width"}).value_or(0);
  return density;
}

// `commonDensity` for every data space, else `densities` by name; unlisted data spaces are dense.
std::vector<sparse::DensitySpec> parse_densities(const YAML::Node& root, const workload::Workload& workload,
                                                 const ValueReader& reader) {
  std::vector<sparse::DensitySpec> densities(workload.num_data_spaces());
  const YAML::Node problem = child(root, "problem");
  const YAML::Node instance = child(problem, "instance").IsDefined() ? child(problem, "instance") : problem;
  if (const YAML::Node common = reader.find(instance, {"commonDensity"}); common.IsDefined()) {
    for (auto& density : densities) density = parse_density(common, reader);
    return densities;
  }
  const YAML::Node listed = reader.find(instance, {"densities"});
  if (!listed.IsMap()) return densities;
  for (const auto& entry : listed) {
    const int t = workload.data_space_index(entry.first.Scalar());
    if (t < 0) fail_at(reader.sources(), entry.first, "densities", "no data space named " + entry.first.Scalar());
    densities[t] = parse_density(entry.second, reader);
  }
  return densities;
}

std::vector<sparse::MetadataStorage> parse_metadata_storage(const YAML::Node& architecture,
                                                            const ValueReader& reader) {
  std::vector<sparse::MetadataStorage> levels;
  for (const YAML::Node& attrs : storage_attributes(architecture)) {
    sparse::MetadataStorage storage;
    storage.word_bits = static_cast<int>(reader.integer(attrs, {"metadata_datawidth", "metadata_word_bits"}).value_or(0));
    storage.width = reader.integer(attrs, {"metadata_storage_width", "metadata_width"}).value_or(0);
    storage.depth = reader.integer(attrs, {"metadata_storage_depth", "metadata_depth"});
    storage.block_size = reader.integer(attrs, {"metadata_block_size"}).value_or(1);
    storage.decompression_supported = reader.boolean(attrs, {"decompression_supported"}).value_or(false);
    storage.compression_supported = reader.boolean(attrs, {"compression_supported"}).value_or(false);
    levels.push_back(storage);
  }
  return levels;
}

double action_energy(const std::map<std::string, double>& actions, std::initializer_list<const char*> names) {
  const double* energy = arch::find_action(actions, names);
  return energy ? *energy : 0.0;
}

void apply_level_energies(sparse::LevelEnergies& e, const std::map<std::string, double>& a) {
  e.gated_read = action_energy(a, {"gated_read"});
  e.skipped_read = action_energy(a, {"skipped_read", "gated_read"});
  e.gated_fill = action_energy(a, {"gated_fill", "gated_write"});
  e.skipped_fill = action_energy(a, {"skipped_fill", "skipped_write", "gated_fill", "gated_write"});
  e.gated_update = action_energy(a, {"gated_update", "gated_write"});
  e.skipped_update = action_energy(a, {"skipped_update", "skipped_write", "gated_update", "gated_write"});
  e.metadata_read = action_energy(a, {"random_metadata_read", "metadata_read"});
  e.gated_metadata_read = action_energy(a, {"gated_metadata_read"});
  e.skipped_metadata_read = action_energy(a, {"skipped_metadata_read", "gated_metadata_read"});
  e.metadata_fill = action_energy(a, {"random_metadata_fill", "random_metadata_write", "metadata_fill", "metadata_write"});
  e.gated_metadata_fill = action_energy(a, {"gated_metadata_fill", "gated_metadata_write"});
  e.skipped_metadata_fill = action_energy(
      a, {"skipped_metadata_fill", "skipped_metadata_write", "gated_metadata_fill", "gated_metadata_write"});
  e.metadata_update =
      action_energy(a, {"random_metadata_update", "random_metadata_write", "metadata_update", "metadata_write"});
  e.gated_metadata_update = action_energy(a, {"gated_metadata_update", "gated_metadata_write"});
  e.skipped_metadata_update = action_energy(
      a, {"skipped_metadata_update", "skipped_metadata_write", "gated_metadata_update", "gated_metadata_write"});
  e.decompression = action_energy(a, {"decompression_count"});
  e.compression = action_energy(a, {"compression_count"});
}

}  // namespace

std::optional<sparse::SparseSpec> load_sparse_spec(const MergedInput& merged, const arch::ArchSpec& arch,
                                                   const workload::Workload& workload,
                                                   std::vector<std::string>& stdout_messages) {
  const YAML::Node optimizations = child(merged.root, "sparse_optimizations");
  if (!optimizations.IsDefined()) return std::nullopt;
  const ValueReader reader(merged.sources, child(merged.root, "variables"));
  YAML::Node architecture = child(merged.root, "architecture");
  if (!architecture.IsDefined()) architecture = child(merged.root, "arch");
  sparse::SparseSpec spec;
  spec.levels.resize(arch.num_storage_levels());
  spec.energies.resize(arch.num_storage_levels());
  spec.metadata = parse_metadata_storage(architecture, reader);
  spec.metadata.resize(arch.num_storage_levels());
  spec.densities = parse_densities(merged.root, workload, reader);
  parse_sparse_optimizations(optimizations, arch, workload, reader, spec, stdout_messages);
  return spec;
}

void apply_sparse_energies(sparse::SparseSpec& spec, const arch::ArchSpec& arch, const arch::EnergyTable& table) {
  for (int i = 0; i < arch.num_storage_levels(); ++i) {
    auto it = table.components.find(arch.storage[i].name);
    if (it != table.components.end()) apply_level_energies(spec.energies[i], it->second);
  }
  auto it = table.components.find(arch.arithmetic.name);
  if (it == table.components.end()) return;
  const auto& a = it->second;
  spec.compute_energies.gated = action_energy(a, {"mac_gated", "mult_gated", "compute_gated", "mac", "mult", "compute"});
  spec.compute_energies.skipped = action_energy(
      a, {"mac_skipped", "mult_skipped", "compute_skipped", "mac_gated", "mult_gated", "compute_gated", "mac", "mult", "compute"});
}

}  // namespace cimloop::compat
