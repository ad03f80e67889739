// Model inputs through the merged-input loader: libconfig and YAML spellings of the same legacy
// (arithmetic/storage) specification give identical results, split files merge, and bad input
// names file and line.
#include <gtest/gtest.h>

#include "model_test_inputs.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop {
namespace {


constexpr const char* kLegacyArchYaml = R"(
arch:
  arithmetic: {name: MAC, instances: 1, word_bits: 8}
  storage:
  - {name: Buffer, entries: 64, instances: 1, word_bits: 8}
  - {name: MainMemory, technology: DRAM, instances: 1, word_bits: 8, block_size: 8}
)";

const std::string kProblemYaml = testing::conv1d_problem(3, 16);

constexpr const char* kMappingYaml = R"(
mapping:
- {target: Buffer, type: temporal, factors: R=3 P=4, permutation: RP}
- {target: MainMemory, type: temporal, factors: R=1 P=4, permutation: RP}
)";

model::EvalResult evaluate(const testing::LoadedModel& model) {
  return model::evaluate(model.inputs.arch, model.inputs.workload, model.mapping);
}

TEST(ModelInputs, LibconfigAndSplitYamlAgree) {
  const testing::LoadedModel cfg = testing::load_model({{"legacy.cfg", testing::kLegacyConv1dCfg}});
  const testing::LoadedModel yaml = testing::load_model(
      {{"arch.yaml", kLegacyArchYaml}, {"problem.yaml", kProblemYaml}, {"map.yaml", kMappingYaml}});
  EXPECT_FALSE(cfg.inputs.tree_form);
  const model::EvalResult a = evaluate(cfg);
  const model::EvalResult b = evaluate(yaml);
  ASSERT_TRUE(a.valid && b.valid);
  EXPECT_EQ(a.arithmetic.computes, 48);
  EXPECT_EQ(a.cycles, b.cycles);
  EXPECT_DOUBLE_EQ(a.energy, b.energy);
  const int inputs = cfg.inputs.workload.data_space_index("Inputs");
  // Sliding Inputs tile of 6 moving by 4: 6 + 3 * 4 reads from main memory.
  EXPECT_EQ(a.storage[1].data_spaces[inputs].reads, 18);
  EXPECT_EQ(b.storage[1].data_spaces[inputs].reads, 18);
}

TEST(ModelInputs, LegacyFormUsesBuiltInEnergies) {
  const testing::LoadedModel cfg = testing::load_model({{"legacy.cfg", testing::kLegacyConv1dCfg}});
  EXPECT_DOUBLE_EQ(cfg.inputs.arch.arithmetic.energy_per_op, 0.25);           // (8/16)^2
  EXPECT_DOUBLE_EQ(cfg.inputs.arch.storage[1].read_energy, 200.0 * 8 * 8 / 16);  // DRAM, block 8
  EXPECT_EQ(cfg.inputs.arch.storage[1].energy_source, arch::EnergySource::PAT);
}

TEST(ModelInputs, BadValueNamesFileLineAndKey) {
  const std::string arch = std::string(kLegacyArchYaml) + "  # end\n";
  std::string broken = kProblemYaml;
  broken.replace(broken.find("R: 3"), 4, "R: three");
  try {
    testing::load_model({{"arch.yaml", arch}, {"problem.yaml", broken}, {"map.yaml", kMappingYaml}});
    FAIL() << "expected an input error";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("problem.yaml:9"), std::string::npos) << message;
    EXPECT_NE(message.find("R"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace cimloop
