#pragma once
// Per-tensor operand value distributions (CiMLoop spec §2.1): a zero-centred PMF with
// 2^N - 1 bins; bin i stands for the signed value i - (size - 1) / 2.
#include <string>
#include <vector>

namespace YAML { class Node; }

namespace cimloop::cim {

class Histogram {
 public:
  Histogram() = default;
  // Normalises to sum 1. Throws InputError (naming `where`) unless the bin count is 2^N - 1,
  // N >= 1, every weight is finite and >= 0 and the sum is positive.
  explicit Histogram(std::vector<double> weights, const std::string& where = "histogram");

  const std::vector<double>& pmf() const { return pmf_; }
  int bins() const { return static_cast<int>(pmf_.size()); }
  int centre() const { return bins() / 2; }
  // Native bit count log2(bins + 1).
  int native_bits() const;
  // Any probability mass below the centre (spec: is_hist_signed).
  bool is_signed() const;
  // P(+v) + P(-v) for |v| = 0, 1, ... ((bins + 1) / 2 entries, zero bin counted twice, not
  // renormalised), as CiMLoop's hist_to_magnitude.
  std::vector<double> magnitude_pmf() const;

 private:
  std::vector<double> pmf_;
};

// Defaults used when a layer carries no histograms (basic_analog iso file).
Histogram default_inputs_histogram();   // [0,0,0,3,2,1,0]
Histogram default_weights_histogram();  // uniform over 15 bins

// Reads a YAML sequence of numbers; `where` names file and key for errors.
Histogram histogram_from_yaml(const YAML::Node& node, const std::string& where);

// Operand distributions of one workload layer.
struct LayerDistributions {
  Histogram inputs;
  Histogram weights;
  Histogram outputs;
};

// Reads `problem.histograms` of a workload layer file (its Jinja include_text line is
// expanded). Missing tensors get the defaults above (outputs default to the inputs).

LayerDistributions read_layer_distributions(const std::string& path);

}  // namespace cimloop::cim
