"""Input-phase helpers of the NeuRRAM (Wan, Nature 2022) macro (cimloop-cpp).

Same names and results as the helper_functions.py of CiMLoop's wan_nature_2022 macro.
cimloop-cpp reads which functions this file defines and runs its own C++ versions
(compat/cimloop/helper_functions.cpp).

NeuRRAM integrates an input's magnitude bits bit-serially, bit j for 2^j pulses; a wide input
is split into two phases, most significant part first, each integrated and converted on its
own.
"""
from math import ceil, floor


def bits2phase_1phase(n_bits, max_bits_per_phase=0):
    return (n_bits,)


def bits2phase_2phase(n_bits, max_bits_per_phase):
    if n_bits <= max_bits_per_phase:
        return (n_bits, 0)
    return (ceil(n_bits / 2), floor(n_bits / 2))


def bits2integration_steps(n_bits):
    return 2**n_bits - 1


def phase_out_bits(out_bits, phases, phasenum):
    """Output bits a phase still has to resolve below the phases before it."""
    return max(out_bits - sum(phases[:phasenum]), 0)


def sum_phase_out_bits(total_out_bits, phases):
    return sum(phase_out_bits(total_out_bits, phases, i) for i, p in enumerate(phases) if p != 0)


def sum_map(f, *args):
    """sum(map(f, *args)); scalars (and lists of another length) are repeated to the longest."""
    args = list(args)
    longest = max(len(a) if isinstance(a, (list, tuple)) else a for a in args)
    args = [a if isinstance(a, (list, tuple)) and len(a) == longest else [a] * longest for a in args]
    return sum(map(f, *args))
