// CiMLoop's include/slicing_encoding.py in C++: operand encodings of a value histogram into
// (bits, probability) pairs, MSB first ([[bits...], p] lists here), and the average slice
// value of an encoded histogram (cimloop-spec §2.2-2.3). Arithmetic follows the Python
// operation by operation (float division, banker's rounding), so the statistics carry the
// same bits as the reference's.
#include <algorithm>
#include <cmath>

#include "compat/cimloop/python_modules.hpp"
#include "compat/v04/builtins.hpp"
#include "compat/v04/expression.hpp"

namespace cimloop::compat::cimloop {
namespace {

using compat::v04::bind_arguments;
using compat::v04::ExpressionError;

const std::vector<Value>& list_argument(const Value& value, const std::string& function) {
  if (value.kind != Value::Kind::List) throw ExpressionError(function + "(): expected a list, got " + value.repr());
  return value.items;
}

double number(const Value& value, const std::string& function) {
  if (!value.is_number()) throw ExpressionError(function + "(): expected a number, got " + value.repr());
  return value.as_double();
}

// A whole number (an int, or a float with no fraction) that fits in 62 bits.
long long whole_number(const Value& value, const std::string& function) {
  const double x = number(value, function);
  if (value.kind != Value::Kind::Float) return value.as_int();
  if (!std::isfinite(x) || x != std::trunc(x) || std::fabs(x) > std::ldexp(1.0, 62))
    throw ExpressionError(function + "(): expected a whole number, got " + value.repr());
  return static_cast<long long>(x);
}

Value sum(const std::vector<Value>& values) {
  Value total = Value::from_int(0);
  for (const Value& v : values) total = compat::v04::binary("+", total, v);
  return total;
}

void assert_pow2_minus1(size_t length) {
  size_t x = 1;
  while (x <= length) x *= 2;
  if (x - 1 != length)
    throw ExpressionError("Histogram length " + std::to_string(length) + " is not a power of 2 minus 1.");
}

int num_bits(size_t bins) {
  int bits = 0;
  while ((size_t{1} << bits) < bins + 1) ++bits;
  if ((size_t{1} << bits) != bins + 1)
    throw ExpressionError("Number of histogram bins + 1 must be a power of 2, got " + std::to_string(bins) + ".");
  return bits;
}

double norm(double x, double bins, double low, double high) { return x / bins * (high - low) + low; }

// Python's round(): halves to even.
long long python_round(double x) { return static_cast<long long>(std::nearbyint(x)); }

Value bits_value(const std::vector<long long>& bits) {
  std::vector<Value> items;
  for (long long b : bits) items.push_back(Value::from_int(b));
  return Value::from_list(std::move(items));
}

std::vector<long long> unsigned_bits(double x, int bits) {
  if (!(x > -1 && x < std::ldexp(1.0, bits)))  // also NaN; python_round needs a representable value
    throw ExpressionError("x=" + compat::v04::python_float_repr(x) + " is not in range [0, 2^" + std::to_string(bits) + ")");
  const long long value = python_round(x);
  if (value < 0 || value >= (1LL << bits))
    throw ExpressionError("x=" + std::to_string(value) + " is not in range [0, 2^" + std::to_string(bits) + ")");
  std::vector<long long> out(static_cast<size_t>(bits));
  for (int j = 0; j < bits; ++j) out[static_cast<size_t>(j)] = (value >> (bits - 1 - j)) & 1;
  return out;
}

Value probable_bits(Value bits, Value probability) { return Value::from_list({std::move(bits), std::move(probability)}); }

// An encoded histogram's [bits, probability] pairs.
struct Code {
  std::vector<long long> bits;
  Value probability;
};

std::vector<Code> codes_of(const Value& encoded, const std::string& function) {
  std::vector<Code> codes;
  for (const Value& pair : list_argument(encoded, function)) {
    if (pair.kind != Value::Kind::List || pair.items.size() != 2 || pair.items[0].kind != Value::Kind::List ||
        !pair.items[1].is_number())
      throw ExpressionError(function + "(): expected (bits, probability) pairs, got " + pair.repr());
    Code code;
    for (const Value& bit : pair.items[0].items) code.bits.push_back(whole_number(bit, function));
    code.probability = pair.items[1];
    codes.push_back(std::move(code));
  }
  return codes;
}

Value normalised(const std::vector<Code>& codes) {
  std::vector<Value> probabilities;
  for (const Code& code : codes) probabilities.push_back(code.probability);
  const Value total = sum(probabilities);
  std::vector<Value> out;
  for (const Code& code : codes)
    out.push_back(probable_bits(bits_value(code.bits), compat::v04::binary("/", code.probability, total)));
  return Value::from_list(std::move(out));
}

bool is_signed(const std::vector<Value>& hist) {
  const std::vector<Value> lower(hist.begin(), hist.begin() + static_cast<long>(hist.size() / 2));
  return sum(lower).truthy();
}

Value magnitude_encode(const std::vector<Value>& hist) {
  const int bits = num_bits(hist.size());
  const double bins = static_cast<double>(hist.size()), half = bins / 2;
  std::vector<Code> codes;
  for (size_t i = 0; i < hist.size(); ++i) {
    const double normed = norm(static_cast<double>(i), bins, -half + 0.5, half + 0.5);
    std::vector<long long> magnitude = unsigned_bits(std::fabs(normed), bits);
    magnitude.erase(magnitude.begin());
    codes.push_back({std::move(magnitude), hist[i]});
  }
  return normalised(codes);
}

Value two_part_magnitude_encode(const std::vector<Value>& hist) {
  std::vector<Value> out;
  for (const Code& code : codes_of(magnitude_encode(hist), "two_part_magnitude_encode_hist")) {
    const Value half = compat::v04::binary("/", code.probability, Value::from_int(2));
    out.push_back(probable_bits(bits_value(code.bits), half));
    out.push_back(probable_bits(bits_value(std::vector<long long>(code.bits.size(), 0)), half));
  }
  return Value::from_list(std::move(out));
}

Value offset_encode(const std::vector<Value>& hist) {
  const int bits = num_bits(hist.size());
  const double bins = static_cast<double>(hist.size());
  std::vector<Code> codes;
  for (size_t i = 0; i < hist.size(); ++i)
    codes.push_back({unsigned_bits(norm(static_cast<double>(i), bins, 0, bins), bits), hist[i]});
  return normalised(codes);
}

// Jia's XNOR code: the value as a sum of +-2^j (j = n-1 .. 0) and two +-1/2 terms.
Value xnor_encode(const std::vector<Value>& hist) {
  const int bits = num_bits(hist.size());
  const double bins = static_cast<double>(hist.size()), half = bins / 2;
  std::vector<Code> codes;
  for (size_t i = 0; i < hist.size(); ++i) {
    double normed = norm(static_cast<double>(i), bins, -half + 0.5, half + 0.5);
    std::vector<long long> code;
    for (int j = bits - 1; j >= -2; --j) {
      const int exponent = j >= 0 ? j : -1;
      code.push_back(normed > 0 ? 1 : 0);
      normed -= std::ldexp(1.0, exponent) * static_cast<double>(2 * code.back() - 1);
    }
    if (normed != 0) throw ExpressionError("normed=" + compat::v04::python_float_repr(normed) + " is not 0");
    codes.push_back({std::move(code), hist[i]});
  }
  return normalised(codes);
}

Value zero_gated_xnor_encode(const std::vector<Value>& hist) {
  if (hist.empty()) throw ExpressionError("zero_gated_xnor_encode_hist(): the histogram is empty");
  Value encoded = xnor_encode(hist);
  Value& zero = encoded.items[encoded.items.size() / 2];
  zero.items[0] = bits_value(std::vector<long long>(zero.items[0].items.size(), 0));
  return encoded;
}

Value hist_to_magnitude(const std::vector<Value>& hist) {
  assert_pow2_minus1(hist.size());
  const size_t centre = hist.size() / 2;
  std::vector<Value> folded;
  for (size_t i = 0; i < hist.size() / 2; ++i) folded.push_back(compat::v04::binary("+", hist[centre + i], hist[centre - i]));
  assert_pow2_minus1(folded.size());
  return Value::from_list(std::move(folded));
}

// The most bits an encoded value may have (far beyond any real operand; bounds the tables).
constexpr long long kMaxTotalBits = 1 << 20;

std::vector<long long> slice_widths(const Value& bits_per_slice, long long total_bits, const std::string& function) {
  if (total_bits < 1 || total_bits > kMaxTotalBits)
    throw ExpressionError(function + "(): total_bits must be from 1 to " + std::to_string(kMaxTotalBits) + ", got " +
                          std::to_string(total_bits));
  std::vector<long long> widths;
  if (bits_per_slice.kind == Value::Kind::Int || bits_per_slice.kind == Value::Kind::Bool) {
    const long long width = bits_per_slice.as_int();
    if (width <= 0) throw ExpressionError(function + "(): bits_per_slice must be positive");
    widths.assign(static_cast<size_t>(total_bits / width), width);
    long long used = 0;
    for (long long w : widths) used += w;
    if (used != total_bits) widths.push_back(total_bits - used);
  } else {
    for (const Value& w : list_argument(bits_per_slice, function)) {
      widths.push_back(whole_number(w, function));
      if (widths.back() < 1 || widths.back() > 62) throw ExpressionError(function + "(): slices must have 1 to 62 bits");
    }
  }
  long long used = 0;
  for (long long w : widths) used += w;  // at most kMaxTotalBits slices of at most 62 bits: no overflow
  if (used != total_bits)
    throw ExpressionError("Sum of bits per slice " + std::to_string(used) + " != total_bits " + std::to_string(total_bits));
  if (widths.empty() || *std::max_element(widths.begin(), widths.end()) > 62)
    throw ExpressionError(function + "(): slices must have 1 to 62 bits");
  return widths;
}

Value average_slice(const CallArguments& call) {
  const std::string function = "encoded_hist_to_avg_slice";
  const auto args = bind_arguments(
      {function, {"encoded_hist", "total_bits", "bits_per_slice", "partial_slices_use_full_range", "return_per_slice"}, 3},
      call);
  const std::vector<Code> codes = codes_of(*args[0], function);
  if (args[1]->kind != Value::Kind::Int) throw ExpressionError(function + "(): total_bits must be an int");
  const long long total_bits = args[1]->as_int();
  const std::vector<long long> widths = slice_widths(*args[2], total_bits, function);
  const bool full_range = args[3] && args[3]->truthy();
  const double max_value = std::max(std::ldexp(1.0, static_cast<int>(*std::max_element(widths.begin(), widths.end()))) - 1, 1.0);
  std::vector<std::pair<size_t, double>> bit_to_slice;
  for (size_t s = 0; s < widths.size(); ++s) {
    const double range = full_range ? std::max(std::ldexp(1.0, static_cast<int>(widths[s])) - 1, 1.0) : max_value;
    for (long long j = 0; j < widths[s]; ++j)
      bit_to_slice.emplace_back(s, std::max(std::ldexp(1.0, static_cast<int>(widths[s] - j - 1)), 1.0) / range);
  }
  std::vector<double> slices(widths.size(), 0.0);
  for (const Code& code : codes) {
    const double probability = code.probability.as_double();
    double mean_bit = 0;
    for (long long b : code.bits) mean_bit += static_cast<double>(b);
    mean_bit /= static_cast<double>(code.bits.size());
    for (size_t i = 0; i < static_cast<size_t>(total_bits); ++i) {
      const double bit = i < code.bits.size() ? static_cast<double>(code.bits[i]) : mean_bit;
      slices[bit_to_slice[i].first] += bit * probability * bit_to_slice[i].second;
    }
  }
  if (args[4] && args[4]->truthy()) {
    std::vector<Value> out;
    for (double s : slices) out.push_back(Value::from_float(s));
    return Value::from_list(std::move(out));
  }
  double total = 0;
  for (double s : slices) total += s;
  return Value::from_float(total / static_cast<double>(slices.size()));
}

// A function of one histogram argument.
PythonFunction on_hist(const std::string& name, Value (*body)(const std::vector<Value>&)) {
  return [name, body](const CallArguments& call) {
    const Value hist = *bind_arguments({name, {"weights"}, 1}, call)[0];
    return body(list_argument(hist, name));
  };
}

Value if_signed(const std::vector<Value>& hist, Value (*signed_encoding)(const std::vector<Value>&)) {
  return is_signed(hist) ? signed_encoding(hist) : magnitude_encode(hist);
}

}  // namespace

PythonModule slicing_encoding_module() {
  PythonModule module;
  module["magnitude_encode_hist"] = on_hist("magnitude_encode_hist", magnitude_encode);
  module["two_part_magnitude_encode_hist"] = on_hist("two_part_magnitude_encode_hist", two_part_magnitude_encode);
  module["offset_encode_hist"] = on_hist("offset_encode_hist", offset_encode);
  module["offset_encode_if_signed_hist"] =
      on_hist("offset_encode_if_signed_hist", [](const std::vector<Value>& h) { return if_signed(h, offset_encode); });
  module["two_part_magnitude_encode_if_signed_hist"] = on_hist(
      "two_part_magnitude_encode_if_signed_hist", [](const std::vector<Value>& h) { return if_signed(h, two_part_magnitude_encode); });
  module["xnor_encode_hist"] = on_hist("xnor_encode_hist", xnor_encode);
  module["zero_gated_xnor_encode_hist"] = on_hist("zero_gated_xnor_encode_hist", zero_gated_xnor_encode);
  module["is_hist_signed"] = [](const CallArguments& call) {
    return Value::from_bool(is_signed(list_argument(*bind_arguments({"is_hist_signed", {"hist"}, 1}, call)[0], "is_hist_signed")));
  };
  module["hist_to_magnitude"] = [](const CallArguments& call) {
    return hist_to_magnitude(list_argument(*bind_arguments({"hist_to_magnitude", {"hist"}, 1}, call)[0], "hist_to_magnitude"));
  };
  module["get_num_bits"] = [](const CallArguments& call) {
    return Value::from_int(num_bits(list_argument(*bind_arguments({"get_num_bits", {"hist"}, 1}, call)[0], "get_num_bits").size()));
  };
  module["assert_hist_pow2_minus1"] = [](const CallArguments& call) {
    assert_pow2_minus1(list_argument(*bind_arguments({"assert_hist_pow2_minus1", {"hist"}, 1}, call)[0], "assert_hist_pow2_minus1").size());
    return Value::none();
  };
  module["norm_encoded_hist"] = [](const CallArguments& call) {
    const std::string name = "norm_encoded_hist";
    return normalised(codes_of(*bind_arguments({name, {"encoded_hist"}, 1}, call)[0], name));
  };
  module["norm"] = [](const CallArguments& call) {
    const auto args = bind_arguments({"norm", {"x", "nbins", "rmin", "rmax"}, 4}, call);
    return Value::from_float(norm(number(*args[0], "norm"), number(*args[1], "norm"), number(*args[2], "norm"), number(*args[3], "norm")));
  };
  module["to_bits_unsigned"] = [](const CallArguments& call) {
    const auto args = bind_arguments({"to_bits_unsigned", {"x", "nbits"}, 2}, call);
    const long long bits = whole_number(*args[1], "to_bits_unsigned");
    if (bits < 0 || bits > 62) throw ExpressionError("to_bits_unsigned(): nbits must be from 0 to 62");
    return bits_value(unsigned_bits(number(*args[0], "to_bits_unsigned"), static_cast<int>(bits)));
  };
  module["encoded_hist_to_avg_slice"] = average_slice;
  module["log2"] = [](const CallArguments& call) { return *compat::v04::call_builtin("log2", call); };
  return module;
}

}  // namespace cimloop::compat::cimloop
