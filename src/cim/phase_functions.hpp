#pragma once
// The input-phase helpers of CiMLoop's Wan (NeuRRAM) macro (its helper_functions.py, called
// from variables_free.yaml), written from the macro's documented behaviour:
//
// NeuRRAM feeds an input's magnitude bits bit-serially; bit j (0 = LSB) is integrated for 2^j
// pulses, so b bits take 2^b - 1 integration steps. Wide inputs are split into two phases
// (most significant part first), each integrated and converted on its own and shift-added
// digitally, which trades an extra ADC conversion for exponentially fewer pulses.
//
//   bits2phase_1phase(bits, max_bits) -> [bits, 0]            (one phase, max_bits unused)
//   bits2phase_2phase(bits, max_bits) -> [bits, 0] when bits <= max_bits, otherwise
//                                        [ceil(bits / 2), floor(bits / 2)]
//   bits2integration_steps(bits)      -> 2^bits - 1 (0 for an empty phase)
//   sum_map(function, list)           -> sum(function(x) for x in list); `function` names one
//                                        of these helpers or a built-in (e.g. abs)
//   sum_phase_out_bits(out_bits, phases) -> ADC steps per input: one step per output bit the
//        phase must resolve. The first phase spans the output's full range (out_bits); a later
//        phase only adds below the bits of the phases before it, so it needs
//        max(0, out_bits - bits of the earlier phases).
#include <optional>
#include <string>
#include <vector>

#include "compat/v04/call_arguments.hpp"

namespace cimloop::cim {

// nullopt when `name` is not one of these functions; throws compat::v04::ExpressionError for
// bad arguments.
std::optional<compat::v04::Value> call_phase_function(const std::string& name,
                                                      const compat::v04::CallArguments& call);

}  // namespace cimloop::cim
