#pragma once
// The recursive working-set simulation of a loop nest (Timeloop's nest analysis): working
// sets are boxes (one interval per tensor rank), temporal loops are extrapolated from their
// first two iterations and spatial fan-outs from their first child, so the cost grows with
// 2^(temporal loops) and not with the iteration count. The result is, per storage level and
// data space, the tile size and the traffic the level's children request.
#include <array>
#include <cstdint>
#include <vector>

#include "src/mapping/mapping.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::nest {

// How a working set that did not move affects the remembered stride (see the spec, §3.4.3).
enum class DeltaRule {
  Reference,  // Timeloop 2024 (reference outputs): a zero move sets the stride
  Head,       // Timeloop 2025: zero moves are ignored
};

struct NestOptions {
  DeltaRule delta_rule = DeltaRule::Reference;
  bool temporal_extrapolation = true;
};

// Per storage level and data space, before bypass handling.
struct LevelDataSpaceTraffic {
  std::int64_t tile_size = 0;       // working set at the level's outermost loop
  std::int64_t innermost_size = 0;  // working set at the level's innermost record
  double content_accesses = 0;      // accesses the children request (summed over multicast classes)
  double weighted_accesses = 0;     // sum over multicast classes of accesses * class size
  std::int64_t multicast_classes = 1;  // distinct child deltas (fanout / typical multicast)
};

struct LevelTraffic {
  std::array<LevelDataSpaceTraffic, workload::kMaxDataSpaces> data_spaces{};
  std::int64_t fanout = 1;          // children of the innermost record (1 when temporal)
  bool innermost_is_spatial = false;
  std::int64_t replication = 1;     // instances that run the level's outermost loop
  std::int64_t expansion_x = 1;     // spatial X factors above the level
  std::int64_t expansion_y = 1;
};

struct NestResult {
  std::vector<LevelTraffic> levels;  // innermost storage level first
  double compute_accesses = 0;       // computes per arithmetic instance
  std::int64_t compute_replication = 1;
  std::int64_t compute_expansion_x = 1;
  std::int64_t compute_expansion_y = 1;
};

// Reusable analysis: keeps its scratch buffers between runs, so evaluating many mappings of
// one workload allocates nothing after the first run.
class NestAnalysis {
 public:
  explicit NestAnalysis(const workload::Workload& workload);
  const NestResult& run(const mapping::Mapping& mapping, const NestOptions& options = {});

 private:
  struct Box {
    std::array<std::int64_t, workload::kMaxRanks> lo, hi;
  };
  struct TileState {
    Box last;
    std::array<std::int64_t, workload::kMaxRanks> stride;
    bool has_last = false;
    bool has_stride = false;
    std::int64_t max_size = 0;
    double accesses = 0;  // per multicast class (spatial) or total (temporal)
  };
  struct LoopInfo {
    int dimension;
    std::int64_t factor;
    bool spatial, boundary, master;
    int block_begin;      // masters: innermost loop of the spatial block
    int owner;            // storage level
    std::int64_t step;    // product of inner factors of the same dimension
    std::int64_t fanout;  // masters: product of the block's factors
    std::array<std::int64_t, workload::kMaxDimensions> extent;  // per dimension, loops <= this
  };

  void prepare(const mapping::Mapping& mapping);
  void count_multicast_classes(int master);
  void visit(int loop, std::int64_t* deltas);
  void visit_temporal(int loop);
  void visit_spatial(int loop);
  void finish_visit(int loop, std::int64_t* deltas);
  std::int64_t footprint(const std::array<std::int64_t, workload::kMaxDimensions>& extent, int data_space,
                         Box& box) const;
  std::int64_t apply_delta_rule(TileState& state, const Box& box, std::int64_t size, int data_space) const;
  void collect(const mapping::Mapping& mapping);
  TileState& state(int loop, int data_space) { return states_[loop * num_data_spaces_ + data_space]; }
  // Working-set history of child 0 of a spatial fan-out onto the arithmetic.
  TileState& compute_child_state(int data_space) { return compute_child_states_[data_space]; }

  const workload::Workload& workload_;
  int num_dimensions_;
  int num_data_spaces_;
  int num_ranks_[workload::kMaxDataSpaces];
  NestOptions options_;
  const mapping::Mapping* mapping_ = nullptr;
  std::vector<LoopInfo> loops_;
  std::vector<TileState> states_;
  std::array<TileState, workload::kMaxDataSpaces> compute_child_states_;
  std::array<std::int64_t, workload::kMaxDimensions> unit_extent_;
  std::vector<std::int64_t> classes_;  // [loop * data spaces + t] for masters
  std::vector<std::int64_t> scratch_keys_;
  std::array<std::int64_t, workload::kMaxDimensions> origin_{};
  std::int64_t epoch_ = 1;
  double compute_counter_ = 0;
  NestResult result_;
};

}  // namespace cimloop::nest
