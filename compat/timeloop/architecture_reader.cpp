#include "compat/timeloop/architecture_reader.hpp"

#include <charconv>
#include <cmath>

#include "compat/timeloop/network_reader.hpp"
#include "compat/timeloop/yaml_values.hpp"
#include "src/architecture/default_energy.hpp"
#include "src/common/checked_math.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat {
namespace {

using arch::ArchSpec;
using arch::ArithmeticSpec;
using arch::BufferSpec;
using arch::NetworkSpec;

// What the level parsers collect for connect_networks.
struct NetworkInputs {
  std::vector<NetworkSpec> declared;
  YAML::Node arithmetic_attrs;
};
using arch::Technology;

enum class ComponentKind { Buffer, Compute, Network, Other };

ComponentKind classify(const std::string& cls) {
  for (const char* key : {"DRAM", "SRAM", "regfile", "smartbuffer", "storage"})
    if (cls.find(key) != std::string::npos) return ComponentKind::Buffer;
  for (const char* key : {"mac", "intmac", "fpmac", "compute"})
    if (cls.find(key) != std::string::npos) return ComponentKind::Compute;
  return is_network_class(cls) ? ComponentKind::Network : ComponentKind::Other;
}

// Element count of a "name[a..b]" suffix, 1 without one; `node` (the name) locates errors.
std::int64_t name_count(const std::string& name, const YAML::Node& node, const ValueReader& reader) {
  auto open = name.rfind('[');
  auto dots = name.find("..", open == std::string::npos ? 0 : open);
  if (open == std::string::npos || dots == std::string::npos || name.back() != ']') return 1;
  auto bound = [&](std::size_t begin, std::size_t end) {
    std::int64_t value = 0;
    const auto [rest, error] = std::from_chars(name.data() + begin, name.data() + end, value);
    if (error != std::errc() || rest != name.data() + end || value < 0) {
      fail_at(reader.sources(), node, "name",
              name + ": an instance range [first..last] needs two non-negative integers");
    }
    return value;
  };
  const std::int64_t first = bound(open + 1, dots), last = bound(dots + 2, name.size() - 1);
  if (last < first) fail_at(reader.sources(), node, "name", name + ": the instance range ends before it starts");
  return last - first + 1;
}

// a * b for sizes of component `name`, an InputError when it does not fit in 64 bits.
std::int64_t size_product(std::int64_t a, std::int64_t b, const std::string& name, const YAML::Node& where,
                          const ValueReader& reader) {
  const std::optional<std::int64_t> product = checked_product(a, b);
  if (!product) fail_at(reader.sources(), where, name, "sizes multiply past the 64-bit range");
  return *product;
}

struct Mesh {
  std::int64_t instances, x, y;
};

// Instances and mesh from `instances` (else the count of the tree walk), `meshX`, `meshY`.
Mesh read_mesh(const std::string& name, std::optional<std::int64_t> count, const YAML::Node& where,
               const ValueReader& reader) {
  std::optional<std::int64_t> instances = reader.integer_at_least(where, {"instances"}, 1);
  if (!instances) instances = count;
  const std::optional<std::int64_t> x = reader.integer_at_least(where, {"meshX"}, 1);
  const std::optional<std::int64_t> y = reader.integer_at_least(where, {"meshY"}, 1);
  auto fail = [&](const std::string& message) { fail_at(reader.sources(), where, name, message); };
  if (instances && x && y) {
    if (size_product(*x, *y, name, where, reader) != *instances) fail("meshX * meshY must equal instances");
    return {*instances, *x, *y};
  }
  if (instances && x) {
    if (*x <= 0 || *instances % *x != 0) fail("instances must be a multiple of meshX");
    return {*instances, *x, *instances / *x};
  }
  if (instances && y) {
    if (*y <= 0 || *instances % *y != 0) fail("instances must be a multiple of meshY");
    return {*instances, *instances / *y, *y};
  }
  if (instances) return {*instances, *instances, 1};
  if (x && y) return {size_product(*x, *y, name, where, reader), *x, *y};
  fail_at(reader.sources(), where, name, "instances and/or meshX * meshY must be specified.");
}

// Timeloop leaves global_cycle_seconds (Accelergy's clock period, for leakage) alone, but a
// numeric period that is not a positive time is nonsense wherever it is given.
void check_clock_period(const YAML::Node& attrs, const ValueReader& reader) {
  const YAML::Node value = reader.find(attrs, {"global_cycle_seconds"});
  double seconds = 0;
  if (value.IsScalar() && YAML::convert<double>::decode(value, seconds)) {
    reader.to_number_at_least(value, "global_cycle_seconds", 0, true);
  }
}

void read_block_and_cluster(BufferSpec& buffer, const YAML::Node& attrs, const ValueReader& reader,
                            std::vector<std::string>& warnings) {
  auto block = reader.integer_at_least(attrs, {"block_size", "n_words"}, 1);
  auto cluster = reader.integer_at_least(attrs, {"cluster_size"}, 1);
  auto width = reader.integer_at_least(attrs, {"width", "memory_width", "data_storage_width"}, 1);
  buffer.block_size = block.value_or(1);
  buffer.cluster_size = cluster.value_or(1);
  if (!width) return;
  auto fail = [&](const std::string& message) { fail_at(reader.sources(), attrs, buffer.name, message); };
  auto product = [&](std::int64_t a, std::int64_t b) { return size_product(a, b, buffer.name, attrs, reader); };
  if (*width % product(buffer.word_bits, buffer.block_size) != 0) {
    fail("storage width " + std::to_string(*width) + " is not a multiple of word bits * block size");
  }
  if (block && cluster) {
    if (product(product(*block, buffer.word_bits), *cluster) != *width) fail("block_size * word_bits * cluster_size != storage width");
  } else if (cluster) {
    if (*width / *cluster / buffer.word_bits == 0) fail("width is smaller than cluster_size * word_bits");
    buffer.block_size = *width / *cluster / buffer.word_bits;
  } else if (block) {
    buffer.cluster_size = *width / product(buffer.word_bits, *block);
  } else {
    buffer.block_size = *width / buffer.word_bits;
    buffer.cluster_size = 1;
    warnings.push_back(
        "Warning: neither block size nor cluster size specified, set according to specified storage width: block size: " +
        std::to_string(buffer.block_size) + "  cluster_size: 1");
  }
}

void read_size(BufferSpec& buffer, const YAML::Node& attrs, const ValueReader& reader) {
  if (auto entries = reader.integer_at_least(attrs, {"entries"}, 0)) {
    buffer.size = *entries;
  } else if (auto depth = reader.integer_at_least(attrs, {"depth", "memory_depth", "data_storage_depth"}, 0)) {
    buffer.size = size_product(*depth, buffer.block_size, buffer.name, attrs, reader);
  } else if (auto kb = reader.number_at_least(attrs, {"sizeKB"}, 0)) {
    const double words = std::floor(*kb * 8192 / static_cast<double>(buffer.word_bits));
    if (!(words < 9223372036854775808.0)) fail_at(reader.sources(), attrs, "sizeKB", "does not fit in 64 bits of words");
    buffer.size = static_cast<std::int64_t>(words);
  }
  if (buffer.size) {
    const double effective = std::floor(static_cast<double>(*buffer.size) / buffer.multiple_buffering);
    if (!(effective < 9223372036854775808.0)) {
      fail_at(reader.sources(), attrs, buffer.name, "size / multiple_buffering does not fit in 64 bits");
    }
    buffer.effective_size = static_cast<std::int64_t>(effective);
  }
}

void read_bandwidths(BufferSpec& buffer, const YAML::Node& attrs, const ValueReader& reader,
                     std::vector<std::string>& warnings) {
  buffer.read_bandwidth = reader.number_at_least(attrs, {"read_bandwidth"}, 0);
  buffer.write_bandwidth = reader.number_at_least(attrs, {"write_bandwidth"}, 0);
  buffer.shared_bandwidth = reader.number_at_least(attrs, {"shared_bandwidth"}, 0);
  if (auto both = reader.number_at_least(attrs, {"bandwidth"}, 0)) {
    warnings.push_back("WARNING: deprecated storage class attribute `bandwidth` used for " + buffer.name +
                       "; interpreting it as read_bandwidth = write_bandwidth = bandwidth / 2.");
    buffer.read_bandwidth = *both / 2;
    buffer.write_bandwidth = *both / 2;
  }
  const YAML::Node scales = reader.find(attrs, {"per_dataspace_bandwidth_consumption_scale"});
  if (scales.IsMap()) {
    for (const auto& entry : scales) {
      // Timeloop reads a scale that is not a number (e.g. an expression timeloopfe left
      // unevaluated, as in CiMLoop's bandwidth limiters) as 0.
      const std::string& data_space = entry.first.Scalar();
      const YAML::Node value = reader.find(scales, {data_space.c_str()});
      double scale = 0;
      if (!value.IsScalar() || !YAML::convert<double>::decode(value, scale)) scale = 0;
      buffer.bandwidth_consumption_scale.emplace_back(data_space, scale);
    }
  }
}

BufferSpec parse_buffer(const std::string& name, const std::string& cls, std::optional<std::int64_t> count,
                        const YAML::Node& attrs, const ValueReader& reader, std::vector<std::string>& warnings) {
  BufferSpec buffer;
  buffer.name = name;
  buffer.class_name = cls;
  check_clock_period(attrs, reader);
  buffer.word_bits = reader.integer_at_least(attrs, {"word_bits", "word_width", "datawidth"}, 1).value_or(16);
  read_block_and_cluster(buffer, attrs, reader, warnings);
  buffer.multiple_buffering = reader.number_above(attrs, {"multiple_buffering"}, 0).value_or(1.0);
  read_size(buffer, attrs, reader);
  buffer.min_utilization = reader.number_at_least(attrs, {"min_utilization"}, 0).value_or(0.0);
  auto technology = reader.text(attrs, {"technology"});
  if (cls.find("DRAM") != std::string::npos || (technology && *technology == "DRAM")) {
    buffer.technology = Technology::DRAM;
  }
  const std::int64_t ports = reader.integer(attrs, {"num_ports", "n_ports"}).value_or(2);
  if (ports != 1 && ports != 2) fail_at(reader.sources(), attrs, "num_ports", "must be 1 or 2");
  buffer.num_ports = static_cast<int>(ports);
  buffer.num_banks = static_cast<int>(
      std::min<std::int64_t>(reader.integer_at_least(attrs, {"num_banks", "n_banks"}, 1).value_or(2), 1 << 30));
  read_bandwidths(buffer, attrs, reader, warnings);
  const Mesh mesh = read_mesh(name, count, attrs, reader);
  buffer.instances = mesh.instances;
  buffer.mesh_x = mesh.x;
  buffer.mesh_y = mesh.y;
  if (buffer.instances % buffer.cluster_size != 0) {
    fail_at(reader.sources(), attrs, name, "instances must be a multiple of cluster_size");
  }
  buffer.reduction_supported =
      reader.boolean(attrs, {"reduction_supported"}).value_or(buffer.technology != Technology::DRAM);
  buffer.allow_overbooking = reader.boolean(attrs, {"allow_overbooking"}).value_or(false);
  buffer.network_fill_latency = reader.number(attrs, {"network_fill_latency"}).value_or(0);
  buffer.network_drain_latency = reader.number(attrs, {"network_drain_latency"}).value_or(0);
  buffer.vector_access_energy_override = reader.number(attrs, {"vector_access_energy"});
  buffer.addr_gen_energy = reader.number(attrs, {"addr_gen_energy"});
  buffer.cluster_area = reader.number(attrs, {"cluster_area"});
  if (reader.boolean(attrs, {"tile_partition_supported"}).value_or(false)) {
    throw StdoutInputError("ERROR: runtime tile partitioning is not supported yet");  // the reference's message
  }
  return buffer;
}

ArithmeticSpec parse_arithmetic(const std::string& name, const std::string& cls,
                                std::optional<std::int64_t> count, const YAML::Node& attrs,
                                const ValueReader& reader) {
  ArithmeticSpec arithmetic;
  arithmetic.name = name;
  arithmetic.class_name = cls;
  check_clock_period(attrs, reader);
  arithmetic.word_bits = reader.integer_at_least(attrs, {"word_bits", "datawidth"}, 1).value_or(16);
  const Mesh mesh = read_mesh(name, count, attrs, reader);
  arithmetic.instances = mesh.instances;
  arithmetic.mesh_x = mesh.x;
  arithmetic.mesh_y = mesh.y;
  arithmetic.energy_override = reader.number(attrs, {"energy"});
  arithmetic.area = reader.number(attrs, {"area"}).value_or(0.0);
  return arithmetic;
}

std::string required_text(const YAML::Node& node, const char* key, const ValueReader& reader) {
  auto value = reader.text(node, {key});
  if (!value) fail_at(reader.sources(), node, key, "key not found");
  return *value;
}

void declare_network(NetworkInputs& networks, const YAML::Node& entry, const std::string& name, const std::string& cls,
                     const ValueReader& reader) {
  for (const NetworkSpec& other : networks.declared)
    if (other.name == name) fail_at(reader.sources(), entry, name, "network names must be unique");
  networks.declared.push_back(parse_declared_network(entry, name, cls, reader));
}

ArchSpec parse_tree(const YAML::Node& architecture, const ValueReader& reader, std::vector<std::string>& warnings,
                    NetworkInputs& networks) {
  ArchSpec spec;
  bool have_compute = false;
  std::vector<std::vector<BufferSpec>> buffers_by_depth;
  std::int64_t factor = 1;
  YAML::Node node = architecture;
  while (child(node, "subtree").IsDefined()) {
    const YAML::Node subtree = child(node, "subtree");
    if (!subtree.IsSequence() || subtree.size() != 1) {
      fail_at(reader.sources(), subtree, "subtree", "expected a list with exactly one element");
    }
    node.reset(subtree[0]);  // rebind the handle; `node = ...` would overwrite the caller's tree
    factor = size_product(factor, name_count(reader.text(node, {"name"}).value_or(""), child(node, "name"), reader),
                          "subtree", child(node, "name"), reader);
    std::vector<BufferSpec> buffers;
    const YAML::Node local = child(node, "local");
    for (std::size_t i = 0; local.IsSequence() && i < local.size(); ++i) {
      const YAML::Node entry = local[i];
      const std::string full_name = required_text(entry, "name", reader);
      const std::string cls = required_text(entry, "class", reader);
      const std::int64_t n =
          size_product(factor, name_count(full_name, child(entry, "name"), reader), full_name, entry, reader);
      const YAML::Node attrs = child(entry, "attributes");
      const std::string name = component_base_name(full_name);
      switch (classify(cls)) {
        case ComponentKind::Buffer:
          buffers.push_back(parse_buffer(name, cls, n, attrs, reader, warnings));
          break;
        case ComponentKind::Compute:
          if (have_compute) fail_at(reader.sources(), entry, name, "only one compute component is supported");
          spec.arithmetic = parse_arithmetic(name, cls, n, attrs, reader);
          networks.arithmetic_attrs.reset(attrs);
          have_compute = true;
          break;
        case ComponentKind::Network:
          declare_network(networks, entry, name, cls, reader);
          break;
        case ComponentKind::Other:
          break;
      }
    }
    buffers_by_depth.push_back(std::move(buffers));
  }
  if (!have_compute) fail_at(reader.sources(), architecture, "architecture", "no compute component found");
  for (auto depth = buffers_by_depth.rbegin(); depth != buffers_by_depth.rend(); ++depth) {
    for (auto buffer = depth->rbegin(); buffer != depth->rend(); ++buffer) spec.storage.push_back(std::move(*buffer));
  }
  return spec;
}

ArchSpec parse_legacy(const YAML::Node& architecture, const ValueReader& reader, std::vector<std::string>& warnings,
                      NetworkInputs& networks) {
  ArchSpec spec;
  const YAML::Node arithmetic = child(architecture, "arithmetic");
  if (!arithmetic.IsMap()) fail_at(reader.sources(), architecture, "arithmetic", "key not found");
  spec.arithmetic = parse_arithmetic(reader.text(arithmetic, {"name"}).value_or("__ARITH__"), "",
                                     std::nullopt, arithmetic, reader);
  networks.arithmetic_attrs.reset(arithmetic);
  const YAML::Node declared = child(architecture, "network");
  for (std::size_t i = 0; declared.IsSequence() && i < declared.size(); ++i) {
    const YAML::Node entry = declared[i];
    const std::string name = component_base_name(required_text(entry, "name", reader));
    declare_network(networks, entry, name, reader.text(entry, {"class"}).value_or("Legacy"), reader);
  }
  const YAML::Node storage = child(architecture, "storage");
  if (!storage.IsSequence()) fail_at(reader.sources(), architecture, "storage", "key not found");
  for (const YAML::Node& level : storage) {
    const std::string name = required_text(level, "name", reader);
    const std::string technology = reader.text(level, {"technology"}).value_or("SRAM");
    spec.storage.push_back(parse_buffer(name, technology == "DRAM" ? "DRAM" : "SRAM", std::nullopt, level,
                                        reader, warnings));
  }
  return spec;
}

void resolve_names(ArchSpec& spec, const YAML::Node& architecture, const ValueReader& reader,
                   const std::vector<std::string>& gated_names) {
  for (int i = 0; i < spec.num_storage_levels(); ++i) {
    for (int j = 0; j < i; ++j) {
      if (spec.storage[j].name == spec.storage[i].name || spec.storage[i].name == spec.arithmetic.name) {
        fail_at(reader.sources(), architecture, spec.storage[i].name, "component names must be unique");
      }
    }
    if (!gated_names[i].empty()) {
      spec.storage[i].power_gated_at = spec.storage_index(gated_names[i]);
      if (spec.storage[i].power_gated_at < 0) {
        fail_at(reader.sources(), architecture, "power_gated_at", "unknown storage level " + gated_names[i]);
      }
    }
  }
}

// power_gated_at names are read in a second pass, once every level name is known.
std::vector<std::string> gated_names(const YAML::Node& architecture, const ArchSpec& spec, const ValueReader& reader) {
  std::vector<std::string> names(spec.storage.size());
  const std::vector<YAML::Node> attrs = storage_attributes(architecture);
  for (std::size_t i = 0; i < attrs.size() && i < names.size(); ++i) {
    names[i] = reader.text(attrs[i], {"power_gated_at"}).value_or("");
  }
  return names;
}

}  // namespace

