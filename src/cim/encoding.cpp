#include "src/cim/encoding.hpp"

#include <cstdlib>
#include <map>

#include "src/common/error.hpp"

namespace cimloop::cim {

Encoding parse_encoding(const std::string& name, const std::string& where) {
  static const std::map<std::string, Encoding> names = {
      {"offset", Encoding::offset},
      {"magnitude", Encoding::magnitude},
      {"two_part_magnitude", Encoding::two_part_magnitude},
      {"differential", Encoding::two_part_magnitude},
      {"xnor", Encoding::xnor},
      {"zero_gated_xnor", Encoding::zero_gated_xnor},
      {"twos_complement", Encoding::twos_complement},
      {"offset_if_signed", Encoding::offset_if_signed},
      {"two_part_magnitude_if_signed", Encoding::two_part_magnitude_if_signed},
      {"twos_complement_if_signed", Encoding::twos_complement_if_signed},
  };
  std::string key = name;
  for (const std::string suffix : {"_encode_hist", "_encode_if_signed_hist"}) {
    if (key.size() > suffix.size() && key.ends_with(suffix)) {
      key = key.substr(0, key.size() - suffix.size());
      if (suffix == "_encode_if_signed_hist") key += "_if_signed";
      break;
    }
  }
  auto it = names.find(key);
  if (it == names.end()) throw InputError(where + ": unknown encoding '" + name + "'");
  return it->second;
}

namespace {

std::vector<uint8_t> binary(long value, int bits) {
  std::vector<uint8_t> out(bits);
  for (int j = 0; j < bits; ++j) out[j] = (value >> (bits - 1 - j)) & 1;
  return out;
}

// XNOR: value = sum_j s_j 2^j (j = n-1..0) + s_a/2 + s_b/2 with s = +-1. In half units the
// bit weights are 2^n .. 2, 1, 1; the last bit is fixed at 1 so the first n + 1 bits hold
// value + 2^n - 1 in binary (spec examples: 0 -> 01111, 1 -> 10001, 2 -> 10011).
std::vector<uint8_t> xnor_code(long value, int n) {
  std::vector<uint8_t> bits = binary(value + (1L << n) - 1, n + 1);
  bits.push_back(1);
  return bits;
}

Encoding resolve_if_signed(Encoding encoding, bool is_signed) {
  switch (encoding) {
    case Encoding::offset_if_signed: return is_signed ? Encoding::offset : Encoding::magnitude;
    case Encoding::two_part_magnitude_if_signed:
      return is_signed ? Encoding::two_part_magnitude : Encoding::magnitude;
    case Encoding::twos_complement_if_signed:
      return is_signed ? Encoding::twos_complement : Encoding::magnitude;
    default: return encoding;
  }
}

void add_code(EncodedPmf& out, std::vector<uint8_t> bits, double probability) {
  if (probability > 0) out.push_back({std::move(bits), probability});
}

}  // namespace

EncodedPmf encode(const Histogram& histogram, Encoding encoding) {
  encoding = resolve_if_signed(encoding, histogram.is_signed());
  const int n = histogram.native_bits();
  const int centre = histogram.centre();
  EncodedPmf out;
  for (int i = 0; i < histogram.bins(); ++i) {
    const double p = histogram.pmf()[i];
    const long value = i - centre;
    switch (encoding) {
      case Encoding::offset: add_code(out, binary(i, n), p); break;
      case Encoding::magnitude: add_code(out, binary(std::labs(value), n - 1), p); break;
      case Encoding::two_part_magnitude:
        // One slot holds |v|, the other is zero; each slot is seen half the time.
        add_code(out, binary(std::labs(value), n - 1), p / 2);
        add_code(out, binary(0, n - 1), p / 2);
        break;
      case Encoding::xnor: add_code(out, xnor_code(value, n), p); break;
      case Encoding::zero_gated_xnor:
        add_code(out, value == 0 ? std::vector<uint8_t>(n + 2, 0) : xnor_code(value, n), p);
        break;
      case Encoding::twos_complement:
        add_code(out, binary(value & ((1L << n) - 1), n), p);
        break;
      default: break;  // *_if_signed resolved above
    }
  }
  double total = 0;
  for (const auto& code : out) total += code.probability;
  for (auto& code : out) code.probability /= total;
  return out;
}

}  // namespace cimloop::cim
