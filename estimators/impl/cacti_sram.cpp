// "CactiSRAM" (accuracy 80): accelergy-cacti-plug-in's SRAM model (spec §3.5) on top of
// shipped raw CACTI results (data/cacti_sram.yaml) instead of running CACTI. Geometry fix-up,
// post-scaling and linear interpolation between technology nodes follow the plug-in. A
// geometry not in the table uses the power-law fallback (sram_power_law.hpp) with a warning.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <yaml-cpp/yaml.h>

#include "estimators/estimator.hpp"
#include "estimators/cacti/sram_power_law.hpp"
#include "estimators/technology/technology.hpp"

namespace cimloop::estimators {
namespace {

struct Raw {
  std::optional<double> read_nj, write_nj, leak_mw, area_mm2;  // as CACTI prints them
};
using Key = std::tuple<double, double, double, int, int>;  // tech, size B, block B, ports, banks

const std::map<Key, Raw>& table() {
  static const std::map<Key, Raw> rows = [] {
    std::map<Key, Raw> t;
    YAML::Node root = load_data_file("cacti_sram.yaml");
    auto optional = [](const YAML::Node& n) { return n.IsNull() ? std::nullopt : std::optional<double>(n.as<double>()); };
    for (const YAML::Node& r : root["rows"]) {
      Key key{r[0].as<double>(), r[1].as<double>(), r[2].as<double>(), r[3].as<int>(), r[4].as<int>()};
      t[key] = {optional(r[5]), optional(r[6]), optional(r[7]), optional(r[8])};
    }
    return t;
  }();
  return rows;
}

// The fallback fitted at 45nm and moved to other nodes with CACTI's own 32/45nm ratios.
const double kFitNode = 45, kLowNode = 32;
const SramPowerLaw& fallback() {
  static const SramPowerLaw law = SramPowerLaw::fit(cacti_reference_points(kFitNode));
  return law;
}

struct Geometry {
  double tech, width, depth, cacti_width, cacti_depth;
  int ports, banks;
  double size_bytes() const { return cacti_width * cacti_depth / 8; }
  double block_bytes() const { return cacti_width / 8; }
};

double number(const Query& query, const char* name, std::optional<double> fallback_value) {
  const Value* v = query.attribute(name);
  std::optional<double> n = v ? v->numeric() : fallback_value;
  if (!n) throw Declined(std::string("attribute '") + name + "' missing or not a number");
  return *n;
}

Geometry geometry(const Query& query) {
  Geometry g;
  g.tech = number(query, "technology", std::nullopt);
  g.width = number(query, "width", std::nullopt);
  g.depth = number(query, "depth", std::nullopt);
  g.ports = static_cast<int>(number(query, "n_rw_ports", query.attribute("n_rdwr_ports")
                                                             ? query.attribute("n_rdwr_ports")->numeric()
                                                             : std::optional<double>(1)));
  int banks = static_cast<int>(number(query, "n_banks", 1));
  g.banks = 1;
  while (g.banks < banks) g.banks *= 2;
  if (g.width <= 0 || g.depth <= 0) throw Declined("CACTI needs a positive width and depth");
  g.cacti_width = std::max(std::ceil(g.width / 8) * 8, 32.0);
  g.cacti_depth = std::max(g.depth, 64.0 * g.banks);
  return g;
}

const Raw* row_at(const Geometry& g, double tech) {
  auto it = table().find(Key{tech, g.size_bytes(), g.block_bytes(), g.ports, g.banks});
  return it == table().end() ? nullptr : &it->second;
}

double field_of(const Raw& raw, std::optional<double> Raw::*field, bool& missing) {
  if (!(raw.*field)) missing = true;
  return (raw.*field).value_or(0);
}

// Raw CACTI value of one output: the table at this node, linear interpolation between table
// nodes, or the fallback. `warning` is set when the fallback was used.
// CACTI's own low/high-node ratio of one output, linear in the node between them, from the
// geometry shipped at both nodes.
double cacti_node_ratio(double tech, std::optional<double> Raw::*field) {
  for (const auto& [key, raw] : table()) {
    if (std::get<0>(key) != kLowNode) continue;
    auto twin = table().find(Key{kFitNode, std::get<1>(key), std::get<2>(key), std::get<3>(key), std::get<4>(key)});
    if (twin == table().end()) continue;
    bool missing = false;
    double r = field_of(raw, field, missing) / field_of(twin->second, field, missing);
    if (missing) continue;  // that output was not observed at both nodes
    return r + (1 - r) * (tech - kLowNode) / (kFitNode - kLowNode);
  }
  throw Declined("no CACTI data to move the fallback to " + Value(tech).text() + "nm");
}

// The factor that moves a 45nm fallback value to the query's node: CACTI's own ratios between
// 32 and 45nm, Stillmaker-Baas factors elsewhere (declined where there are none).
double fallback_node_factor(double tech, std::optional<double> Raw::*field) {
  if (tech == kFitNode) return 1;
  if (tech >= kLowNode && tech <= kFitNode) return cacti_node_ratio(tech, field);
  std::optional<double> f = field == &Raw::area_mm2 ? area_scaling(kFitNode, tech) : energy_scaling(kFitNode, tech);
  if (!f) throw Declined("no CACTI result and no technology scaling for an SRAM at " + Value(tech).text() + "nm");
  return *f;
}

// Raw CACTI value of one output: the table at this node, linear interpolation between table
// nodes, or the fallback (whose pJ and um^2 `fit_to_raw` turns into CACTI's nJ and mm^2).
// `warning` is set when the fallback was used.
double raw_value(const Geometry& g, std::optional<double> Raw::*field, double SramPoint::*fit_field, double fit_to_raw,
                 std::string& warning) {
  bool missing = false;
  if (const Raw* exact = row_at(g, g.tech)) {
    double v = field_of(*exact, field, missing);
    if (!missing) return v;
  }
  const Raw* low = row_at(g, kLowNode);
  const Raw* high = row_at(g, kFitNode);
  if (low && high && g.tech > kLowNode && g.tech < kFitNode) {
    double a = field_of(*low, field, missing), b = field_of(*high, field, missing);
    if (!missing) return a + (b - a) * (g.tech - kLowNode) / (kFitNode - kLowNode);
  }
  double factor = fallback_node_factor(g.tech, field);
  std::string sram = "SRAM " + Value(g.width).text() + "x" + Value(g.depth).text() + " at " + Value(g.tech).text() + "nm";
  bool high_missing = false;
  double at_fit_node = high ? field_of(*high, field, high_missing) : 0;
  if (high && !high_missing) {
    warning = sram + ": the 45nm CACTI result moved to this node (approximate)";
    return at_fit_node * factor;
  }
  warning = sram + " is not in the shipped CACTI results; using the power-law fallback";
  return fallback().predict(g.cacti_width, g.cacti_depth).*fit_field * fit_to_raw * factor;
}

double flag_argument(const Query& query, const char* name) {
  const Value* v = query.argument(name);
  std::optional<double> n = v ? v->numeric() : std::nullopt;
  return n ? (*n != 0 ? 1 : 0) : 1;
}

const std::vector<std::string> kActions = {"read", "write", "update", "leak", "idle"};  // idle: the v0.3 leak

class CactiSram : public PrimitiveEstimator {
 public:
  std::string name() const override { return "CactiSRAM"; }
  std::vector<std::string> class_names() const override { return {"SRAM"}; }
  std::vector<std::string> required_attributes(const std::string&) const override {
    return {"technology", "width", "depth"};
  }
  double accuracy(const Query& query) const override {
    geometry(query);
    if (!query.is_area() && std::find(kActions.begin(), kActions.end(), query.action) == kActions.end()) {
      throw Declined("CactiSRAM has no action '" + query.action + "'");
    }
    return 80;
  }
  std::vector<SupportedClass> supported_classes() const override { return {{"SRAM", kActions, ""}}; }
  Estimate estimate(const Query& query) const override {
    Geometry g = geometry(query);
    double ws = g.width / g.cacti_width, ds = g.depth / g.cacti_depth;
    Estimate e;
    // In the plug-in's units and order: CACTI's mm^2, mW and nJ to m^2, W and J, the post-scaling,
    // then Accelergy's * 1e12 to um^2 and pJ. The order decides the last bit of a result, and
    // with it a 6th decimal that falls half-way (66.3108875 pJ is written 66.310888).
    constexpr double kToPico = 1e12;
    if (query.is_area()) {
      e.value = raw_value(g, &Raw::area_mm2, &SramPoint::area_um2, 1e-6, e.warning) * 1e-6 * ws * ds * kToPico;
    } else if (query.action == "leak" || query.action == "idle") {  // idle: the v0.3 name
      const Value* cycle = query.argument("global_cycle_seconds");
      if (!cycle) cycle = query.attribute("global_cycle_seconds");
      double seconds = cycle && cycle->numeric() ? *cycle->numeric() : 1e-9;
      e.value = raw_value(g, &Raw::leak_mw, &SramPoint::leak_mw, 1, e.warning) * 1e-3 * seconds * ws * ds * kToPico;
    } else {
      bool read = query.action == "read";
      double raw = read ? raw_value(g, &Raw::read_nj, &SramPoint::read_pj, 1e-3, e.warning)
                        : raw_value(g, &Raw::write_nj, &SramPoint::write_pj, 1e-3, e.warning);
      double deltas = 0.7 * flag_argument(query, "data_delta") + 0.3 * flag_argument(query, "address_delta");
      e.value = raw * 1e-9 * ((0.7 * ws + 0.3) * std::pow(ds, 0.78) * deltas) * kToPico;
    }
    return e;
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_cacti_sram_estimator() { return std::make_unique<CactiSram>(); }

}  // namespace cimloop::estimators
