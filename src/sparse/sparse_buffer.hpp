#pragma once
// A storage level evaluated with the sparse counts: tile occupancy at the tile confidence and
// the data/metadata capacity checks, energies of the fine-grained actions, and bandwidth
// (data and format words) with the resulting throttling.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/model/evaluation.hpp"
#include "src/sparse/sparse_analysis.hpp"

namespace cimloop::sparse {

struct SparseDataSpaceStats {
  // Occupancy at the tile confidence.
  std::int64_t data_size = 0;  // max utilized data storage capacity
  std::array<std::array<std::int64_t, 2>, kMaxRanks> metadata_size{};  // per rank (metadata, payload)
  std::int64_t metadata_bits = 0;
  double confidence = 1.0;
  std::int64_t utilized_clusters = 0;
  std::uint64_t address_generations = 0;
  double energy_per_scalar_access = 0, energy_per_instance = 0, energy = 0;
  double address_generation_energy_per_cluster = 0, address_generation_energy = 0;
  double bandwidth_scale = 1.0;
  double read_bandwidth = 0, write_bandwidth = 0;  // words/cycle per instance, after throttling
  // Share of format words in the read, write and all words.
  double read_format_share = 0, write_format_share = 0, shared_format_share = 0;
};

struct LevelInputs {
  LevelInputs(const arch::ArchSpec& arch, const SparseSpec& sparse, const workload::Workload& workload,
              const SparseAnalysis& analysis, int level)
      : arch(arch), sparse(sparse), spec(arch.storage[level]), metadata(sparse.metadata[level]),
        energies(sparse.energies[level]), workload(workload), analysis(analysis), level(level) {}

  const arch::ArchSpec& arch;
  const SparseSpec& sparse;
  const arch::BufferSpec& spec;
  const MetadataStorage& metadata;
  const LevelEnergies& energies;
  const workload::Workload& workload;
  const SparseAnalysis& analysis;
  int level;
};

// Occupancies and capacity checks of one level; returns Timeloop's failure reason ("" when
// the tiles fit). `stats` holds one entry per level and data space ([level * spaces + t]).
std::string check_sparse_capacity(const LevelInputs& in, std::vector<SparseDataSpaceStats>& stats);

// Energies, bandwidth and cycles of one level once every level's occupancy is known;
// `compute_cycles` are the arithmetic's (sparse) cycles.
void evaluate_sparse_buffer(const LevelInputs& in, std::int64_t compute_cycles, std::vector<SparseDataSpaceStats>& stats,
                            model::BufferStats& buffer);

}  // namespace cimloop::sparse
