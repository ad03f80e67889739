// Our own sparse design (examples/sparse) runs without ERT/ART, and each of its sparse features
// is in effect: activations compressed in DRAM (smaller tiles, metadata traffic), decompressed
// and compressed at the global buffer, weight reads gated by zero inputs and MACs gated by zero
// operands, each priced by the built-in Accelergy below its full action.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "compat/timeloop/model_inputs.hpp"
#include "compat/timeloop/program_inputs.hpp"
#include "compat/v04/model_inputs.hpp"
#include "src/model/evaluation.hpp"
#include "src/sparse/sparse_evaluator.hpp"

namespace cimloop {
namespace {

namespace fs = std::filesystem;

const fs::path kDesign = fs::path(CIMLOOP_SOURCE_DIR) / "examples" / "sparse";

TEST(SparseExample, EverySparseFeatureIsInEffect) {
  const compat::MergedInput merged = compat::v04::load_program_inputs(
      {(kDesign / "arch.yaml").string(), (kDesign / "problem.yaml").string(), (kDesign / "map.yaml").string()}, {},
      compat::v04::Purpose::Model);
  const auto tables = compat::estimate_missing_tables(merged);
  ASSERT_TRUE(tables);
  compat::ModelInputs inputs = compat::load_model_inputs(merged);
  compat::apply_estimated_tables(*tables, merged, inputs);
  ASSERT_TRUE(inputs.sparse && inputs.sparse->optimized);
  const mapping::MappingSpec spec = compat::load_mapping_spec(merged, inputs);
  const mapping::Mapping mapping = mapping::build_mapping(spec, inputs.arch, inputs.workload);
  sparse::SparseEvaluator evaluator(inputs.arch, inputs.workload, *inputs.sparse);
  const sparse::SparseEvalResult& result = evaluator.evaluate(spec, mapping);
  ASSERT_TRUE(result.totals.valid) << result.totals.failure;

  const workload::Workload& w = inputs.workload;
  const int dram = inputs.arch.storage_index("DRAM"), glb = inputs.arch.storage_index("shared_glb");
  const int weights_spad = inputs.arch.storage_index("weights_spad");
  const int spaces = w.num_data_spaces();
  const int weights = w.data_space_index("Weights"), activations = w.data_space_index("Inputs");
  const sparse::TileState& compressed = result.analysis->tile(dram, activations);
  EXPECT_TRUE(compressed.compressed());
  EXPECT_LT(result.data_spaces[dram * spaces + activations].data_size, compressed.shape);
  EXPECT_GT(compressed.counts.ranks(sparse::Treatment::Random, sparse::Access::Read)[0].metadata, 0);
  const sparse::TileState& decompressed = result.analysis->tile(glb, activations);
  EXPECT_GT(decompressed.decompressions, 0u);
  EXPECT_GT(inputs.sparse->energies[glb].decompression, 0);
  EXPECT_GT(result.analysis->tile(weights_spad, weights).counts.at(sparse::Treatment::Gated, sparse::Access::Read), 0u);
  EXPECT_GT(inputs.sparse->energies[weights_spad].gated_read, 0);
  EXPECT_LT(inputs.sparse->energies[weights_spad].gated_read, inputs.arch.storage[weights_spad].read_energy);
  EXPECT_GT(result.analysis->compute().gated, 0u);
  EXPECT_LT(inputs.sparse->compute_energies.gated, inputs.arch.arithmetic.energy_per_op);

  // The same loop nest on dense data costs almost twice as much (77 uJ against 40 uJ).
  const model::EvalResult dense = model::evaluate(inputs.arch, inputs.workload, mapping);
  ASSERT_TRUE(dense.valid);
  EXPECT_LT(result.totals.energy, 0.6 * dense.energy);
}

}  // namespace
}  // namespace cimloop
