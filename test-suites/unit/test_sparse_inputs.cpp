// Sparseloop inputs: `sparse_optimizations`, densities and metadata attributes are read as
// Timeloop reads them, with its messages for what it rejects; without any optimisation the
// sparse model's counts are the dense ones.
#include <gtest/gtest.h>

#include <string>

#include "model_test_inputs.hpp"
#include "src/common/error.hpp"
#include "src/model/evaluation.hpp"
#include "src/sparse/sparse_evaluator.hpp"

namespace cimloop {
namespace {

// A dot product (K = 16) on one buffer whose metadata storage is `metadata` (YAML attributes).
std::string dot_product(const std::string& metadata, const std::string& sparse, const std::string& densities) {
  return "arch:\n"
         "  arithmetic: {name: MAC, instances: 1, word_bits: 8}\n"
         "  storage:\n"
         "  - {name: Buffer, entries: 64, instances: 1, word_bits: 8" + metadata + "}\n"
         "problem:\n"
         "  shape:\n"
         "    name: DotProduct\n"
         "    dimensions: [K, M]\n"
         "    data_spaces:\n"
         "    - {name: A, projection: [[[K]]]}\n"
         "    - {name: B, projection: [[[K]]]}\n"
         "    - {name: Z, projection: [[[M]]], read_write: true}\n"
         "  instance: {K: 16, M: 1" + densities + "}\n"
         "mapping:\n"
         "- {target: Buffer, type: temporal, factors: K=16 M=1, permutation: KM}\n"
         "sparse_optimizations:\n" + sparse;
}

testing::LoadedModel load(const std::string& text) { return testing::load_model({{"sparse.yaml", text}}); }

std::string error_of(const std::string& text) {
  try {
    load(text);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

constexpr const char* kRepresentation =
    "  targets:\n  - name: Buffer\n    representation_format:\n      data_spaces:\n      - name: A\n        ranks:\n";

TEST(SparseInputs, CompressedRankOverUncompressedRankIsRejected) {
  EXPECT_EQ(error_of(dot_product(", metadata_storage_width: 4, metadata_datawidth: 4",
                                 std::string(kRepresentation) + "        - {format: CP}\n        - {format: UOP}\n", "")),
            "data representation format not supported,currently do not support lower rank uncompressed, upper rank "
            "compressed formats: cp");
}

TEST(SparseInputs, ReferenceMessages) {
  const std::string md = ", metadata_storage_width: 4, metadata_datawidth: 4";
  try {
    load(dot_product(md, std::string(kRepresentation) + "        - {metadata_word_bits: 4}\n", ""));
    ADD_FAILURE() << "a rank without format was accepted";
  } catch (const StdoutInputError& error) {
    EXPECT_EQ(std::string(error.what()), "ERROR: data representation format specification: keyword \"format\" missing");
  }
  try {
    load(dot_product(", tile_partition_supported: true", "  {}\n", ""));
    ADD_FAILURE() << "runtime tile partitioning was accepted";
  } catch (const StdoutInputError& error) {
    EXPECT_EQ(std::string(error.what()), "ERROR: runtime tile partitioning is not supported yet");
  }
  EXPECT_EQ(error_of(dot_product(md, std::string(kRepresentation) + "        - {format: XY}\n", "")),
            "parsing specs... unrecognized metadata format name: XY");
  EXPECT_EQ(error_of(dot_product(md, "  targets:\n  - name: Nowhere\n    action_optimization: []\n", "")),
            "target storage level not found: Nowhere");
  // A bitmask needs one bit per coordinate: impossible without a metadata storage width.
  EXPECT_EQ(error_of(dot_product("", std::string(kRepresentation) + "        - {format: B}\n", "")),
            "specified format representation  word bits > metadata storage width at Buffer");
  EXPECT_NE(error_of(dot_product(md, "  {}\n", ", densities: {A: {distribution: banded, density: 0.5}}")).find(
                "banded density model is not supported"),
            std::string::npos);
  EXPECT_EQ(error_of(dot_product(md, "  {}\n", ", densities: {A: {distribution: zipf, density: 0.5}}")),
            "unrecognized density distribution type: zipf");
}

TEST(SparseInputs, WordBitsWidenToDivideTheMetadataWidth) {
  const testing::LoadedModel model = load(dot_product(", metadata_storage_width: 12, metadata_datawidth: 4",
                                                      std::string(kRepresentation) +
                                                          "        - {format: CP, metadata_word_bits: 5}\n",
                                                      ", densities: {A: 0.25}"));
  const sparse::RankSpec& rank = model.inputs.sparse->format(0, 0)->ranks[0];
  EXPECT_EQ(rank.metadata_word_bits, 6);
  EXPECT_EQ(rank.payload_word_bits, 4);  // the level's default
  ASSERT_EQ(model.inputs.stdout_messages.size(), 1u);
  EXPECT_EQ(model.inputs.stdout_messages[0],
            "Warning: Buffer: adjust representation format word bits from 5 to 6 to avoid storage fragmentation.");
}

TEST(SparseInputs, DensitiesAndMetadataStorage) {
  const testing::LoadedModel common = load(dot_product(", metadata_storage_depth: 8", "  {}\n", ", commonDensity: 0.3"));
  ASSERT_TRUE(common.inputs.sparse);
  EXPECT_FALSE(common.inputs.sparse->optimized);
  for (const sparse::DensitySpec& d : common.inputs.sparse->densities) EXPECT_EQ(d.density, 0.3);
  EXPECT_EQ(common.inputs.sparse->metadata[0].depth, 8);
  const testing::LoadedModel listed = load(dot_product(
      "", "  {}\n", ", densities: {B: {distribution: hypergeometric, density: 0.5, workload_tensor_size: 0}}"));
  EXPECT_EQ(listed.inputs.sparse->densities[0].density, 1.0);  // unlisted: dense
  EXPECT_EQ(listed.inputs.sparse->densities[1].kind, sparse::DensityKind::Hypergeometric);
  const testing::LoadedModel warned = load(dot_product("", "  targets:\n  - name: Buffer\n", ""));
  ASSERT_EQ(warned.inputs.stdout_messages.size(), 1u);
  EXPECT_EQ(warned.inputs.stdout_messages[0], "Warning: unrecognized sparse optimization optimization specification: Buffer");
}

// A density outside [0, 1] was accepted and gave nonsense energies.
TEST(SparseInputs, DensityOutsideZeroToOneIsRejected) {
  EXPECT_TRUE(error_of(dot_product("", "  {}\n", ", commonDensity: -0.5"))
                  .ends_with("sparse.yaml:13: density: must be between 0 and 1, got -0.5"));
  EXPECT_TRUE(error_of(dot_product("", "  {}\n", ", densities: {A: {distribution: hypergeometric, density: 1.5}}"))
                  .ends_with("sparse.yaml:13: density: must be between 0 and 1, got 1.5"));
  EXPECT_EQ(error_of(dot_product("", "  {}\n", ", densities: {A: 0, B: 1}")), "");
}

TEST(SparseInputs, WithoutOptimizationsTheCountsAreDense) {
  const testing::LoadedModel model = load(dot_product("", "  {}\n", ", densities: {A: 0.25}"));
  const compat::MergedInput& merged = model.merged;
  compat::ModelInputs inputs = model.inputs;
  const mapping::MappingSpec spec = compat::load_mapping_spec(merged, inputs);
  sparse::SparseEvaluator evaluator(inputs.arch, inputs.workload, *inputs.sparse);
  const sparse::SparseEvalResult& result = evaluator.evaluate(spec, model.mapping);
  const model::EvalResult dense = model::evaluate(inputs.arch, inputs.workload, model.mapping);
  ASSERT_TRUE(result.totals.valid && dense.valid);
  EXPECT_EQ(result.analysis->compute().random, 16u);
  EXPECT_EQ(result.totals.cycles, dense.cycles);
  EXPECT_DOUBLE_EQ(result.totals.energy, dense.energy);
  for (int t = 0; t < 3; ++t) {
    const sparse::TileState& tile = result.analysis->tile(0, t);
    EXPECT_EQ(tile.counts.at(sparse::Treatment::Random, sparse::Access::Read), tile.reads);
    EXPECT_EQ(tile.counts.at(sparse::Treatment::Random, sparse::Access::Update), tile.updates);
  }
}

}  // namespace
}  // namespace cimloop
