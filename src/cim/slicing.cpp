#include "src/cim/slicing.hpp"

#include <algorithm>

#include "src/common/error.hpp"

namespace cimloop::cim {

Slicing slice(const SlicingInputs& in) {
  for (int v : {in.encoded_input_bits, in.encoded_weight_bits, in.encoded_output_bits,
                in.dac_resolution, in.cim_unit_width_cells, in.cim_unit_depth_cells,
                in.bits_per_cell})
    if (v < 1) throw InputError("slicing: bit and cell counts must be >= 1");
  Slicing s;
  s.input_bits_per_slice = std::min(in.dac_resolution, in.encoded_input_bits);
  s.weight_bits_per_slice =
      std::min(in.cim_unit_width_cells * in.bits_per_cell, in.encoded_weight_bits);
  s.n_input_slices = (in.encoded_input_bits + s.input_bits_per_slice - 1) / s.input_bits_per_slice;
  s.n_weight_slices =
      (in.encoded_weight_bits + s.weight_bits_per_slice - 1) / s.weight_bits_per_slice;
  s.n_virtual_macs = s.input_bits_per_slice * s.weight_bits_per_slice * in.encoded_output_bits;
  return s;
}

ArrayShape array_shape(const std::vector<ArrayContainer>& containers, const SlicingInputs& in) {
  ArrayShape shape;
  for (const auto& c : containers) {
    if (c.fanout < 1) throw InputError("array container " + c.name + ": fanout must be >= 1");
    if (!c.array_container) continue;
    (c.along_rows ? shape.wordlines : shape.bitlines) *= c.fanout;
    if (c.shares != Tensor::inputs) shape.parallel_inputs *= c.fanout;
    if (c.shares != Tensor::outputs) shape.parallel_outputs *= c.fanout;
    if (c.shares != Tensor::weights) shape.parallel_weights *= c.fanout;
  }
  shape.wordlines *= in.cim_unit_depth_cells;
  shape.bitlines *= in.cim_unit_width_cells;
  return shape;
}

double cim_units_per_activation(const std::vector<ArrayContainer>& containers) {
  double n = 1;
  for (const auto& c : containers) n *= c.fanout;
  return n;
}

double values_per_activation(const std::vector<ArrayContainer>& containers, Tensor tensor,
                             size_t containers_above, size_t coalesced_below) {
  double values = 1;
  for (size_t i = 0; i < containers.size(); ++i) {
    const ArrayContainer& c = containers[i];
    const bool unmerged_copies = !c.spatial_reuse && i < coalesced_below;
    if (c.shares != tensor || i < containers_above || unmerged_copies) values *= c.fanout;
  }
  return values;
}

double instances_below(const std::vector<ArrayContainer>& containers, size_t containers_above) {
  double n = 1;
  for (size_t i = 0; i < containers_above && i < containers.size(); ++i) n *= containers[i].fanout;
  return n;
}

}  // namespace cimloop::cim
