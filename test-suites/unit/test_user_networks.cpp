// User-defined networks (timeloop-model spec §2.4, §3.8): networks declared in the
// architecture and named by network_read/fill/drain/update, their ERT energies, and the Legacy
// network energy formulas. No reference output uses them, so the expected values are worked
// out by hand from the spec below.
//
// The design: a GLB fans out over 4 PEs along X (one register file and one MAC each) under a
// DRAM; Conv1D R=4, P=2; the GLB maps R=4 spatially and each PE does P=2 in time; every loop
// above runs once. One visit of the GLB fan-out (epoch 1) sends, per child r:
//   Weights {r}: 4 classes of one child, 1 element each  -> @multicast 1 @scatter 4: 4
//   Inputs {r, r+1}: 4 classes of one child, 2 elements  -> @multicast 1 @scatter 4: 8
//   Outputs {0, 1}: one class of all 4 children           -> @multicast 4 @scatter 1: 2
// Hops on the 4x1 mesh (centre row 0): a class costs its farthest column, so Weights
// 1*(0+1+2+3) = 6, Inputs 2*(0+1+2+3) = 12, Outputs 2*3 = 6.
#include <gtest/gtest.h>

#include <string>

#include "compat/timeloop/architecture_reader.hpp"
#include "compat/timeloop/stats_writer.hpp"
#include "model_test_inputs.hpp"
#include "src/common/error.hpp"
#include "src/model/evaluation.hpp"
#include "src/model/network_energy.hpp"

namespace cimloop {
namespace {

const char* kMapping = R"(
mapping:
- {target: PE, type: temporal, factors: R=1 P=2, permutation: RP}
- {target: GLB, type: spatial, factors: R=4 P=1, permutation: RP}
- {target: GLB, type: temporal, factors: R=1 P=1, permutation: RP}
- {target: DRAM, type: temporal, factors: R=1 P=1, permutation: RP}
)";

// `glb`, `pe` and `d2a` are extra attributes of those components; `ert` extra ERT tables.
std::string design(const std::string& glb, const std::string& pe, const std::string& ert, const std::string& d2a) {
  return R"(
architecture:
  version: '0.4'
  subtree:
  - name: system
    local:
    - name: DRAM[1..1]
      class: DRAM
      attributes: {width: 8, datawidth: 8, cluster_size: 1}
    - name: GLB[1..1]
      class: SRAM
      attributes: {depth: 64, width: 8, datawidth: 8, cluster_size: 1)" + glb + R"(}
    - name: D2A
      class: SimpleMulticast
      attributes: {datawidth: 8, action_name: transfer, multicast_factor_argument: num_destinations)" + d2a + R"(}
    - name: Tree
      class: ReductionTree
      attributes: {datawidth: 8, action_name: reduce, multicast_factor_argument: num_operands}
    - name: PE[1..4]
      class: regfile
      attributes: {depth: 16, width: 8, datawidth: 8, cluster_size: 1, meshX: 4)" + pe + R"(}
    - name: MAC[1..4]
      class: intmac
      attributes: {meshX: 4}
ERT:
  version: '0.4'
  tables:
  - name: system.DRAM[1..1]
    actions: [{name: read, energy: 0.0}]
)" + ert;
}

const char* kTransferErt = R"(
  - name: system.D2A
    actions:
    - {name: transfer, arguments: {num_destinations: 1}, energy: 1.0}
    - {name: transfer, arguments: {num_destinations: 4}, energy: 3.0}
)";

struct NetworkRun {
  testing::LoadedModel model;
  model::EvalResult result;
  int network(const std::string& name) const {
    for (std::size_t n = 0; n < model.inputs.arch.networks.size(); ++n)
      if (model.inputs.arch.networks[n].name == name) return static_cast<int>(n);
    return -1;
  }
  double energy(const std::string& name) const { return result.networks.at(network(name)).energy; }
  const model::NetworkDataSpaceStats& stats(const std::string& name, const std::string& data_space) const {
    return result.networks.at(network(name)).data_spaces[model.inputs.workload.data_space_index(data_space)];
  }
};

