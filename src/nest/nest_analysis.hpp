#pragma once
// The recursive working-set simulation of a loop nest (Timeloop's nest analysis): working
// sets are boxes (one interval per tensor rank), temporal loops are extrapolated from their
// first two iterations and spatial fan-outs from their first child, so the cost grows with
// 2^(temporal loops) and not with the iteration count. The result is, per storage level and
// data space, the tile size and the traffic the level's children request.
//
// Imperfect factorization (loops with a residual): a loop runs its residual in the last pass
// of all enclosing loops of its dimension, so working sets shrink there; temporal loops then
// also simulate their second-to-last and last iterations (Timeloop's schedule), a fan-out
// serves only the children that exist in the pass it is visited in, and tile sizes are the
// largest working sets.
#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "src/mapping/mapping.hpp"
#include "src/nest/link_transfers.hpp"
#include "src/nest/multicast.hpp"
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
  bool link_transfers = true;   // TIMELOOP_DISABLE_LINK_TRANSFERS turns them off
  bool toroidal_links = false;  // TIMELOOP_ENABLE_TOROIDAL_LINKS
  bool network_statistics = false;  // fill the multicast histograms (stats.txt networks)
  bool run_last_iteration = false;  // TIMELOOP_RUN_LAST_ITERATION (always on when imperfect)
};

// Per storage level and data space, before bypass handling.
struct LevelDataSpaceTraffic {
  std::int64_t tile_size = 0;       // working set at the level's outermost loop
  std::int64_t innermost_size = 0;  // working set at the level's innermost record
  double content_accesses = 0;      // accesses the children request (summed over multicast classes)
  double weighted_accesses = 0;     // sum over multicast classes of accesses * class size
  double link_transfers = 0;        // data children received from a neighbour instead
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
  // With NestOptions::network_statistics: [level * kMaxDataSpaces + t], the children's
  // requests by multicast class.
  std::vector<MulticastHistogram> histograms;
};

// Reusable analysis: keeps its scratch buffers between runs, so evaluating many mappings of
// one workload allocates nothing after the first run.
class NestAnalysis {
 public:
  explicit NestAnalysis(const workload::Workload& workload);
  const NestResult& run(const mapping::Mapping& mapping, const NestOptions& options = {});

 private:
  // Working sets of one loop have the same shape (extent per rank) except in last passes of
  // imperfect loops; a working set is its shape plus the position of its lower corner.
  struct Shape {
    std::int64_t size = 1;
    RankVector span{};
  };
  struct TileState {
    RankVector last;    // lower corner of the previous working set
    RankVector stride;  // remembered translation
    bool has_last = false;
    bool has_stride = false;
    double accesses = 0;  // content accesses requested by the children
    double weighted = 0;  // spatial: accesses summed over the children they reach
    double links = 0;     // spatial: link transfers
  };
  // Multicast classes and link neighbourhoods of one spatial block; they depend only on the
  // block's loops, so they are cached across evaluations (mappings often share blocks).
  struct FanoutAnalysis {
    std::vector<std::int64_t> key;
    std::array<std::int64_t, workload::kMaxDataSpaces> classes{};
    std::array<LinkPlan, workload::kMaxDataSpaces> plans;
    std::array<std::vector<ClassGroup>, workload::kMaxDataSpaces> groups;  // network statistics only
    std::int64_t receivers = 0;  // children that exist (fewer than the fanout in a residual pass)
  };
  struct FanoutState {  // per spatial master and data space
    LinkPlan* plan = nullptr;
    const std::vector<ClassGroup>* groups = nullptr;
    DeltaSet previous;  // child 0's delta on the previous visit
    bool has_previous = false;
  };
  struct LoopInfo {
    int dimension;
    std::int64_t factor;
    std::int64_t residual;  // iterations in a last pass of the enclosing loops of its dimension
    bool spatial, boundary, master;
    int block_begin;      // masters: innermost loop of the spatial block
    int owner;            // storage level
    std::int64_t step;    // product of inner factors of the same dimension
    std::int64_t fanout;    // masters: product of the block's factors
    std::int64_t fanout_x;  // masters: product of the block's Spatial-X factors
    // A factor-1 boundary right above another boundary sees the same working sets at the
    // same visits, so its deltas are the child's.
    bool mirrors_child;
    bool feeds_fanout;  // boundary whose deltas a spatial fan-out compares (link transfers)
    std::uint32_t residual_dims;  // imperfect only: dimensions whose extent here depends on the pass
  };
  // Imperfect mappings: per tracked loop and dimension, the extent of its working sets in a
  // last pass of the enclosing loops of that dimension, and otherwise.
  struct PassExtents {
    std::array<std::int64_t, workload::kMaxDimensions> last{}, other{};
  };
  // One simulated iteration of a temporal loop, standing for `repeats` iterations.
  struct Pass {
    std::int64_t position, repeats;
  };

