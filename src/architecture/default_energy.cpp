#include "src/architecture/default_energy.hpp"

#include <cmath>

namespace cimloop::arch {

double pat_buffer_energy(const BufferSpec& buffer) {
  const double width_bits = static_cast<double>(buffer.word_bits * buffer.block_size * buffer.cluster_size);
  if (buffer.technology == Technology::DRAM) {
    return 200.0 * static_cast<double>(buffer.word_bits * buffer.block_size) / 16.0;
  }
  if (!buffer.size || *buffer.size == 0) return 0.0;
  const double vectors = std::ceil(static_cast<double>(*buffer.size) / static_cast<double>(buffer.block_size));
  const double kilobytes = width_bits * vectors / 8192.0;
  const double energy = (1.0 + (kilobytes - 0.5) * 5.0 / 99.5) * width_bits / 16.0;
  return energy / static_cast<double>(buffer.cluster_size);
}

double pat_arithmetic_energy(const ArithmeticSpec& arithmetic) {
  const double ratio = static_cast<double>(arithmetic.word_bits) / 16.0;
  return ratio * ratio;
}

void apply_default_energies(ArchSpec& spec) {
  for (BufferSpec& buffer : spec.storage) {
    const bool user = buffer.vector_access_energy_override.has_value();
    const double energy = user ? *buffer.vector_access_energy_override : pat_buffer_energy(buffer);
    buffer.read_energy = buffer.fill_energy = buffer.update_energy = energy;
    buffer.vector_access_energy = energy;
    buffer.leak_energy = 0;
    buffer.energy_source = user ? EnergySource::User : EnergySource::PAT;
  }
  ArithmeticSpec& arithmetic = spec.arithmetic;
  arithmetic.energy_per_op = arithmetic.energy_override.value_or(pat_arithmetic_energy(arithmetic));
}

}  // namespace cimloop::arch
