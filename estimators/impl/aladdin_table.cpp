// "Aladdin_table" estimator (accuracy 70): Aladdin's 40nm characterisations
// (data/aladdin_table.yaml) with the latency-row selection of accelergy-aladdin-plug-in
// (spec §3.3). Only 40/45nm is supported; values are not technology-scaled.
#include <cmath>
#include <map>

#include <yaml-cpp/yaml.h>

#include "estimators/estimator.hpp"
#include "estimators/technology.hpp"

namespace cimloop::estimators {
namespace {

struct Row {
  double latency_ns, dynamic, idle, area;
};
struct Unit {
  double bits;
  std::vector<Row> rows;
};

const std::map<std::string, Unit>& units() {
  static const std::map<std::string, Unit> table = [] {
    std::map<std::string, Unit> t;
    YAML::Node root = YAML::LoadFile(data_directory() + "/aladdin_table.yaml");
    for (const auto& kv : root["units"]) {
      Unit u{kv.second["bits"].as<double>(), {}};
      for (const YAML::Node& r : kv.second["rows"]) {
        u.rows.push_back({r[0].as<double>(), r[1].as<double>(), r[2].as<double>(), r[3].as<double>()});
      }
      t[kv.first.Scalar()] = u;
    }
    return t;
  }();
  return table;
}

// How a class maps onto a table: the unit, the bit-width attribute(s) and the exponent of
// the width ratio (1 linear, 2 quadratic).
struct Model {
  std::string unit;
  std::optional<double> bits;  // query bit width (none = the table's own width)
  double exponent = 1;
};

double number_attribute(const Query& query, const char* name) {
  const Value* v = query.attribute(name);
  std::optional<double> n = v ? v->numeric() : std::nullopt;
  if (!n) throw Declined(std::string("attribute '") + name + "' missing or not a number");
  return *n;
}

Model model_for(const Query& query) {
  std::string c = query.class_name;
  const char* width = query.input_version < 0.4 ? "datawidth" : "width";
  if (c == "intadder") return {"adder", number_attribute(query, width), 1};
  if (c == "intmultiplier") return {"multiplier", number_attribute(query, width), 2};
  if (c == "comparator") return {"comparator", number_attribute(query, width), 1};
  if (c == "counter") return {"counter", number_attribute(query, width), 1};
  if (c == "fpadder" || c == "fpmultiplier") {
    double n = number_attribute(query, "exponent") + number_attribute(query, "mantissa");
    std::string precision = n <= 32 ? "fp_sp_" : "fp_dp_";
    bool adder = c == "fpadder";
    return {precision + (adder ? "adder" : "multiplier"), n, adder ? 1.0 : 2.0};
  }
  if (c == "bitwise" || c == "reg") {
    bool per_bit = query.toolchain == Toolchain::current;
    return {c, per_bit ? std::optional<double>(number_attribute(query, "width")) : std::nullopt, 1};
  }
  throw Declined("class '" + c + "' has no Aladdin model");
}

const Row& row_at(const Unit& unit, double latency_ns) {
  const Row* best = &unit.rows.front();
  for (const Row& r : unit.rows) {
    if (r.latency_ns <= latency_ns) best = &r;
  }
  return *best;
}

double argument_or_attribute(const Query& query, const char* name, double fallback) {
  const Value* v = query.argument(name);
  if (!v) v = query.attribute(name);
  std::optional<double> n = v ? v->numeric() : std::nullopt;
  return n ? *n : fallback;
}

// The latency row used for energy (and, in current Accelergy, for area).
double energy_latency(const Query& query) {
  double cycle = argument_or_attribute(query, "global_cycle_seconds", 1e-9);
  double cycles = argument_or_attribute(query, "action_latency_cycles", 1);
  if (query.input_version < 0.4) {
    return Value(query.attribute("latency") ? query.attribute("latency")->text() : "5").numeric().value_or(5);
  }
  if (query.toolchain == Toolchain::reference_2024_05) {
    double rows = std::ceil(cycle * cycles);  // seconds, as the reference plug-in did
    return rows > 10 ? 10 : rows > 6 && rows < 10 ? 6 : rows;
  }
  double ns = cycle * cycles * 1e9;
  return ns < 0.75 ? 0.5 : std::min(10.0, std::ceil(ns));
}

class AladdinTable : public PrimitiveEstimator {
 public:
  std::string name() const override { return "Aladdin_table"; }
  std::vector<std::string> class_names() const override {
    return {"intadder", "intmultiplier", "comparator", "counter", "fpadder", "fpmultiplier", "bitwise", "reg"};
  }
  double accuracy(const Query& query) const override {
    std::optional<double> nm = technology_nm(query.attribute("technology"));
    if (query.input_version >= 0.4 && (!nm || (*nm != 40 && *nm != 45))) return 0;
    model_for(query);  // throws Declined when an attribute is missing
    return 70;
  }
  Estimate estimate(const Query& query) const override {
    Model m = model_for(query);
    const Unit& unit = units().at(m.unit);
    double width_factor = m.bits ? std::pow(*m.bits / unit.bits, m.exponent) : 1;
    if (query.is_area()) {
      double latency = query.toolchain == Toolchain::current ? energy_latency(query)
                                                             : argument_or_attribute(query, "latency", 5);
      return {row_at(unit, latency).area * width_factor, ""};
    }
    double latency = energy_latency(query);
    const Row& row = row_at(unit, latency);
    const std::string& a = query.action;
    if (a == "leak") {
      double cycle = argument_or_attribute(query, "global_cycle_seconds", 1e-9);
      return {row.idle * width_factor * cycle / latency * 1e9, ""};
    }
    if (a == "idle" || (a.size() > 6 && a.substr(a.size() - 6) == "_gated")) return {row.idle * width_factor, ""};
    double reuse = a.size() > 7 && a.substr(a.size() - 7) == "_reused" ? 0.85 : 1.0;
    return {row.dynamic * width_factor * reuse, ""};
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_aladdin_table_estimator() { return std::make_unique<AladdinTable>(); }

}  // namespace cimloop::estimators
