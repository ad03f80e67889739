// "Aladdin_table" estimator (accuracy 70): Aladdin's 40nm characterisations
// (data/aladdin_table.yaml) with the latency-row selection of accelergy-aladdin-plug-in
// (spec §3.3). At 40/45nm the values are used as they are (accuracy 70); at other nodes with
// Stillmaker-Baas factors they are scaled from 45nm as a labelled fallback (accuracy 10).
#include <cmath>
#include <map>

#include <yaml-cpp/yaml.h>

#include "estimators/estimator.hpp"
#include "estimators/technology/technology.hpp"

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
    YAML::Node root = load_data_file("aladdin_table.yaml");
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

// A class is a sum of table units: each term scales one unit's row by `scale` (instance
// count x bit-width ratio). `delta` names the action argument (data_delta/address_delta)
// that switches the term to idle energy (v0.3) or to nothing (v0.4) when it is 0.
struct Term {
  std::string unit;
  double scale = 1;
  const char* delta = nullptr;
};

double number_attribute(const Query& query, const char* name) {
  const Value* v = query.attribute(name);
  std::optional<double> n = v ? v->numeric() : std::nullopt;
  if (!n) throw Declined(std::string("attribute '") + name + "' missing or not a number");
  return *n;
}

double width_ratio(double bits, const std::string& unit, double exponent) {
  return std::pow(bits / units().at(unit).bits, exponent);
}

// Register per bit of width plus one address comparator per word (ceil(log2 depth) bits).
std::vector<Term> storage_terms(const Query& query, const char* width_name) {
  double width = number_attribute(query, width_name), depth = number_attribute(query, "depth");
  double address_bits = depth > 1 ? std::ceil(std::log2(depth)) : 0;
  return {{"reg", width, "data_delta"}, {"comparator", depth * width_ratio(address_bits, "comparator", 1), "address_delta"}};
}

std::vector<Term> model_for(const Query& query) {
  std::string c = query.class_name;
  const char* width = query.input_version < 0.4 ? "datawidth" : "width";
  if (c == "intadder") return {{"adder", width_ratio(number_attribute(query, width), "adder", 1)}};
  if (c == "intmultiplier") return {{"multiplier", width_ratio(number_attribute(query, width), "multiplier", 2)}};
  if (c == "intmac") {
    double bits = number_attribute(query, width);
    return {{"adder", width_ratio(bits, "adder", 1)}, {"multiplier", width_ratio(bits, "multiplier", 2)}};
  }
  if (c == "comparator") return {{"comparator", width_ratio(number_attribute(query, width), "comparator", 1)}};
  if (c == "counter") return {{"counter", width_ratio(number_attribute(query, width), "counter", 1)}};
  if (c == "fpadder" || c == "fpmultiplier") {
    double n = number_attribute(query, "exponent") + number_attribute(query, "mantissa");
    bool adder = c == "fpadder";
    std::string unit = std::string(n <= 32 ? "fp_sp_" : "fp_dp_") + (adder ? "adder" : "multiplier");
    return {{unit, width_ratio(n, unit, adder ? 1 : 2)}};
  }
  if (c == "bitwise" || c == "reg") {
    bool per_bit = query.toolchain == Toolchain::current;
    return {{c, per_bit ? number_attribute(query, "width") : 1}};
  }
  if (c == "regfile") return storage_terms(query, width);
  if (c == "FIFO") {  // a register per bit and one comparator on the ceil(log2 depth)-bit pointer
    double depth = number_attribute(query, "depth");
    double pointer_bits = depth > 1 ? std::ceil(std::log2(depth)) : 0;
    return {{"reg", number_attribute(query, width)}, {"comparator", width_ratio(pointer_bits, "comparator", 1)}};
  }
  if (c == "SRAM") {
    std::vector<Term> terms = storage_terms(query, width);
    if (number_attribute(query, width) > 32 || number_attribute(query, "depth") > 128) {
      throw Declined("Aladdin models SRAMs up to 32 bits x 128 words only");
    }
    return terms;
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

bool ends_with(const std::string& text, const char* suffix) {
  std::string s(suffix);
  return text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0;
}

// One unit's value for the query (area or energy of the action), before the term's scale.
double term_value(const Query& query, const Term& term) {
  const Unit& unit = units().at(term.unit);
  if (query.is_area()) {
    double latency = query.toolchain == Toolchain::current ? energy_latency(query)
                                                           : argument_or_attribute(query, "latency", 5);
    return row_at(unit, latency).area;
  }
  double latency = energy_latency(query);
  const Row& row = row_at(unit, latency);
  const std::string& a = query.action;
  if (a == "leak") return row.idle * argument_or_attribute(query, "global_cycle_seconds", 1e-9) / latency * 1e9;
  bool multiplier = term.unit == "multiplier";
  if (a == "idle" || (multiplier && ends_with(a, "_gated"))) return row.idle;
  if (term.delta && argument_or_attribute(query, term.delta, 1) == 0) return query.input_version < 0.4 ? row.idle : 0;
  return row.dynamic * (multiplier && ends_with(a, "_reused") ? 0.85 : 1.0);
}

class AladdinTable : public PrimitiveEstimator {
 public:
  std::string name() const override { return "Aladdin_table"; }
  std::vector<std::string> class_names() const override {
    return {"intadder", "intmultiplier", "intmac", "comparator", "counter", "fpadder", "fpmultiplier",
            "bitwise", "reg", "regfile", "SRAM", "FIFO"};
  }
  double accuracy(const Query& query) const override {
    model_for(query);  // throws Declined when an attribute is missing
    if (query.input_version < 0.4 || native_node(query)) return 70;
    return node_scaling(query) ? kScaledAccuracy : 0;
  }
  Estimate estimate(const Query& query) const override {
    double total = 0;
    for (const Term& term : model_for(query)) total += term_value(query, term) * term.scale;
    if (query.input_version < 0.4 || native_node(query)) return {total, ""};
    std::optional<double> factor = node_scaling(query);
    if (!factor) throw Declined("no technology scaling for this node");
    return {total * *factor, "Aladdin 45nm data scaled to " + query.attribute("technology")->text() +
                                 " (Stillmaker-Baas); an approximate fallback"};
  }

 private:
  // Beyond the plug-in: other nodes get the 45nm values scaled, ranked below every real model.
  static constexpr double kScaledAccuracy = 10;
  static bool native_node(const Query& query) {
    std::optional<double> nm = technology_nm(query.attribute("technology"));
    return nm && (*nm == 40 || *nm == 45);
  }
  static std::optional<double> node_scaling(const Query& query) {
    std::optional<double> nm = technology_nm(query.attribute("technology"));
    if (!nm) return std::nullopt;
    return query.is_area() ? area_scaling(45, *nm) : energy_scaling(45, *nm);
  }

};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_aladdin_table_estimator() { return std::make_unique<AladdinTable>(); }

}  // namespace cimloop::estimators
