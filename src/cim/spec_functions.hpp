#pragma once
// CiMLoop's expression custom functions (include/slicing_encoding.py, by behaviour) for the
// v0.4 expression evaluator, as an ExpressionScope::call hook:
//   is_hist_signed(hist) -> bool
//   hist_to_magnitude(hist) -> list
//   <encoding>_hist(hist) -> [[bits..., ], probability] pairs, for offset_encode,
//     magnitude_encode, two_part_magnitude_encode, xnor_encode, zero_gated_xnor_encode,
//     twos_complement_encode and their *_if_signed variants
//   encoded_hist_to_avg_slice(encoded_hist, total_bits, bits_per_slice, return_per_slice=False,
//                             partial_slices_use_full_range=False)
// Arguments may be given by keyword (`return_per_slice=True`), as in Python.
// Encoding functions are also callable through a variable holding their name (CiMLoop's
// INPUT_ENCODING_FUNC), which the caller resolves before calling.
#include <optional>
#include <string>
#include <vector>

#include "compat/v04/call_arguments.hpp"
#include "compat/v04/value.hpp"

namespace cimloop::cim {

// nullopt when `name` is not one of these functions; throws compat::v04::ExpressionError for
// bad arguments.
std::optional<compat::v04::Value> call_cimloop_function(const std::string& name,
                                                        const compat::v04::CallArguments& args);

}  // namespace cimloop::cim
