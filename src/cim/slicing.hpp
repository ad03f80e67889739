#pragma once
// Bit-level slicing of a CiM array (CiMLoop spec §1.1, §1.3): input/weight/output bit
// dimensions, bits per slice, the virtual 1b x 1b MAC, and the array sizes and parallelism
// that !ArrayContainers imply.
#include <string>
#include <vector>

namespace cimloop::cim {

enum class Tensor { inputs, weights, outputs };

// One !ArrayContainer: `fanout` copies along columns (X) or rows (Y); the tensor it shares
// (multicasts or reduces) is the one its "spatial must reuse" names.
struct ArrayContainer {
  std::string name;
  int fanout = 1;
  bool along_rows = false;  // meshY (rows) instead of meshX (columns)
  Tensor shares = Tensor::inputs;
  // False for a container that maps copies of the same `shares` values without spatial
  // reuse (no_spatial_reuse, e.g. two arrays whose partial sums an analog adder merges):
  // the copies stay separate until a coalescing component above merges them.
  bool spatial_reuse = true;
  // False for a plain !Container with a spatial fanout (e.g. Albireo's PLCGs): it counts
  // copies and actions like the others but does not size the array (ARRAY_* variables).
  bool array_container = true;
};

struct SlicingInputs {
  int encoded_input_bits = 8;
  int encoded_weight_bits = 8;
  int encoded_output_bits = 8;
  int dac_resolution = 1;   // max(voltage DAC, temporal DAC)
  int cim_unit_width_cells = 1;
  int cim_unit_depth_cells = 1;
  int bits_per_cell = 1;
};

struct Slicing {
  int input_bits_per_slice = 0;   // min(DAC, EIB)
  int weight_bits_per_slice = 0;  // min(width cells x bits per cell, EWB)
  int n_input_slices = 0;         // ceil(EIB / bits per slice)
  int n_weight_slices = 0;
  int n_virtual_macs = 0;         // bits/input slice x bits/weight slice x EOB
};

// Throws InputError when a bit count or cell count is < 1.
Slicing slice(const SlicingInputs& in);

struct ArrayShape {
  double wordlines = 1;         // product of row fanouts x CiM unit depth
  double bitlines = 1;          // product of column fanouts x CiM unit width
  double parallel_inputs = 1;   // fanouts of containers that do not share inputs
  double parallel_outputs = 1;
  double parallel_weights = 1;  // CiM units active at once
};

ArrayShape array_shape(const std::vector<ArrayContainer>& containers, const SlicingInputs& in);

// Virtual (1b-slice x 1b-slice) MACs of one activation: every copy of the CiM unit computes,
// including copies that share weights (e.g. columns working on different outputs).
double cim_units_per_activation(const std::vector<ArrayContainer>& containers);

// Actions per array activation of a component keeping `tensor` that sits below the first
// `containers_above` containers: one per distinct value of that tensor crossing it. Copies
// from containers without spatial reuse count separately unless a coalescing component
// below it, enclosed by `coalesced_below` containers, merged them first.
constexpr size_t kNotCoalesced = static_cast<size_t>(-1);
double values_per_activation(const std::vector<ArrayContainer>& containers, Tensor tensor,
                             size_t containers_above, size_t coalesced_below = kNotCoalesced);

// Copies of a component below the first `containers_above` containers.
double instances_below(const std::vector<ArrayContainer>& containers, size_t containers_above);

}  // namespace cimloop::cim