NetworkRun run(const std::string& glb, const std::string& pe, const std::string& ert, const std::string& d2a = "") {
  NetworkRun r{testing::load_model({{"arch.yaml", design(glb, pe, ert, d2a)},
                             {"problem.yaml", testing::conv1d_problem(4, 2)},
                             {"map.yaml", kMapping}}),
        {}};
  model::ModelOptions options;
  options.nest.network_statistics = true;
  r.result = model::evaluate(r.model.inputs.arch, r.model.inputs.workload, r.model.mapping, options);
  EXPECT_TRUE(r.result.valid) << r.result.failure;
  return r;
}

std::string load_error(const std::string& glb, const std::string& pe) {
  try {
    run(glb, pe, "");
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(UserNetworks, NamedNetworksReplaceTheInferredOne) {
  const NetworkRun r = run(", network_read: D2A, network_update: Tree", ", network_fill: D2A, network_drain: Tree", "");
  const arch::ArchSpec& arch = r.model.inputs.arch;
  const int glb = arch.storage_index("GLB");
  EXPECT_EQ(arch.storage[glb].read_network, r.network("D2A"));
  EXPECT_EQ(arch.storage[glb].update_network, r.network("Tree"));
  EXPECT_EQ(arch.networks[r.network("D2A")].connection, arch::kReadFill);
  EXPECT_EQ(arch.networks[r.network("Tree")].connection, arch::kUpdateDrain);
  EXPECT_EQ(arch.networks[r.network("D2A")].source_level, glb);
  EXPECT_EQ(r.network("GLB <==> PE"), -1);  // both directions are named
  EXPECT_EQ(arch.networks[r.network("DRAM <==> GLB")].connection, arch::kReadFill | arch::kUpdateDrain);
  EXPECT_EQ(arch.networks[r.network("PE <==> MAC")].connection, arch::kReadFill | arch::kUpdateDrain);
}

TEST(UserNetworks, UnknownOrConflictingNamesAreInputErrors) {
  EXPECT_NE(load_error(", network_read: Nope", "").find("network Nope not found."), std::string::npos);
  EXPECT_NE(load_error(", network_read: D2A", ", network_fill: Tree").find("network_fill"), std::string::npos);
  // One network cannot serve two pairs of levels.
  EXPECT_NE(load_error(", network_read: D2A", ", network_read: D2A").find("one pair"), std::string::npos);
}

TEST(UserNetworks, SimpleMulticastPricesEachIngressAtItsMulticastFactor) {
  const NetworkRun r = run(", network_read: D2A, network_update: D2A", ", network_fill: D2A, network_drain: D2A",
                    kTransferErt);
  // Weights 4 ingresses at 1 destination and Inputs 8: 12 * 1.0; Outputs 2 at 4: 2 * 3.0.
  EXPECT_DOUBLE_EQ(r.stats("D2A", "Weights").energy, 4.0);
  EXPECT_DOUBLE_EQ(r.stats("D2A", "Inputs").energy, 8.0);
  EXPECT_DOUBLE_EQ(r.stats("D2A", "Outputs").energy, 6.0);
  EXPECT_DOUBLE_EQ(r.energy("D2A"), 18.0);
  EXPECT_EQ(r.stats("D2A", "Outputs").multicast_factor, 4);
  EXPECT_EQ(r.model.inputs.arch.networks[r.network("D2A")].connection, arch::kReadFill | arch::kUpdateDrain);
  // The run's energy includes the network's.
  double levels = r.result.arithmetic.energy;
  for (const model::BufferStats& level : r.result.storage) levels += level.energy;
  EXPECT_DOUBLE_EQ(r.result.energy - levels, 18.0);
}

TEST(UserNetworks, PerDataTypeActionsTakePrecedence) {
  const std::string ert = std::string(kTransferErt) + "    - {name: transfer_Inputs, arguments: {num_destinations: 1}, energy: 0.5}\n";
  EXPECT_DOUBLE_EQ(run(", network_read: D2A", ", network_fill: D2A", "").energy("D2A"), 0.0);  // no ERT entry
  // per_datatype_ERT off: Inputs use "transfer" too, 12 * 1.0.
  EXPECT_DOUBLE_EQ(run(", network_read: D2A", ", network_fill: D2A", ert).energy("D2A"), 12.0);
  // On: Inputs use "transfer_Inputs", Weights fall back to "transfer": 4 * 1.0 + 8 * 0.5.
  EXPECT_DOUBLE_EQ(run(", network_read: D2A", ", network_fill: D2A", ert, ", per_datatype_ERT: true").energy("D2A"), 8.0);
}

TEST(UserNetworks, ReductionTreePricesSpatialReductionsOfOutputs) {
  const std::string ert = R"(
  - name: system.Tree
    actions:
    - {name: reduce, arguments: {num_operands: 2}, energy: 0.5}
    - {name: reduce, arguments: {num_operands: 4}, energy: 1.2}
)";
  const NetworkRun r = run(", network_read: D2A, network_update: Tree", ", network_fill: D2A, network_drain: Tree",
                    std::string(kTransferErt) + ert);
  // Outputs: one class of 4 children, 2 elements: 2 four-operand reductions of 1.2 pJ, and
  // (4 - 1) * 2 = 6 spatial reductions.
  EXPECT_EQ(r.stats("Tree", "Outputs").spatial_reductions, 6);
  EXPECT_DOUBLE_EQ(r.stats("Tree", "Outputs").spatial_reduction_energy, 2.4);
  EXPECT_DOUBLE_EQ(r.energy("Tree"), 2.4);
  // The read network carries Weights and Inputs only: 12 ingresses at 1 destination.
  EXPECT_DOUBLE_EQ(r.energy("D2A"), 12.0);
  EXPECT_DOUBLE_EQ(r.stats("D2A", "Outputs").energy, 0.0);
  EXPECT_TRUE(r.stats("D2A", "Outputs").ingresses.empty());
}

TEST(UserNetworks, ReductionTreeWithoutOperandArgumentAddsPairwise) {
  const std::string ert = "  - name: system.Tree\n    actions: [{name: reduce, energy: 0.5}]\n";
  const NetworkRun r = run(", network_update: Tree", ", network_drain: Tree", ert);
  // 3 two-operand additions for each of the 2 elements: 6 * 0.5.
  EXPECT_DOUBLE_EQ(r.energy("Tree"), 3.0);
}

TEST(UserNetworks, EnergyAtFactorInterpolatesInProportion) {
  const std::map<std::int64_t, double> energies{{1, 1.0}, {2, 1.6}};
  EXPECT_DOUBLE_EQ(model::energy_at_factor(energies, 2), 1.6);
  EXPECT_DOUBLE_EQ(model::energy_at_factor(energies, 4), 3.2);  // 1.6 per 2 destinations
  EXPECT_DOUBLE_EQ(model::energy_at_factor({{4, 2.0}}, 2), 1.0);
  EXPECT_DOUBLE_EQ(model::energy_at_factor({{arch::NetworkSpec::kNoFactor, 0.7}}, 9), 0.7);
  EXPECT_DOUBLE_EQ(model::energy_at_factor({}, 3), 0.0);
}

// §3.8 on the inferred GLB <==> PE network, 0.1 pJ per hop, 0.2 pJ per router, 0.05 pJ per
// ingress. Per data space (a ingresses, h weighted hops): wire h * 0.1, routers
// (1 + floor(h / a)) * a * 0.2, ingresses a * 0.05:
//   Weights a 4, h 6:  0.6 + 2 * 4 * 0.2 + 0.2 = 2.4
//   Inputs  a 8, h 12: 1.2 + 2 * 8 * 0.2 + 0.4 = 4.8
//   Outputs a 2, h 6:  0.6 + 4 * 2 * 0.2 + 0.1 = 2.3  (the GLB reduces, so no read-back)
TEST(UserNetworks, LegacyNetworkEnergyFromHopsRoutersAndIngresses) {
  const NetworkRun r = run(", energy_per_hop: 0.1, router_energy: 0.2, energy-per-ingress: 0.05", "", "");
  EXPECT_NEAR(r.stats("GLB <==> PE", "Weights").energy, 2.4, 1e-12);
  EXPECT_NEAR(r.stats("GLB <==> PE", "Inputs").energy, 4.8, 1e-12);
  EXPECT_NEAR(r.stats("GLB <==> PE", "Outputs").energy, 2.3, 1e-12);
  EXPECT_NEAR(r.energy("GLB <==> PE"), 9.5, 1e-12);
  EXPECT_DOUBLE_EQ(r.stats("GLB <==> PE", "Inputs").average_hops, 1.5);
  // Per hop from the wire: word bits 8 * 0.5 mm * 0.025 pJ/b/mm = 0.1 pJ.
  const NetworkRun wire = run(", tile_width: 500, wire_energy: 0.025, router_energy: 0.2, energy-per-ingress: 0.05", "", "");
  EXPECT_NEAR(wire.stats("GLB <==> PE", "Weights").energy_per_hop, 0.1, 1e-12);
  EXPECT_NEAR(wire.energy("GLB <==> PE"), 9.5, 1e-12);
}

TEST(UserNetworks, StatsShowPricedNetworksAndTheirEnergyPerCompute) {
  const NetworkRun r = run(", network_read: D2A, network_update: D2A", ", network_fill: D2A, network_drain: D2A",
                    kTransferErt);
  compat::StatsOptions options;
  const std::string text = compat::format_stats(r.model.inputs.arch, r.model.inputs.workload, r.model.mapping,
                                                r.result, options);
  EXPECT_NE(text.find("Network 0\n---------\nD2A\n\n    SPECS\n    -----\n        Type            : SimpleMulticast\n"
                      "        ConnectionType  : 3\n        Word bits       : 8\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("            @multicast 4 @scatter 1: 2.00\n"), std::string::npos);
  EXPECT_EQ(text.find("Network 1"), std::string::npos);  // the unpriced networks are hidden
  // 18 pJ over R * P = 8 computes.
  EXPECT_NE(text.find("    D2A           = 2250.00\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace cimloop

namespace cimloop {
namespace {

// The legacy (ISPASS) form declares networks in an `arch.network` list.
TEST(UserNetworks, LegacyFormDeclaresNetworksInAList) {
  const YAML::Node root = YAML::Load(R"(
arch:
  arithmetic: {name: MAC, instances: 4, word_bits: 8}
  storage:
  - {name: RF, instances: 4, word_bits: 8, entries: 16, network_fill: Bus}
  - {name: GLB, instances: 1, word_bits: 8, entries: 64, network_read: Bus}
  network:
  - {name: Bus, class: SimpleMulticast, network_word_bits: 8}
)");
  std::vector<std::string> warnings;
  const arch::ArchSpec spec = compat::parse_architecture(root["arch"], YAML::Node(), compat::SourceMap(), warnings);
  ASSERT_EQ(spec.networks.size(), 3u);  // Bus, the GLB <==> RF updates, RF <==> MAC
  const arch::NetworkSpec& bus = spec.networks[spec.storage[1].read_network];
  EXPECT_EQ(bus.name, "Bus");
  EXPECT_EQ(bus.network_class, arch::NetworkClass::SimpleMulticast);
  EXPECT_EQ(bus.word_bits, 8);
  EXPECT_EQ(bus.connection, arch::kReadFill);
  EXPECT_EQ(bus.source_level, 1);
  EXPECT_EQ(spec.networks[spec.storage[1].update_network].name, "GLB <==> RF");
  EXPECT_EQ(spec.networks[spec.storage[1].update_network].connection, arch::kUpdateDrain);
  EXPECT_EQ(spec.networks[spec.storage[0].read_network].name, "RF <==> MAC");
}

}  // namespace
}  // namespace cimloop
