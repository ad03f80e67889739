// Float formatting of Timeloop's stats: "%.2f" on the binary double.
#include <gtest/gtest.h>

#include "compat/timeloop/number_format.hpp"

namespace cimloop::compat {
namespace {

TEST(NumberFormat, TwoDecimalsOnTheBinaryValue) {
  EXPECT_EQ(format_float(0.375), "0.38");  // exact tie, rounds to even
  EXPECT_EQ(format_float(0.845), "0.84");  // 0.8449999...
  EXPECT_EQ(format_float(2406.5375), "2406.54");
  EXPECT_EQ(format_float(0.0), "0.00");
}

TEST(NumberFormat, PercentAndScientific) {
  EXPECT_EQ(format_percent(1.0), "100.00%");
  EXPECT_EQ(format_percent(0.75), "75.00%");
  EXPECT_EQ(format_scientific(5.54472e-09), "5.54e-09");
  EXPECT_EQ(format_float(1234.5, FloatStyle::Scientific), "1.23e+03");
  EXPECT_EQ(format_float(1234.5, FloatStyle::Default), "1.2e+03");
}

}  // namespace
}  // namespace cimloop::compat
