#include "src/cim/mapping_model.hpp"

#include <cmath>
#include <functional>

#include "src/cim/workload_file.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace {

bool reduces(const ArrayContainer& c) { return c.shares == Tensor::outputs; }

std::vector<int> divisors_up_to(double value, int limit) {
  std::vector<int> out;
  const long v = std::lround(value);
  for (int d = 1; d <= limit && d <= v; ++d)
    if (v % d == 0) out.push_back(d);
  return out;
}

}  // namespace

LayerShape read_layer_shape(const std::string& path) {
  const YAML::Node root = load_workload_file(path);
  const YAML::Node instance = root["problem"] ? root["problem"]["instance"] : YAML::Node();
  if (!instance || !instance.IsMap()) throw InputError(path + ": missing problem.instance");
  LayerShape s;
  const std::pair<const char*, double*> dims[] = {{"N", &s.n}, {"C", &s.c}, {"M", &s.m},
                                                  {"R", &s.r}, {"S", &s.s}, {"P", &s.p},
                                                  {"Q", &s.q}};
  for (const auto& [name, field] : dims) {
    if (!instance[name]) continue;
    try {
      *field = instance[name].as<double>();
    } catch (const YAML::Exception&) {
      throw InputError(path + ": problem.instance." + name + " is not a number");
    }
    if (!(*field >= 1)) throw InputError(path + ": problem.instance." + name + " must be >= 1");
  }
  return s;
}

CimLayerModel::CimLayerModel(MacroResult table, const LayerShape& shape)
    : table_(std::move(table)), shape_(shape) {
  if (table_.containers.empty()) throw InputError(table_.macro + ": no array containers");
  reduction_size_ = shape.c * shape.r * shape.s;
  spread_size_ = shape.m * table_.slicing.n_weight_slices;
}

std::vector<CimMapping> CimLayerModel::enumerate_mappings() const {
  std::vector<CimMapping> out;
  const auto& containers = table_.containers;
  CimMapping current;
  current.spatial.assign(containers.size(), 1);
  std::function<void(size_t, double, double)> place = [&](size_t i, double rows_left,
                                                          double cols_left) {
    if (i == containers.size()) {
      for (bool stationary : {true, false}) {
        current.weight_stationary = stationary;
        out.push_back(current);
      }
      return;
    }
    const bool rows = reduces(containers[i]);
    for (int f : divisors_up_to(rows ? rows_left : cols_left, containers[i].fanout)) {
      current.spatial[i] = f;
      place(i + 1, rows ? rows_left / f : rows_left, rows ? cols_left : cols_left / f);
    }
  };
  place(0, reduction_size_, spread_size_);
  return out;
}

MappingCost CimLayerModel::evaluate(const CimMapping& mapping) const {
  const auto& containers = table_.containers;
  if (mapping.spatial.size() != containers.size())
    throw InputError(table_.macro + ": mapping needs one spatial factor per array container");
  std::vector<ArrayContainer> used = containers;
  double rows_used = 1, cols_used = 1;
  for (size_t i = 0; i < used.size(); ++i) {
    if (mapping.spatial[i] < 1 || mapping.spatial[i] > containers[i].fanout)
      throw InputError(table_.macro + ": spatial factor exceeds the fanout of " + containers[i].name);
    used[i].fanout = mapping.spatial[i];
    (reduces(containers[i]) ? rows_used : cols_used) *= mapping.spatial[i];
  }
  const double row_tiles = reduction_size_ / rows_used, col_tiles = spread_size_ / cols_used;
  if (row_tiles != std::floor(row_tiles) || col_tiles != std::floor(col_tiles))
    throw InputError(table_.macro + ": spatial factors must divide the layer dimensions");
  const double outputs_per_tile = shape_.n * shape_.p * shape_.q;
  const double activations =
      outputs_per_tile * row_tiles * col_tiles * table_.slicing.n_input_slices;
  const double weight_loads = row_tiles * col_tiles * (mapping.weight_stationary ? 1 : outputs_per_tile);

  MappingCost cost;
  cost.cycles = activations;
  cost.macs = outputs_per_tile * reduction_size_ * shape_.m;
  for (const auto& c : table_.components) {
    double actions = 0;
    if (c.writes_weights)
      actions = weight_loads * rows_used;  // one action writes a whole row
    else
      // The full-array count (stated or counted) shrinks with the copies a mapping uses.
      actions = activations * c.actions_per_activation *
                values_per_activation(used, c.keeps, c.containers_above, c.coalesced_below) /
                values_per_activation(containers, c.keeps, c.containers_above, c.coalesced_below);
    cost.energy_pj += actions * c.read_pj + cost.cycles * c.leak_pj_per_cycle;
  }
  return cost;
}

}  // namespace cimloop::cim
