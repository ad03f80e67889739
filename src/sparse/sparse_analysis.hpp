#pragma once
// Sparseloop's analysis of one mapping, run on the dense per-level counts: the fibertree of
// every tile, expected occupancies and metadata, format access counts, explicit gating and
// skipping with their propagation to inner levels, and the classification of computes.
#include <cstdint>
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/model/level_traffic.hpp"
#include "src/nest/nest_analysis.hpp"
#include "src/sparse/complete_nest.hpp"
#include "src/sparse/density_model.hpp"
#include "src/sparse/fibertree.hpp"
#include "src/sparse/sparse_spec.hpp"
#include "src/sparse/tile_state.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::sparse {

struct ComputeCounts {
  std::uint64_t algorithmic = 0;
  std::uint64_t random = 0, gated = 0, skipped = 0;
  double avg_instances = 1;       // arithmetic instances doing work, on average
  std::int64_t max_x = 1, max_y = 1;
};

class SparseAnalysis {
 public:
  // All arguments must outlive the analysis.
  SparseAnalysis(const arch::ArchSpec& arch, const workload::Workload& workload, const SparseSpec& spec);

  // Analyses one mapping. False when the sparse features cannot be mapped (failed_level()
  // and failure() say why, in Timeloop's words).
  bool run(const CompleteNest& nest, const nest::NestResult& dense, const std::vector<model::TrafficCounts>& counts);

  const TileState& tile(int level, int t) const { return tiles_[level * spaces_ + t]; }
  const std::vector<TileState>& tiles() const { return tiles_; }
  const ComputeCounts& compute() const { return compute_; }
  const DensityModel& density(int t) const { return densities_[t]; }
  const std::string& failed_level() const { return failed_level_; }
  const std::string& failure() const { return failure_; }

 private:
  TileState& at(int level, int t) { return tiles_[level * spaces_ + t]; }
  int inner_keeper(int level, int t) const;  // nearest keeper below `level`, -1 = none
  int outer_keeper(int level, int t) const;  // nearest keeper above `level`, -1 = none
  bool fail(int level, std::string reason);
  void initialize(const nest::NestResult& dense, const std::vector<model::TrafficCounts>& counts);
  bool check_format_compatibility();
  bool analyse_ranks(const CompleteNest& nest);
  void expected_occupancy();
  void format_access_counts();
  void representation_impact();
  bool explicit_optimizations(const CompleteNest& nest);
  void propagate();
  void apply_local(int level, int t, double probability, Saf kind);
  bool count_decompressions();
  bool classify_computes();

  const arch::ArchSpec& arch_;
  const workload::Workload& workload_;
  const SparseSpec& spec_;
  int levels_, spaces_;
  std::vector<DensityModel> densities_;
  std::array<std::uint32_t, workload::kMaxDataSpaces> moving_{};  // moving_dimensions per data space
  std::vector<TileState> tiles_;  // [level * spaces + t]
  std::vector<CandidateLoop> candidates_;  // scratch of the rank analysis
  // Working copies of each tile's counts while the optimisations of outer levels are applied.
  struct Working {
    double data[3] = {0, 0, 0};  // by Access
    RankList format[3] = {};
  };
  std::vector<Working> working_;
  ComputeCounts compute_;
  // Read-only operands whose own storage optimisation removed computes, with its probability.
  std::array<bool, workload::kMaxDataSpaces> storage_optimized_{};
  std::array<double, workload::kMaxDataSpaces> storage_probability_{};
  std::string failed_level_, failure_;
};

}  // namespace cimloop::sparse