  void prepare(const mapping::Mapping& mapping);
  void compute_shapes(int loop, const std::array<std::int64_t, workload::kMaxDimensions>& extent);
  FanoutAnalysis& analyse_fanout(int master, std::uint32_t last_pass_dims = 0);
  void count_multicast_classes(int master, std::uint32_t last_pass_dims, FanoutAnalysis& analysis);
  void mark_existing_children(int master, std::uint32_t last_pass_dims);
  std::uint32_t child_zero_last_passes(int master) const;
  MeshShape mesh_of(int master) const;
  void account_spatial(int loop, int data_space, std::int64_t delta);
  void visit(int loop, std::int64_t* deltas);
  void visit_temporal(int loop, std::int64_t* deltas);
  void visit_spatial(int loop);
  void visit_passes(int loop, std::int64_t* deltas);
  int temporal_passes(std::int64_t iterations, Pass* passes) const;
  void visit_imperfect_fanout(int loop);
  void finish_visit(int loop, std::int64_t* deltas);
  void finish_imperfect_visit(int loop, std::int64_t* deltas);
  const Shape* pass_shapes(int loop);
  std::int64_t apply_delta_rule_reshaped(TileState& state, RankVector& last_span, const Shape& shape, int data_space);
  void shift_origin(int dimension, std::int64_t amount);
  template <bool kRecordSet>
  std::int64_t apply_delta_rule(TileState& state, const Shape& shape, int data_space);
  void collect(const mapping::Mapping& mapping);
  TileState& state(int loop, int data_space) { return states_[loop * num_data_spaces_ + data_space]; }
  const Shape& shape(int loop, int data_space) const { return shapes_[loop * num_data_spaces_ + data_space]; }
  std::int64_t coefficient(int data_space, int dimension, int rank) const {
    return coefficients_[(data_space * workload::kMaxDimensions + dimension) * workload::kMaxRanks + rank];
  }

  void prepare_imperfect(const mapping::Mapping& mapping);

  int num_dimensions_;
  int num_data_spaces_;
  int num_ranks_[workload::kMaxDataSpaces];
  NestOptions options_;
  const mapping::Mapping* mapping_ = nullptr;
  std::vector<LoopInfo> loops_;
  // Summed coefficient of each dimension in each rank: [t][dimension][rank].
  std::vector<std::int64_t> coefficients_;
  // Per dimension, the (data space, rank, coefficient) entries it moves.
  struct RankMove {
    int data_space, rank;
    std::int64_t coefficient;
  };
  std::array<std::vector<RankMove>, workload::kMaxDimensions> dimension_moves_;
  // Every term of every rank projection, flattened for compute_shapes.
  struct SpanTerm {
    int data_space, rank, dimension;
    std::int64_t magnitude;  // |coefficient|
  };
  std::vector<SpanTerm> span_terms_;
  std::vector<TileState> states_;
  std::vector<Shape> shapes_;          // [loop * data spaces + t]
  std::array<TileState, workload::kMaxDataSpaces> compute_child_states_;
  Shape unit_shape_;                   // one operation
  std::vector<std::int64_t> classes_;  // [loop * data spaces + t] for masters
  std::vector<std::int64_t> scratch_keys_;
  std::vector<const std::int64_t*> scratch_rows_;
  std::vector<FanoutState> fanouts_;  // [loop * data spaces + t] for masters
  std::vector<MulticastHistogram> histograms_;  // [loop * data spaces + t] for masters (network statistics)
  std::deque<FanoutAnalysis> fanout_cache_;
  std::vector<std::int64_t> scratch_key_;
  std::array<DeltaSet, workload::kMaxDataSpaces> last_delta_;  // of the last boundary visited
  std::vector<char> scratch_usable_;
  std::array<RankVector, workload::kMaxDataSpaces> corner_{};  // current origin projected per rank
  std::int64_t epoch_ = 1;
  double compute_counter_ = 0;
  // Imperfect factorization.
  bool imperfect_ = false;
  bool run_last_ = false;              // simulate last iterations (second-to-last too when imperfect)
  std::uint32_t last_pass_ = ~0u;      // bit d: every enclosing loop of dimension d is in its last pass
  std::vector<PassExtents> pass_extents_;  // [loop]
  std::vector<RankVector> last_spans_;     // [loop * data spaces + t]: span of the previous working set
  std::array<RankVector, workload::kMaxDataSpaces> compute_child_spans_{};
  std::array<Shape, workload::kMaxDataSpaces> pass_shapes_;  // scratch
  std::vector<char> child_exists_;         // scratch: children of a fan-out in the current pass
  NestResult result_;
};

}  // namespace cimloop::nest
