#pragma once
// A tile's fibertree (Sparseloop's representation analysis): which loops of the nest each
// rank of the tile's format covers, the fiber shape of every rank, and the metadata and
// payload units the formats need for a tile holding a given number of non-zeros.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/sparse/complete_nest.hpp"
#include "src/sparse/density_model.hpp"
#include "src/sparse/tile_state.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::sparse {

// A loop that may become (part of) a rank, with its factor as the rank sees it.
struct CandidateLoop {
  int dimension;
  std::int64_t factor;
  int loop;  // index in the complete nest
};

struct RankContext {
  const workload::Workload& workload;
  const CompleteNest& nest;
  int data_space;
  std::uint32_t moving_dimensions;  // bit d: loops over d move the data space
  int level;
  int child;                    // nearest inner level keeping the data space, -1 = none
  const TileState* child_tile;  // that level's state (ranks already analysed), or null
  std::vector<CandidateLoop>& scratch;
  std::string_view level_name, child_name;  // for the failure reasons
};

// Assigns the tile's ranks. Returns Timeloop's failure reason ("" on success).
std::string assign_ranks(const RankContext& context, TileState& tile);

// Metadata and payload units of each rank for a tile of `tile.shape` points holding exactly
// `occupancy` non-zeros.
RankList metadata_occupancy(const TileState& tile, const DensityModel& density, std::int64_t occupancy);

// Bits of a list of per-rank units with the word bits of the tile's formats.
double metadata_bits(const TileState& tile, const RankList& units);

}  // namespace cimloop::sparse
