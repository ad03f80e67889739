#pragma once
// The architecture as plain data: one arithmetic level and storage levels (innermost first),
// with the per-level energies (pJ per vector access / per op) already resolved from an ERT,
// a user override or the built-in fallback formulas. Parsed once, evaluated many times.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cimloop::arch {

enum class Technology { SRAM, DRAM };
enum class EnergySource { PAT, ERT, User };

// Legacy point-to-point network inferred between a storage level and its inner neighbour.
struct NetworkSpec {
  std::string name;  // "<outer> <==> <inner>"
  std::string legacy_subtype;  // "1:1", "1:N", "M:N" or "" when not given
  std::int64_t word_bits = 16;
  std::optional<double> router_energy, wire_energy, tile_width, energy_per_hop, ingress_energy;
  double fill_latency = 0;
  double drain_latency = 0;
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

  NetworkSpec network;  // to the inner neighbour (parsed from this level's attributes)
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

  int num_storage_levels() const { return static_cast<int>(storage.size()); }
  int storage_index(const std::string& name) const;  // -1 when unknown
  // Name of overall level `level` (0 = arithmetic, i + 1 = storage i).
  const std::string& level_name(int level) const;
};

}  // namespace cimloop::arch
