"""Operand encodings and slice statistics for CiM specifications (cimloop-cpp).

The function names and results follow CiMLoop's include/slicing_encoding.py, so that a
specification written for CiMLoop runs with either tool. cimloop-cpp does not execute this
file: it reads which functions the file defines and calls its own C++ versions of them
(compat/cimloop/slicing_encoding.cpp); the Python here documents the behaviour and lets the
specification run under the Python tools too.

A histogram is a list of 2^N - 1 non-negative weights; bin i stands for the signed value
i - (len - 1) / 2. An encoded histogram is a list of (bits, probability) pairs, bits MSB first.
"""
from math import log2
from typing import List, NamedTuple


class ProbableBits(NamedTuple):
    bits: list
    probability: float


def get_num_bits(hist):
    bits = 0
    while 2**bits < len(hist) + 1:
        bits += 1
    assert 2**bits == len(hist) + 1, f"Number of histogram bins + 1 must be a power of 2, got {len(hist)}."
    return bits


def assert_hist_pow2_minus1(hist):
    get_num_bits(hist)


def norm(x, nbins, rmin, rmax):
    """Maps bin index x of nbins bins linearly onto [rmin, rmax)."""
    return x / nbins * (rmax - rmin) + rmin


def to_bits_unsigned(x, nbits):
    value = round(x)
    assert 0 <= value < 2**nbits, f"x={value} is not in range [0, 2^{nbits})"
    return [(value >> (nbits - 1 - j)) & 1 for j in range(nbits)]


def norm_encoded_hist(encoded: List[ProbableBits]):
    total = sum(code.probability for code in encoded)
    return [ProbableBits(code.bits, code.probability / total) for code in encoded]


def is_hist_signed(hist):
    """Any probability below the zero bin."""
    return sum(hist[: len(hist) // 2]) != 0


def hist_to_magnitude(hist):
    """P(+v) + P(-v) for v = 0 .. len // 2 - 1 (the zero bin counts twice)."""
    assert_hist_pow2_minus1(hist)
    centre = len(hist) // 2
    folded = [hist[centre + i] + hist[centre - i] for i in range(len(hist) // 2)]
    assert_hist_pow2_minus1(folded)
    return folded


def _signed_values(hist):
    half = len(hist) / 2
    return [norm(i, len(hist), -half + 0.5, half + 0.5) for i in range(len(hist))]


def offset_encode_hist(weights):
    """Value plus the bias that makes the smallest value zero, unsigned binary."""
    bits = get_num_bits(weights)
    return norm_encoded_hist(
        [ProbableBits(to_bits_unsigned(norm(i, len(weights), 0, len(weights)), bits), w) for i, w in enumerate(weights)]
    )


def magnitude_encode_hist(weights):
    """|value| in binary, sign dropped (signed hardware handles it)."""
    bits = get_num_bits(weights)
    return norm_encoded_hist(
        [ProbableBits(to_bits_unsigned(abs(v), bits)[1:], w) for v, w in zip(_signed_values(weights), weights)]
    )


def two_part_magnitude_encode_hist(weights):
    """Two slots: one holds |value|, the other zero, each seen half the time."""
    out = []
    for code in magnitude_encode_hist(weights):
        out.append(ProbableBits(code.bits, code.probability / 2))
        out.append(ProbableBits([0] * len(code.bits), code.probability / 2))
    return out


def offset_encode_if_signed_hist(weights):
    return offset_encode_hist(weights) if is_hist_signed(weights) else magnitude_encode_hist(weights)


def two_part_magnitude_encode_if_signed_hist(weights):
    return two_part_magnitude_encode_hist(weights) if is_hist_signed(weights) else magnitude_encode_hist(weights)


def xnor_encode_hist(weights):
    """The value as a sum of +-2^j (j = n-1 .. 0) and two +-1/2 terms; bit 1 means '+'."""
    bits = get_num_bits(weights)
    out = []
    for v, w in zip(_signed_values(weights), weights):
        code = []
        for j in list(range(bits - 1, -1, -1)) + [-1, -1]:
            code.append(int(v > 0))
            v -= 2**j * (2 * code[-1] - 1)
        assert v == 0, f"normed={v} is not 0"
        out.append(ProbableBits(code, w))
    return norm_encoded_hist(out)


def zero_gated_xnor_encode_hist(weights):
    """XNOR with the zero value gated (all bits 0)."""
    encoded = xnor_encode_hist(weights)
    zero = len(encoded) // 2
    encoded[zero] = ProbableBits([0] * len(encoded[zero].bits), encoded[zero].probability)
    return encoded


def encoded_hist_to_avg_slice(
    encoded_hist, total_bits, bits_per_slice, partial_slices_use_full_range=False, return_per_slice=False
):
    """Average value of each slice of the encoded operand, each bit weighted by its place
    within its slice over the largest slice's full range. Bits beyond a code's length count as
    that code's mean bit. Returns the mean over slices, or the list with return_per_slice."""
    if isinstance(bits_per_slice, int):
        widths = [bits_per_slice] * (total_bits // bits_per_slice)
        if sum(widths) != total_bits:
            widths.append(total_bits - sum(widths))
    else:
        widths = list(bits_per_slice)
    assert total_bits == sum(widths), f"Sum of bits per slice {sum(widths)} != total_bits {total_bits}"
    full = max(2 ** max(widths) - 1, 1)
    places = []
    for s, b in enumerate(widths):
        scale = max(2**b - 1, 1) if partial_slices_use_full_range else full
        places += [(s, max(2 ** (b - j - 1), 1) / scale) for j in range(b)]
    slices = [0] * len(widths)
    for code in encoded_hist:
        for i in range(total_bits):
            s, weight = places[i]
            bit = code.bits[i] if i < len(code.bits) else sum(code.bits) / len(code.bits)
            slices[s] += bit * code.probability * weight
    if return_per_slice:
        return slices
    return sum(slices) / len(slices)
