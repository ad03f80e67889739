// Consistency of the mapper with the model on real architectures: the map.yaml writer
// reproduces the reference mapper's files, and the precheck never discards a mapping the
// model would accept.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "compat/config/input_files.hpp"
#include "compat/timeloop/map_yaml_writer.hpp"
#include "compat/timeloop/model_inputs.hpp"
#include "golden_helpers.hpp"
#include "src/mapper/constraints.hpp"
#include "src/mapper/mapspace.hpp"
#include "src/mapper/model_bridge.hpp"
#include "src/model/evaluation.hpp"

namespace cimloop::golden {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(CIMLOOP_FIXTURES_DIR) / "timeloop";

TEST(MapperMapYaml, ReproducesReferenceFiles) {
  CIMLOOP_REQUIRE_FIXTURES(kCases);
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    const fs::path reference = entry.path() / "expected/mapper/map.yaml";
    if (!fs::exists(reference)) continue;
    const compat::MergedInput merged =
        compat::load_merged_inputs({(entry.path() / "model-input.yaml").string(), reference.string()});
    compat::ModelInputs inputs = compat::load_model_inputs(merged);
    const mapping::MappingSpec spec = compat::load_mapping_spec(merged, inputs);
    EXPECT_EQ(compat::format_map_yaml(spec, inputs.arch, inputs.workload), read_file(reference)) << reference;
    ++checked;
  }
  EXPECT_GE(checked, 18);
}

// Every point the precheck rejects for capacity, fanout or total bypass is rejected by the
// model as well, so pruning never loses a valid mapping.
TEST(MapperPrecheck, RejectsOnlyWhatTheModelRejects) {
  CIMLOOP_REQUIRE_FIXTURES(kCases);
  for (const char* name : {"ex-eyeriss_like", "ex-simple_weight_stationary", "t02-interface-dse-2024"}) {
    const fs::path dir = kCases / name;
    const compat::MergedInput merged = compat::load_merged_inputs(
        {(dir / "model-input.yaml").string(), (dir / "ERT.yaml").string(), (dir / "ART.yaml").string()});
    const compat::ModelInputs inputs = compat::load_model_inputs(merged);
    const mapper::MapspaceShape shape = mapper::mapspace_shape(inputs.workload, inputs.arch);
    const mapper::Mapspace mapspace(shape, mapper::unconstrained(shape));
    model::Evaluator evaluator(inputs.arch, inputs.workload);
    mapper::Random random(9);
    int rejected = 0;
    mapper::MapPoint point = mapspace.sample(random);
    for (int i = 0; i < 600; ++i) {
      point = i % 3 == 0 ? mapspace.sample(random) : mapspace.mutate(point, random);
      const std::string reason = mapspace.precheck(point);
      const mapping::Mapping nest = mapping::build_mapping(mapper::to_mapping_spec(point, shape, mapspace.constraints()), inputs.arch, inputs.workload);
      const bool model_valid = evaluator.evaluate(nest).valid;
      if (reason.empty()) continue;
      ++rejected;
      EXPECT_FALSE(model_valid) << name << ": precheck rejected a valid mapping: " << reason;
    }
    EXPECT_GT(rejected, 0) << name;
  }
}

}  // namespace
}  // namespace cimloop::golden
