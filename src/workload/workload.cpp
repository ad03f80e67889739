#include "src/workload/workload.hpp"

namespace cimloop::workload {

int Workload::dimension_index(std::string_view name) const {
  for (int i = 0; i < num_dimensions(); ++i)
    if (dimension_names[i] == name) return i;
  return -1;
}

int Workload::data_space_index(std::string_view name) const {
  for (int i = 0; i < num_data_spaces(); ++i)
    if (data_spaces[i].name == name) return i;
  return -1;
}

}  // namespace cimloop::workload
