// Operand distributions, encodings and per-slice statistics against the CiMLoop study's
// worked values (§2.2, §2.3).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cim_fixtures.hpp"
#include "src/cim/encoding.hpp"
#include "src/cim/histogram.hpp"
#include "src/cim/slice_statistics.hpp"
#include "src/common/error.hpp"

using namespace cimloop::cim;

namespace {

std::string bits_of(const EncodedCode& c) {
  std::string s;
  for (auto b : c.bits) s += b ? '1' : '0';
  return s;
}

Histogram inputs() { return Histogram({0, 0, 0, 3, 2, 1, 0}); }
Histogram uniform15() { return Histogram(std::vector<double>(15, 1.0)); }

}  // namespace

TEST(CimHistogram, RejectsBadBinCountsAndWeights) {
  EXPECT_THROW(Histogram({1, 1}), cimloop::InputError);
  EXPECT_THROW(Histogram({1, -1, 1}), cimloop::InputError);
  EXPECT_THROW(Histogram({0, 0, 0}), cimloop::InputError);
}

TEST(CimHistogram, SignednessAndMagnitudeFold) {
  EXPECT_FALSE(inputs().is_signed());
  EXPECT_TRUE(uniform15().is_signed());
  const Histogram wan({5, 5, 6, 6, 7, 7, 8, 8, 8, 7, 7, 6, 6, 5, 5});
  const auto folded = wan.magnitude_pmf();
  const std::vector<double> expected = {16, 16, 14, 14, 12, 12, 10, 10};  // spec §2.3
  ASSERT_EQ(folded.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(folded[i] * 96, expected[i], 1e-9);  // the bins sum to 96
}

TEST(CimEncoding, SpecExamples) {
  auto codes = [](Encoding e) {
    std::vector<std::string> out;
    for (const auto& c : encode(inputs(), e)) out.push_back(bits_of(c));
    return out;
  };
  EXPECT_EQ(codes(Encoding::offset), (std::vector<std::string>{"011", "100", "101"}));
  EXPECT_EQ(codes(Encoding::magnitude), (std::vector<std::string>{"00", "01", "10"}));
  EXPECT_EQ(codes(Encoding::xnor), (std::vector<std::string>{"01111", "10001", "10011"}));
  EXPECT_EQ(codes(Encoding::zero_gated_xnor),
            (std::vector<std::string>{"00000", "10001", "10011"}));
}

TEST(CimEncoding, XnorCodesSumToTheirValue) {
  // value = sum_j s_j 2^j + s_a / 2 + s_b / 2 with s = +-1 (bit 1 = +).
  const Histogram h(std::vector<double>(31, 1.0));
  const auto codes = encode(h, Encoding::xnor);
  ASSERT_EQ(codes.size(), 31u);
  for (size_t i = 0; i < codes.size(); ++i) {
    const auto& bits = codes[i].bits;
    const int n = static_cast<int>(bits.size()) - 2;
    double value = 0;
    for (int j = 0; j < n; ++j) value += (bits[j] ? 1 : -1) * double(1 << (n - 1 - j));
    value += (bits[n] ? 0.5 : -0.5) + (bits[n + 1] ? 0.5 : -0.5);
    EXPECT_DOUBLE_EQ(value, static_cast<double>(i) - 15);
  }
}

TEST(CimEncoding, TwosComplementAndTwoPart) {
  const Histogram h({1, 1, 1, 1, 1, 1, 1});  // values -3..3
  const auto tc = encode(h, Encoding::twos_complement);
  EXPECT_EQ(bits_of(tc[0]), "101");  // -3
  EXPECT_EQ(bits_of(tc[3]), "000");
  EXPECT_EQ(bits_of(tc[6]), "011");
  const auto two_part = encode(h, Encoding::two_part_magnitude);
  double zero_mass = 0;
  for (const auto& c : two_part)
    if (bits_of(c) == "00") zero_mass += c.probability;
  EXPECT_NEAR(zero_mass, 0.5 + 1.0 / 14, 1e-12);  // half of all mass + half of P(0)
  // Unsigned data falls back to magnitude.
  EXPECT_EQ(encode(inputs(), Encoding::two_part_magnitude_if_signed).size(), 3u);
  EXPECT_EQ(parse_encoding("two_part_magnitude_encode_if_signed_hist"),
            Encoding::two_part_magnitude_if_signed);
  EXPECT_EQ(parse_encoding("offset_encode_hist"), Encoding::offset);
  EXPECT_THROW(parse_encoding("bogus"), cimloop::InputError);
}

TEST(CimSliceStatistics, OffsetInputsSpecValues) {
  const auto codes = encode(inputs(), Encoding::offset);
  EXPECT_NEAR(average_slice_value(codes, 8, 8), 0.52767, 5e-6);
  EXPECT_NEAR(average_slice_value(codes, 8, 1), 0.55556, 5e-6);
  const auto bits = bit_distribution(codes, 8);
  const std::vector<double> expected = {0.5, 0.5, 0.667, 0.556, 0.556, 0.556, 0.556, 0.556};
  for (size_t i = 0; i < 8; ++i) EXPECT_NEAR(bits[i], expected[i], 1e-3);
}

TEST(CimSliceStatistics, UniformWeightsEverySliceEqual) {
  const auto codes = encode(uniform15(), Encoding::offset);
  EXPECT_NEAR(average_slice_value(codes, 8, 8), 0.46667, 5e-6);
  for (double s : average_slice_values(codes, 8, 2)) EXPECT_NEAR(s, 0.46667, 5e-6);
}

TEST(CimSliceStatistics, SinangilDefaults) {
  const auto x = encode(inputs(), Encoding::two_part_magnitude_if_signed);
  EXPECT_NEAR(average_slice_value(x, 4, 4), 0.22778, 5e-6);
  std::vector<double> w(15, 0.0);
  for (int i = 7; i < 15; ++i) w[i] = 1;
  const auto wc = encode(Histogram(w), Encoding::two_part_magnitude_if_signed);
  EXPECT_NEAR(average_slice_value(wc, 4, 4), 0.5, 1e-12);
}

TEST(CimSliceStatistics, PartialLastSliceAndFlipProbability) {
  const auto codes = encode(uniform15(), Encoding::offset);
  EXPECT_EQ(average_slice_values(codes, 7, 3).size(), 3u);
  EXPECT_NEAR(mean_bit_flip_probability({0.5, 0.5}), 0.25, 1e-12);
  EXPECT_NEAR(mean_bit_flip_probability({0.0, 1.0}), 0.0, 1e-12);
}

TEST(CimLayerDistributions, ReadsResnetLayerOrSkips) {
  const auto file = cimloop::test::cimloop_fixture("workloads/resnet18/00.yaml");
  CIMLOOP_REQUIRE_FIXTURE(file);
  const LayerDistributions layer = read_layer_distributions(file.string());
  EXPECT_EQ(layer.inputs.bins(), 31);
  EXPECT_EQ(layer.weights.bins(), 31);
  EXPECT_TRUE(layer.weights.is_signed());
  double sum = 0;
  for (double p : layer.outputs.pmf()) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-12);
}
