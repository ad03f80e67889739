// CiMLoop's custom expression functions on v0.4 values (variables_common.yaml usage).
#include <gtest/gtest.h>

#include "compat/v04/expression.hpp"
#include "src/cim/spec_functions.hpp"

using cimloop::cim::call_cimloop_function;
using cimloop::compat::v04::Value;

namespace {
Value list(std::vector<double> v) {
  std::vector<Value> items;
  for (double x : v) items.push_back(Value::from_int(static_cast<long long>(x)));
  return Value::from_list(items);
}
}  // namespace

TEST(CimSpecFunctions, EncodeThenAverageSlice) {
  const Value hist = list({0, 0, 0, 3, 2, 1, 0});
  const Value encoded = *call_cimloop_function("offset_encode_hist", {hist});
  ASSERT_EQ(encoded.items.size(), 3u);
  EXPECT_EQ(encoded.items[0].items[0].str(), "[0, 1, 1]");
  const Value avg = *call_cimloop_function(
      "encoded_hist_to_avg_slice", {encoded, Value::from_int(8), Value::from_int(8)});
  EXPECT_NEAR(avg.as_double(), 0.52767, 5e-6);
  const Value bits = *call_cimloop_function(
      "encoded_hist_to_avg_slice", {encoded, Value::from_int(8), Value::from_int(1), Value::from_bool(true)});
  ASSERT_EQ(bits.items.size(), 8u);
  EXPECT_NEAR(bits.items[2].as_double(), 0.6667, 1e-4);
  EXPECT_FALSE(call_cimloop_function("is_hist_signed", {hist})->truthy());
  EXPECT_EQ(call_cimloop_function("hist_to_magnitude", {list({1, 2, 1})})->items.size(), 2u);
  EXPECT_TRUE(call_cimloop_function("two_part_magnitude_encode_if_signed_hist", {hist}).has_value());
  EXPECT_FALSE(call_cimloop_function("min", {hist}).has_value());
  EXPECT_FALSE(call_cimloop_function("foo_hist", {hist}).has_value());
  EXPECT_THROW(call_cimloop_function("offset_encode_hist", {list({1, 1})}),
               cimloop::compat::v04::ExpressionError);
}
