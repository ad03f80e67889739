#pragma once
// Operand encodings (CiMLoop spec §2.2): each maps a value PMF to (bit vector, probability)
// pairs, MSB first, probabilities summing to 1.
#include <cstdint>
#include <string>
#include <vector>

#include "src/cim/histogram.hpp"

namespace cimloop::cim {

enum class Encoding {
  offset,                       // value + bias as unsigned binary (n bits)
  magnitude,                    // |value|, sign dropped (n - 1 bits)
  two_part_magnitude,           // differential: +slot / -slot magnitudes (n - 1 bits per slot)
  xnor,                         // value as sum of +-2^j plus two +-1/2 terms (n + 2 bits)
  zero_gated_xnor,              // XNOR with zero mapped to all-zero bits
  twos_complement,              // value mod 2^n (n bits); not in CiMLoop, added here
  offset_if_signed,             // offset when any negative mass, else magnitude
  two_part_magnitude_if_signed, // two-part when signed, else magnitude
  twos_complement_if_signed,    // two's complement when signed, else magnitude
};

// Accepts CiMLoop's function names (offset_encode_hist, ..._if_signed_hist) and the short
// names above. Throws InputError naming `where` for an unknown name.
Encoding parse_encoding(const std::string& name, const std::string& where = "encoding");

struct EncodedCode {
  std::vector<uint8_t> bits;  // MSB first
  double probability = 0;
};
using EncodedPmf = std::vector<EncodedCode>;

// Codes with zero probability are dropped; the rest are renormalised.
EncodedPmf encode(const Histogram& histogram, Encoding encoding);

}  // namespace cimloop::cim
