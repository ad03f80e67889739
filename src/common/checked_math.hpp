#pragma once
// 64-bit arithmetic on sizes read from the user's files: an overflow is reported to the caller
// (which names the input) instead of wrapping around.
#include <cstdint>
#include <optional>

namespace cimloop {

inline std::optional<std::int64_t> checked_product(std::int64_t a, std::int64_t b) {
  std::int64_t result = 0;
  if (__builtin_mul_overflow(a, b, &result)) return std::nullopt;
  return result;
}

inline std::optional<std::int64_t> checked_sum(std::int64_t a, std::int64_t b) {
  std::int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result)) return std::nullopt;
  return result;
}

}  // namespace cimloop
