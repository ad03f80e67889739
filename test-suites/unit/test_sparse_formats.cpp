// Fibertree representation of a tile (Sparseloop): which loops each rank of a format covers,
// and the metadata/payload units each format needs for a given occupancy (the spMspM numbers
// of the specification, §9.3).
#include <gtest/gtest.h>

#include <vector>

#include "src/sparse/fibertree.hpp"

namespace cimloop::sparse {
namespace {

// B[N,K] of an 8x8x8 matmul (dimensions M, N, K), one level holding loops M8 N8 K8 (M innermost).
workload::Workload matmul() {
  workload::Workload w;
  w.dimension_names = {"M", "N", "K"};
  w.bounds = {8, 8, 8};
  w.data_spaces = {{"A", false, {{{0, 1}}, {{2, 1}}}}, {"B", false, {{{1, 1}}, {{2, 1}}}}, {"Z", true, {{{0, 1}}, {{1, 1}}}}};
  return w;
}

CompleteNest one_level_nest() {
  CompleteNest nest;
  nest.loops = {{0, 8, false, 0}, {1, 8, false, 0}, {2, 8, false, 0}};
  nest.level_end = {3};
  Extents extents;
  extents.fill(1);
  for (const NestLoop& loop : nest.loops) {
    extents[loop.dimension] *= loop.factor;
    nest.molds.push_back(extents);
  }
  return nest;
}

RepresentationSpec format(std::vector<RankFormat> innermost_first) {
  RepresentationSpec spec;
  for (RankFormat f : innermost_first) {
    RankSpec rank;
    rank.format = f;
    rank.metadata_word_bits = rank.payload_word_bits = 4;
    spec.ranks.push_back(rank);
    spec.compressed = spec.compressed || is_compressed(f);
  }
  spec.has_metadata = true;
  return spec;
}

// B's whole 64-point tile in the given format, its ranks assigned; `failure` gets the reason
// when they cannot be.
TileState assigned(const RepresentationSpec& spec, std::string* failure = nullptr) {
  const workload::Workload w = matmul();
  const CompleteNest nest = one_level_nest();
  std::vector<CandidateLoop> scratch;
  TileState tile;
  tile.kept = true;
  tile.shape = 64;
  tile.format = &spec;
  const RankContext context{w, nest, 1, moving_dimensions(w, 1), 0, -1, nullptr, scratch, "Buffer", ""};
  const std::string reason = assign_ranks(context, tile);
  if (failure) *failure = reason;
  else EXPECT_EQ(reason, "");
  return tile;
}

TEST(SparseFormats, RanksTakeTheLoopsFromTheOutermost) {
  const RepresentationSpec spec = format({RankFormat::CP, RankFormat::UOP});
  const TileState tile = assigned(spec);
  ASSERT_EQ(tile.ranks.count, 2);
  EXPECT_EQ(tile.ranks.fiber_shape[1], 8);  // UOP over K8
  EXPECT_EQ(tile.ranks.fiber_shape[0], 8);  // CP over N8
  EXPECT_EQ(tile.ranks.points[0], 1);
  EXPECT_EQ(tile.ranks.points[1], 8);   // an N fiber
  EXPECT_EQ(tile.ranks.points[2], 64);  // the whole tile
}

TEST(SparseFormats, MetadataUnitsPerFormat) {
  const DensityModel half({DensityKind::FixedStructured, 0.5, 0, 0}, 64);
  struct Expected {
    RankFormat inner;
    double metadata, payload;
  };
  // Eight N fibers of eight points, 32 non-zeros in all: 4 per fiber.
  for (const Expected& e : {Expected{RankFormat::CP, 32, 0}, Expected{RankFormat::RLE, 32, 0},
                            Expected{RankFormat::B, 64, 0}, Expected{RankFormat::UB, 64, 0}}) {
    const RepresentationSpec spec = format({e.inner, RankFormat::UOP});
    const TileState tile = assigned(spec);
    const RankList units = metadata_occupancy(tile, half, 32);
    EXPECT_EQ(units[1].metadata, 0) << format_name(e.inner);
    EXPECT_EQ(units[1].payload, 9) << format_name(e.inner);  // offsets of 8 fibers
    EXPECT_EQ(units[0].metadata, e.metadata) << format_name(e.inner);
    EXPECT_EQ(units[0].payload, e.payload) << format_name(e.inner);  // the data itself
    EXPECT_EQ(metadata_bits(tile, units), 4 * (9 + e.metadata));
  }
  // An empty tile has no fibers.
  const RepresentationSpec spec = format({RankFormat::CP, RankFormat::UOP});
  const RankList empty = metadata_occupancy(assigned(spec), half, 0);
  EXPECT_EQ(empty[1].payload, 0);
  EXPECT_EQ(empty[0].metadata, 0);
}

TEST(SparseFormats, TooFewRanksForTheLoopsFail) {
  std::string failure;
  assigned(format({RankFormat::CP}), &failure);
  EXPECT_EQ(failure, "more compression ranks needed than supported in hardware. dataspace name: B");
}

}  // namespace
}  // namespace cimloop::sparse
