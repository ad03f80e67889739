#pragma once
// Small problem/architecture shapes shared by the mapper unit tests.
#include "src/mapper/mapspace_shape.hpp"

namespace cimloop::mapper::testing {

// Conv1D with output channels (K=32, R=3, P=16) on RegisterFile(64 words) -> GlobalBuffer
// (32768 words, fanout 4 along X and 2 along Y to the register files) -> MainMemory.
inline MapspaceShape conv1d_oc_shape() {
  MapspaceShape shape;
  shape.problem.dimension_names = {"K", "R", "P"};
  shape.problem.bounds = {32, 3, 16};
  shape.problem.data_spaces = {{"Weights", false, {{{0, 1}}, {{1, 1}}}},
                               {"Inputs", false, {{{1, 1}, {2, 1}}}},
                               {"Outputs", true, {{{0, 1}}, {{2, 1}}}}};
  shape.storage = {{"RegisterFile", 1, 1, 64}, {"GlobalBuffer", 4, 2, 32768}, {"MainMemory", 1, 1, std::nullopt}};
  return shape;
}

}  // namespace cimloop::mapper::testing
