#pragma once
// The architecture as plain data: one arithmetic level and storage levels (innermost first),
// with the per-level energies (pJ per vector access / per op) already resolved from an ERT,
// a user override or the built-in fallback formulas. Parsed once, evaluated many times.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cimloop::arch {

enum class Technology { SRAM, DRAM };
enum class EnergySource { PAT, ERT, User };

enum class NetworkClass { Legacy, SimpleMulticast, ReductionTree };

// Which traffic a network carries between a storage level and its inner neighbour.
enum NetworkConnection : unsigned { kReadFill = 1u, kUpdateDrain = 2u };

// A network between a storage level (its source) and the inner neighbour: either the Legacy
// network Timeloop infers from the outer level's attributes, or a network the architecture
// declares and levels name in network_read/fill/drain/update.
struct NetworkSpec {
  std::string name;  // inferred: "<outer> <==> <inner>"
  NetworkClass network_class = NetworkClass::Legacy;
  bool user_defined = false;
  int source_level = -1;        // storage level whose children it serves; -1 when unconnected
  unsigned connection = 0;      // NetworkConnection bits
  std::int64_t word_bits = 16;
  double fill_latency = 0;
  double drain_latency = 0;
  // Legacy.
  std::string legacy_subtype;  // "1:1", "1:N", "M:N" or "" when not given
  std::optional<double> router_energy, wire_energy, tile_width, energy_per_hop, ingress_energy;
  // SimpleMulticast / ReductionTree: energies of ERT action entries by the value of the
  // multicast-factor argument (kNoFactor for entries without it), per action name.
  static constexpr std::int64_t kNoFactor = -1;
  std::string action_name;
  std::string multicast_factor_argument;
  bool per_data_space_actions = false;  // per_datatype_ERT: action "<action>_<data space>"
  std::map<std::string, std::map<std::int64_t, double>> action_energies;
};

struct BufferSpec {
  std::string name;
  std::string class_name;
  Technology technology = Technology::SRAM;
  std::optional<std::int64_t> size;  // words; unset = unlimited
  std::int64_t word_bits = 16;
  std::int64_t block_size = 1;
  std::int64_t cluster_size = 1;
  std::int64_t instances = 1;
  std::int64_t mesh_x = 1;
  std::int64_t mesh_y = 1;
  std::optional<double> read_bandwidth, write_bandwidth, shared_bandwidth;  // words/cycle/instance
  double multiple_buffering = 1.0;
  std::optional<std::int64_t> effective_size;
  double min_utilization = 0.0;
  bool reduction_supported = true;
  bool allow_overbooking = false;
  int num_ports = 2;
  int num_banks = 2;
  double network_fill_latency = 0;
  double network_drain_latency = 0;
  int power_gated_at = -1;  // storage level index sharing the power gate; -1 = itself
  std::vector<std::pair<std::string, double>> bandwidth_consumption_scale;  // by data space name

  // Energies, pJ per vector access (leak: per instance per cycle).
  double read_energy = 0;
  double fill_energy = 0;
  double update_energy = 0;
  double leak_energy = 0;
  double vector_access_energy = 0;  // display only
  EnergySource energy_source = EnergySource::PAT;
  std::optional<double> vector_access_energy_override;  // user `vector_access_energy`
  std::optional<double> addr_gen_energy;                // user override, else 0
  std::optional<double> cluster_area;
  double area = 0;  // um^2 per instance

  // ArchSpec::networks index of the network to the inner neighbour, per direction.
  int read_network = -1;
  int update_network = -1;
};

struct ArithmeticSpec {
  std::string name = "__ARITH__";
  std::string class_name;
  std::int64_t instances = 1;
  std::int64_t mesh_x = 1;
  std::int64_t mesh_y = 1;
  std::int64_t word_bits = 16;
  double energy_per_op = 0;        // random compute
  std::optional<double> energy_override;  // user `energy`
  double area = 0;                 // um^2 per instance
};

struct ArchSpec {
  ArithmeticSpec arithmetic;
  std::vector<BufferSpec> storage;  // index 0 = innermost
  std::vector<NetworkSpec> networks;  // declared and inferred, in no particular order

  int num_storage_levels() const { return static_cast<int>(storage.size()); }
  int storage_index(const std::string& name) const;  // -1 when unknown
  // Name of overall level `level` (0 = arithmetic, i + 1 = storage i).
  const std::string& level_name(int level) const;
};

}  // namespace cimloop::arch
