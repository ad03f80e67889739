#pragma once
// Built-in energy fallbacks used when no ERT entry (or user value) exists for a level:
// Timeloop's simple "PAT" formulas for SRAM, DRAM and the arithmetic unit.
#include "src/architecture/arch_spec.hpp"

namespace cimloop::arch {

double pat_buffer_energy(const BufferSpec& buffer);
double pat_arithmetic_energy(const ArithmeticSpec& arithmetic);

// Sets every level's energies to the PAT (or user-given) values.
void apply_default_energies(ArchSpec& spec);

}  // namespace cimloop::arch
