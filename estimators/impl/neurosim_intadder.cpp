// "Neurosim Plug-In" integer adder (accuracy 70): NeuroSim's adder as a linear function of
// the bit width at each node (data/neurosim_intadder.yaml), interpolated linearly between
// nodes as the plug-in does (spec §3.4). Nodes outside the data are declined.
#include <cstdio>
#include <cstdlib>
#include <map>

#include <yaml-cpp/yaml.h>

#include "estimators/estimator.hpp"
#include "estimators/technology/technology.hpp"

namespace cimloop::estimators {
namespace {

struct Fit {
  double e0, e1, l1, a1;
};

const std::map<double, Fit>& fits() {
  static const std::map<double, Fit> table = [] {
    std::map<double, Fit> t;
    YAML::Node root = load_data_file("neurosim_intadder.yaml");
    for (const auto& kv : root["nodes"]) {
      const YAML::Node f = kv.second;
      t[kv.first.as<double>()] = {f["e0"].as<double>(), f["e1"].as<double>(), f["l1"].as<double>(), f["a1"].as<double>()};
    }
    return t;
  }();
  return table;
}

Fit fit_at(double nm) {
  auto upper = fits().lower_bound(nm);
  if (upper != fits().end() && upper->first == nm) return upper->second;
  if (upper == fits().end() || upper == fits().begin()) {
    throw Declined("no NeuroSim data at " + Value(nm).text() + "nm");
  }
  auto lower = std::prev(upper);
  double w = (nm - lower->first) / (upper->first - lower->first);
  auto mix = [&](double Fit::*f) { return lower->second.*f + w * (upper->second.*f - lower->second.*f); };
  return {mix(&Fit::e0), mix(&Fit::e1), mix(&Fit::l1), mix(&Fit::a1)};
}

// The plug-in parses NeuroSim's printed results, which carry 7 significant digits.
Estimate printed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", value);
  return {std::strtod(text, nullptr), ""};
}

bool read_class_action(const std::string& a) {
  return a == "add" || a == "read" || a == "compute" || a == "convert" || a == "drive";
}

class NeurosimIntadder : public PrimitiveEstimator {
 public:
  std::string name() const override { return "Neurosim Plug-In"; }
  std::vector<std::string> class_names() const override { return {"intadder"}; }
  std::vector<std::string> required_attributes(const std::string&) const override { return {"technology", "n_bits"}; }
  double accuracy(const Query& query) const override {
    std::optional<double> nm = technology_nm(query.attribute("technology"));
    if (!nm) throw Declined("technology is not a node in nm");
    fit_at(*nm);
    if (!query.is_area() && query.action != "leak" && !read_class_action(query.action)) {
      throw Declined("no NeuroSim data for action '" + query.action + "'");
    }
    return 70;
  }
  Estimate estimate(const Query& query) const override {
    Fit f = fit_at(*technology_nm(query.attribute("technology")));
    std::optional<double> bits = query.attribute("n_bits")->numeric();
    if (!bits) throw Declined("n_bits is not a number");
    if (query.is_area()) return printed(f.a1 * *bits);
    if (query.action == "leak") {
      const Value* cycle = query.argument("global_cycle_seconds");
      if (!cycle) cycle = query.attribute("global_cycle_seconds");
      double seconds = cycle && cycle->numeric() ? *cycle->numeric() : 1e-9;
      return printed(f.l1 * *bits * seconds / 1e-9);
    }
    return printed(f.e0 + f.e1 * *bits);
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_neurosim_intadder_estimator() { return std::make_unique<NeurosimIntadder>(); }

}  // namespace cimloop::estimators
