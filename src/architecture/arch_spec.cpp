#include "src/architecture/arch_spec.hpp"

namespace cimloop::arch {

int ArchSpec::storage_index(const std::string& name) const {
  for (int i = 0; i < num_storage_levels(); ++i)
    if (storage[i].name == name) return i;
  return -1;
}

const std::string& ArchSpec::level_name(int level) const {
  return level == 0 ? arithmetic.name : storage[level - 1].name;
}

}  // namespace cimloop::arch
