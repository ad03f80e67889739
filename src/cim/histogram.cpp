#include "src/cim/histogram.hpp"

#include <cmath>

#include <yaml-cpp/yaml.h>

#include "src/cim/workload_file.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

Histogram::Histogram(std::vector<double> weights, const std::string& where) {
  const size_t n = weights.size();
  if (n == 0 || ((n + 1) & n) != 0)
    throw InputError(where + ": a histogram needs 2^N - 1 bins, got " + std::to_string(n));
  double sum = 0;
  for (double w : weights) {
    if (!std::isfinite(w) || w < 0)
      throw InputError(where + ": histogram weights must be finite and non-negative");
    sum += w;
  }
  if (sum <= 0) throw InputError(where + ": histogram weights sum to zero");
  for (double& w : weights) w /= sum;
  pmf_ = std::move(weights);
}

int Histogram::native_bits() const {
  int bits = 0;
  while ((1 << bits) < bins() + 1) ++bits;
  return bits;
}

bool Histogram::is_signed() const {
  for (int i = 0; i < centre(); ++i)
    if (pmf_[i] != 0) return true;
  return false;
}

std::vector<double> Histogram::magnitude_pmf() const {
  // Like CiMLoop's hist_to_magnitude, both halves include the zero bin, so P(0) counts
  // twice before renormalisation.
  std::vector<double> folded(centre() + 1, 0.0);
  for (int k = 0; k <= centre(); ++k) folded[k] = pmf_[centre() + k] + pmf_[centre() - k];
  return folded;
}

Histogram default_inputs_histogram() { return Histogram({0, 0, 0, 3, 2, 1, 0}); }

Histogram default_weights_histogram() { return Histogram(std::vector<double>(15, 1.0)); }

Histogram histogram_from_yaml(const YAML::Node& node, const std::string& where) {
  if (!node.IsSequence()) throw InputError(where + ": expected a list of bin probabilities");
  std::vector<double> weights;
  for (const auto& item : node) {
    try {
      weights.push_back(item.as<double>());
    } catch (const YAML::Exception&) {
      throw InputError(where + " (line " + std::to_string(item.Mark().line + 1) +
                       "): histogram entry is not a number");
    }
  }
  return Histogram(std::move(weights), where);
}

LayerDistributions read_layer_distributions(const std::string& path) {
  const YAML::Node root = load_workload_file(path);
  LayerDistributions layer{default_inputs_histogram(), default_weights_histogram(), {}};
  const YAML::Node hists = root["problem"] ? root["problem"]["histograms"] : YAML::Node();
  bool have_outputs = false;
  if (hists && hists.IsMap()) {
    const std::string prefix = path + ": problem.histograms.";
    if (hists["Inputs"]) layer.inputs = histogram_from_yaml(hists["Inputs"], prefix + "Inputs");
    if (hists["Weights"])
      layer.weights = histogram_from_yaml(hists["Weights"], prefix + "Weights");
    if (hists["Outputs"]) {
      layer.outputs = histogram_from_yaml(hists["Outputs"], prefix + "Outputs");
      have_outputs = true;
    }
  }
  if (!have_outputs) layer.outputs = layer.inputs;
  return layer;
}

}  // namespace cimloop::cim
