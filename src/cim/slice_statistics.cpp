#include "src/cim/slice_statistics.hpp"

#include <algorithm>
#include <numeric>

#include "src/common/error.hpp"

namespace cimloop::cim {

namespace {

// Bits of one code resized to `total_bits` by the up-sampling rule.
std::vector<double> resized_bits(const std::vector<uint8_t>& bits, int total_bits) {
  std::vector<double> out(total_bits, 0.0);
  const int kept = std::min<int>(total_bits, bits.size());
  double density = 0;
  for (uint8_t b : bits) density += b;
  density = bits.empty() ? 0 : density / bits.size();
  for (int j = 0; j < total_bits; ++j) out[j] = j < kept ? bits[j] : density;
  return out;
}

}  // namespace

std::vector<double> average_slice_values(const EncodedPmf& codes, int total_bits, int bits_per_slice,
                                         bool partial_slices_use_full_range) {
  if (total_bits < 1 || bits_per_slice < 1)
    throw InputError("slice statistics: bit counts must be >= 1");
  const int n_slices = (total_bits + bits_per_slice - 1) / bits_per_slice;
  const double full_scale = static_cast<double>((1L << bits_per_slice) - 1);
  std::vector<double> slices(n_slices, 0.0);
  for (const auto& code : codes) {
    const std::vector<double> bits = resized_bits(code.bits, total_bits);
    for (int s = 0; s < n_slices; ++s) {
      const int first = s * bits_per_slice;
      const int width = std::min(bits_per_slice, total_bits - first);
      double value = 0;
      for (int j = 0; j < width; ++j)
        value += bits[first + j] * static_cast<double>(1L << (width - j - 1));
      const double scale = partial_slices_use_full_range ? static_cast<double>((1L << width) - 1) : full_scale;
      slices[s] += code.probability * value / scale;
    }
  }
  return slices;
}

double average_slice_value(const EncodedPmf& codes, int total_bits, int bits_per_slice,
                           bool partial_slices_use_full_range) {
  const auto slices = average_slice_values(codes, total_bits, bits_per_slice, partial_slices_use_full_range);
  return std::accumulate(slices.begin(), slices.end(), 0.0) / slices.size();
}

std::vector<double> bit_distribution(const EncodedPmf& codes, int total_bits) {
  return average_slice_values(codes, total_bits, 1);
}

double mean_bit_flip_probability(const std::vector<double>& p) {
  if (p.empty()) return 0;
  double sum = 0;
  for (double q : p) sum += q * (1 - q);
  return sum / p.size();
}

}  // namespace cimloop::cim
