#pragma once
// Evaluating one mapping on one architecture and workload: per-level access counts, energy,
// bandwidth and cycles, plus the totals Timeloop reports. `Evaluator` keeps scratch state so
// a mapper can evaluate many mappings without allocating.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/level_traffic.hpp"
#include "src/nest/nest_analysis.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::model {

struct ModelOptions {
  nest::NestOptions nest;
  bool first_read_elision = true;  // TIMELOOP_ENABLE_FIRST_READ_ELISION
};

// Reads the environment variables that change results (TIMELOOP_DELTA_RULE=head,
// TIMELOOP_ENABLE_FIRST_READ_ELISION, TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION).
ModelOptions options_from_environment();

struct DataSpaceStats {
  bool kept = false;
  std::int64_t partition_size = 0;
  std::int64_t utilized_capacity = 0;
  std::int64_t utilized_instances = 0;
  std::int64_t utilized_clusters = 0;
  std::int64_t reads = 0, fills = 0, updates = 0;  // per instance
  std::int64_t temporal_reductions = 0;
  std::int64_t address_generations = 0;
  double energy_per_scalar_access = 0;
  double energy_per_instance = 0;
  double energy = 0;  // all instances
  double temporal_reduction_energy_per_instance = 0, temporal_reduction_energy = 0;
  double address_generation_energy_per_cluster = 0, address_generation_energy = 0;
  double bandwidth_scale = 1.0;
  double read_bandwidth = 0, write_bandwidth = 0;  // words/cycle per instance, after throttling
};

// The traffic from a storage level to its inner neighbour, per data space, and what a
// network carrying it costs (pJ; per instance of the level, and over all utilized instances).
struct NetworkDataSpaceStats {
  std::int64_t fanout = 0;
  std::int64_t multicast_factor = 0;       // largest multicast with ingresses
  nest::MulticastHistogram ingresses;      // per instance of the level
  double link_transfers = 0;
  std::int64_t spatial_reductions = 0;     // read-write data reduced in the network
  double average_hops = 0;
  double energy_per_hop = 0;
  double energy_per_instance = 0, energy = 0;
  double link_transfer_energy_per_instance = 0, link_transfer_energy = 0;
  double spatial_reduction_energy_per_instance = 0, spatial_reduction_energy = 0;
};

// One network of ArchSpec::networks: the data spaces it carries (the others stay zero).
struct NetworkStats {
  std::array<NetworkDataSpaceStats, workload::kMaxDataSpaces> data_spaces{};
  double energy = 0;  // all data spaces and instances, with link transfers and spatial reductions
};

struct BufferStats {
  std::array<DataSpaceStats, workload::kMaxDataSpaces> data_spaces{};
  std::int64_t cycles = 0;
  double slowdown = 1.0;
  std::int64_t replication = 1;  // utilized instances
  double leakage_energy = 0;
  double instances_sharing_power_gating = 1.0;
  double non_power_gated_utilization = 1.0;
  double energy = 0;  // level total including leakage
  std::int64_t scalar_accesses = 0;  // over all instances and data spaces
  // Filled only with ModelOptions::nest.network_statistics.
  std::array<NetworkDataSpaceStats, workload::kMaxDataSpaces> network{};
};

struct ArithmeticStats {
  std::int64_t utilized_instances = 0;
  std::int64_t computes = 0;
  std::int64_t cycles = 0;
  double energy = 0;
  double area = 0;  // total
};

struct EvalResult {
  bool valid = false;
  std::string failed_level;   // name of the first level that could not be mapped
  std::string failure;        // Timeloop's reason text
  ArithmeticStats arithmetic;
  std::vector<BufferStats> storage;  // innermost first
  std::vector<NetworkStats> networks;  // as ArchSpec::networks; filled with network statistics only
  std::int64_t cycles = 0;
  double energy = 0;        // pJ
  double utilization = 0;
  // Operational intensity.
  std::int64_t elementwise_ops = 0, reduction_ops = 0, total_ops = 0;
  std::int64_t min_traffic = 0;  // words
  double optimal_op_per_byte = 0;
};

class Evaluator {
 public:
  // The architecture and workload must outlive the evaluator.
  Evaluator(const arch::ArchSpec& arch, const workload::Workload& workload, ModelOptions options = {});
  // Evaluates one loop nest; the result stays valid until the next call.
  const EvalResult& evaluate(const mapping::Mapping& mapping);

 private:
  const arch::ArchSpec& arch_;
  const workload::Workload& workload_;
  ModelOptions options_;
  void fill_buffer(int level, const nest::LevelTraffic& traffic, std::int64_t compute_cycles);

  nest::NestAnalysis nest_;
  std::vector<TrafficCounts> counts_;
  std::vector<nest::MulticastHistogram> histograms_;  // network statistics only
  mapping::DataSpaceMask mapping_keep_ = 0;
  EvalResult result_;
};

// Steps shared with the sparse evaluation. A level's `per_dataspace_bandwidth_consumption_scale`
// for a data space (1 when not given), and its throttling (at most 1) for the given words/cycle
// demands:
double bandwidth_scale(const arch::BufferSpec& spec, const std::string& data_space);
double bandwidth_slowdown(const arch::BufferSpec& spec, double read_demand, double write_demand);
// Once the arithmetic and every level are filled in:
// Cycles (slowest level plus network latencies) and energy (with leakage and the networks) of
// the whole run.
void add_totals(const arch::ArchSpec& arch, EvalResult& result);
// The operational intensity block from the arithmetic computes and the utilized capacities.
void add_operational_intensity(const arch::ArchSpec& arch, const workload::Workload& workload, bool first_read_elision,
                               EvalResult& result);

// One-shot convenience wrapper around Evaluator.
EvalResult evaluate(const arch::ArchSpec& arch, const workload::Workload& workload, const mapping::Mapping& mapping,
                    const ModelOptions& options = {});

}  // namespace cimloop::model
