#pragma once
// Per-mapping evaluation of a CiM macro on one layer (CiMLoop spec §5): the per-action
// energies are computed once per layer (from its operand distributions) and reused; each
// mapping only recounts actions from its spatial factors, O(containers x components).
#include <string>
#include <vector>

#include "src/cim/macro_evaluator.hpp"

namespace cimloop::cim {

// Conv layer dimensions (CiMLoop problem_base: N C M R S P Q; G = 1).
struct LayerShape {
  double n = 1, c = 1, m = 1, r = 1, s = 1, p = 1, q = 1;
};

// Reads problem.instance of a workload layer file (absent dimensions are 1).
LayerShape read_layer_shape(const std::string& path);

// One mapping of a layer onto the array: a spatial factor per array container (containers
// that share outputs reduce over C, R, S; containers that share inputs spread M x weight
// slices) and whether weights stay resident while N, P, Q iterate (weight-stationary).
struct CimMapping {
  std::vector<int> spatial;
  bool weight_stationary = true;
};

struct MappingCost {
  double energy_pj = 0;
  double cycles = 0;
  double macs = 0;
  double edp() const { return energy_pj * cycles; }
};

class CimLayerModel {
 public:
  // `table` is the macro evaluated once for this layer's distributions (its per-action
  // energies); `shape` the layer. Throws InputError when the macro has no array containers.
  CimLayerModel(MacroResult table, const LayerShape& shape);

  // Every mapping whose spatial factors divide the layer's C R S (rows) and M x weight slices
  // (columns) and fit each container's fanout, in both weight orders.
  std::vector<CimMapping> enumerate_mappings() const;
  // Throws InputError for a mapping that does not fit the array or the layer.
  MappingCost evaluate(const CimMapping& mapping) const;
  const MacroResult& table() const { return table_; }

 private:
  MacroResult table_;
  LayerShape shape_;
  double reduction_size_ = 1;  // C x R x S
  double spread_size_ = 1;     // M x weight slices
};

}  // namespace cimloop::cim
