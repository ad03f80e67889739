// "CactiDRAM" (accuracy 80): constant energy per bit by DRAM type (data/dram.yaml) times
// the access width; no leakage, no area (spec §3.1).
#include <map>
#include <set>

#include <yaml-cpp/yaml.h>

#include "estimators/estimator.hpp"

namespace cimloop::estimators {
namespace {

struct DramData {
  std::string default_type;
  std::map<std::string, double> pj_per_bit;
  std::set<std::string> current_only;
};

const DramData& dram_data() {
  static const DramData data = [] {
    DramData d;
    YAML::Node root = load_data_file("dram.yaml");
    d.default_type = root["default_type"].Scalar();
    for (const auto& kv : root["pJ_per_bit"]) d.pj_per_bit[kv.first.Scalar()] = kv.second.as<double>();
    for (const YAML::Node& t : root["current_only"]) d.current_only.insert(t.Scalar());
    return d;
  }();
  return data;
}

double energy_per_bit(const Query& query) {
  const Value* type = query.attribute("type");
  std::string name = type ? type->text() : dram_data().default_type;
  auto it = dram_data().pj_per_bit.find(name);
  bool hidden = query.toolchain == Toolchain::reference_2024_05 && dram_data().current_only.count(name);
  if (it == dram_data().pj_per_bit.end() || hidden) throw Declined("unknown DRAM type '" + name + "'");
  return it->second;
}

class CactiDram : public PrimitiveEstimator {
 public:
  std::string name() const override { return "CactiDRAM"; }
  std::vector<std::string> class_names() const override { return {"DRAM"}; }
  std::vector<std::string> required_attributes(const std::string&) const override { return {"width"}; }
  double accuracy(const Query& query) const override {
    energy_per_bit(query);
    return 80;
  }
  Estimate estimate(const Query& query) const override {
    if (query.is_area() || query.action == "leak") return {0, ""};
    std::optional<double> width = query.attribute("width")->numeric();
    if (!width) throw Declined("width is not a number");
    return {energy_per_bit(query) * *width, ""};
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_cacti_dram_estimator() { return std::make_unique<CactiDram>(); }

}  // namespace cimloop::estimators