std::vector<YAML::Node> storage_attributes(const YAML::Node& architecture) {
  std::vector<YAML::Node> attrs;
  if (!is_tree_form(architecture)) {
    for (const YAML::Node& level : child(architecture, "storage")) attrs.push_back(level);
    return attrs;
  }
  std::vector<std::vector<YAML::Node>> by_depth;
  YAML::Node node = architecture;
  while (child(node, "subtree").IsDefined()) {
    node.reset(child(node, "subtree")[0]);
    std::vector<YAML::Node> level;
    for (const YAML::Node& entry : child(node, "local"))
      if (classify(child(entry, "class").Scalar()) == ComponentKind::Buffer) level.push_back(child(entry, "attributes"));
    by_depth.push_back(level);
  }
  for (auto depth = by_depth.rbegin(); depth != by_depth.rend(); ++depth) attrs.insert(attrs.end(), depth->rbegin(), depth->rend());
  return attrs;
}

std::string component_base_name(const std::string& full_name) {
  std::string name = full_name;
  if (!name.empty() && name.back() == ']') {
    auto open = name.rfind('[');
    if (open != std::string::npos) name.erase(open);
  }
  auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

bool is_tree_form(const YAML::Node& architecture) {
  const YAML::Node version = child(architecture, "version");
  if (!version.IsScalar()) return false;
  return version.Scalar() == "0.2" || version.Scalar() == "0.3" || version.Scalar() == "0.4";
}

ArchSpec parse_architecture(const YAML::Node& architecture, const YAML::Node& variables, const SourceMap& sources,
                            std::vector<std::string>& warnings) {
  ValueReader reader(sources, variables);
  if (!architecture.IsMap()) fail_at(sources, architecture, "architecture", "expected a map");
  if (child(architecture, "nodes").IsDefined()) {
    fail_at(sources, child(architecture, "nodes"), "nodes",
            "'nodes' found as a sub-key in the architecture; this is an unprocessed v0.4 specification, "
            "give the processed tree form (subtree/local)");
  }
  const bool tree = is_tree_form(architecture);
  NetworkInputs networks;
  ArchSpec spec = tree ? parse_tree(architecture, reader, warnings, networks)
                       : parse_legacy(architecture, reader, warnings, networks);
  if (spec.storage.empty()) fail_at(sources, architecture, "architecture", "no storage level found");
  resolve_names(spec, architecture, reader, gated_names(architecture, spec, reader));
  connect_networks(spec, std::move(networks.declared), storage_attributes(architecture), networks.arithmetic_attrs,
                   reader);
  arch::apply_default_energies(spec);
  return spec;
}

}  // namespace cimloop::compat
