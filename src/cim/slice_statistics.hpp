#pragma once
// From an encoded PMF to per-slice statistics (CiMLoop spec §2.3).
#include <vector>

#include "src/cim/encoding.hpp"

namespace cimloop::cim {

// Per-slice average encoded value in [0, 1] of `total_bits` bits cut into slices of
// `bits_per_slice` (MSB slice first; the last slice may be partial). Every slice is
// normalised by 2^bits_per_slice - 1, or, with partial_slices_use_full_range, by 2^its own
// bits - 1 (a partial slice then spans [0, 1] too). Codes shorter than total_bits get their
// missing low-order bits set to the code's mean bit density; longer codes keep their MSBs.
std::vector<double> average_slice_values(const EncodedPmf& codes, int total_bits, int bits_per_slice,
                                         bool partial_slices_use_full_range = false);

// Mean of average_slice_values: AVERAGE_INPUT_VALUE / AVERAGE_WEIGHT_VALUE.
double average_slice_value(const EncodedPmf& codes, int total_bits, int bits_per_slice,
                           bool partial_slices_use_full_range = false);

// P(bit = 1) for each of the total_bits bits, MSB first (INPUT/WEIGHT_BIT_DISTRIBUTION).
std::vector<double> bit_distribution(const EncodedPmf& codes, int total_bits);

// Mean over bits of p (1 - p): the probability that a bit flips between two independent
// values (used by flip-flop and C-2C switching energies).
double mean_bit_flip_probability(const std::vector<double>& bit_probabilities);

}  // namespace cimloop::cim
