#include "src/cim/accuracy.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <memory>
#include <sstream>

#include "src/cim/macro_source.hpp"
#include "src/cim/csv.hpp"
#include "src/cim/macro_evaluator.hpp"
#include "src/cim/operating_point.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

namespace {

struct Columns {
  size_t macro, metric, condition, published, unit, components;
};

Columns find_columns(const std::vector<std::string>& header, const std::string& where) {
  auto index = [&](const std::string& name) {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw InputError(where + ": missing column " + name);
  };
  return {index("macro"), index("metric"), index("condition"), index("published_value"),
          index("unit"), index("components")};
}

std::vector<std::string> component_subset(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty() || text == "all") return out;
  std::stringstream s(text);
  std::string name;
  while (std::getline(s, name, '+')) out.push_back(name);
  return out;
}

// Unit text as written in published tables: "µm²" and "um^2" alike.
std::string normalized_unit(std::string unit) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{" ", ""}, {"\u00b5", "u"}, {"\u00b2", "^2"},
                                 {"mm2", "mm^2"}, {"um2", "um^2"}})
    for (size_t at = unit.find(from); at != std::string::npos; at = unit.find(from, at + to.size()))
      unit.replace(at, from.size(), to);
  return unit;
}

// Multiplier from the base unit (pJ, TOPS, um^2, s, W) to `prefix`+base.
std::optional<double> scale_of(const std::string& prefix, const std::map<std::string, double>& prefixes) {
  auto it = prefixes.find(prefix);
  return it == prefixes.end() ? std::nullopt : std::optional<double>(it->second);
}

// The value of one row, chosen by its unit (the metric name only marks "_1b" throughput and
// per-MAC energy). "_1b" variants count 1b x 1b operations (spec §1.6); energies, powers and
// latencies are per full-array MVM (every stored weight used once with a whole input) unless
// the unit or metric says per MAC.
double metric_value(const MacroResult& r, const std::string& metric, const std::string& raw_unit,
                    const std::vector<std::string>& subset) {
  const std::string unit = normalized_unit(raw_unit);
  const double one_bit = metric.ends_with("_1b") ? r.input_bits * r.weight_bits : 1.0;
  const std::map<std::string, double> ops = {{"TOPS", 1}, {"GOPS", 1e3}};
  const size_t slash = unit.find('/');
  const std::string head = unit.substr(0, slash), tail = slash == std::string::npos ? "" : unit.substr(slash + 1);
  if (auto ops_scale = scale_of(head, ops)) {
    if (tail.empty()) return r.tops() * one_bit * *ops_scale;
    if (tail == "W") return r.tops_per_w(subset) * one_bit * *ops_scale;
    if (tail == "mm^2") return r.tops_per_mm2(subset) * one_bit * *ops_scale;
  }
  const std::map<std::string, double> energies = {{"fJ", 1e3}, {"pJ", 1}, {"nJ", 1e-3}, {"uJ", 1e-6}};
  if (auto energy_scale = scale_of(head, energies)) {
    const bool per_mac = tail == "MAC" || metric.find("per_mac") != std::string::npos;
    if (tail.empty() || tail == "MAC" || tail == "MVM") {
      const double per_activation = r.energy_per_activation_pj(subset) * *energy_scale;
      return per_mac ? per_activation / r.macs_per_activation : per_activation * r.activations_per_mvm;
    }
  }
  if (auto area_scale = scale_of(unit, {{"um^2", 1}, {"mm^2", 1e-6}})) return r.area_um2(subset) * *area_scale;
  if (auto power_scale = scale_of(unit, {{"W", 1}, {"mW", 1e3}, {"uW", 1e6}}))
    return r.energy_per_activation_pj(subset) * 1e-12 / r.cycle_seconds * *power_scale;
  if (auto time_scale = scale_of(unit, {{"s", 1}, {"ms", 1e3}, {"us", 1e6}, {"ns", 1e9}}))
    return r.cycle_seconds * r.activations_per_mvm * *time_scale;
  throw InputError("metric " + metric + ": unit '" + raw_unit +
                   "' is not one of TOPS, TOPS/W, TOPS/mm^2 (or GOPS...), pJ (fJ, nJ, uJ; per MVM or /MAC), "
                   "um^2, mm^2, W (mW, uW), s (ms, us, ns)");
}

// The condition's NAME=VALUE assignments (numbers or text) that name macro variables; other names are labels of
// the published test (e.g. Sinangil's AVERAGE_OUTPUT_VALUE), reported in `ignored`.
template <typename Value>
std::map<std::string, Value> macro_overrides(const MacroSource& macro,
                                             const std::map<std::string, Value>& assignments,
                                             std::vector<std::string>& ignored) {
  std::map<std::string, Value> overrides;
  for (const auto& [name, value] : assignments)
    if (macro.has_variable(name))
      overrides[name] = value;
    else
      ignored.push_back(name);
  return overrides;
}

std::string key(const std::string& macro, const std::string& metric, const std::string& condition) {
  return macro + '\n' + metric + '\n' + condition;
}

std::map<std::string, std::string> read_exemptions(const std::string& path) {
  std::map<std::string, std::string> out;
  const auto lines = read_csv(path);
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto& f = lines[i].fields;
    if (f.size() != 4)
      throw InputError(path + " (line " + std::to_string(lines[i].line) +
                       "): expected macro,metric,condition,reason");
    out[key(f[0], f[1], f[2])] = f[3];
  }
  return out;
}

struct LoadedMacro {
  std::unique_ptr<MacroSource> macro;
  std::string error;
};

// Reads each macro once; a missing or unreadable description is an error of the rows that
// name it (each of them says why), not of the whole table.
const MacroSource& macro_named(const std::string& name, const std::string& macro_dir,
                                 std::map<std::string, LoadedMacro>& macros) {
  auto [it, inserted] = macros.try_emplace(name);
  LoadedMacro& loaded = it->second;
  if (inserted) {
    try {
      loaded.macro = std::make_unique<MacroSource>(macro_dir, name);
    } catch (const InputError& e) {
      loaded.error = e.what();
    }
  }
  if (!loaded.macro) throw InputError(loaded.error);
  return *loaded.macro;
}

}  // namespace

AccuracySummary evaluate_published(const std::string& published_csv, const std::string& macro_dir,
                                   const std::string& exemptions_csv) {
  const auto lines = read_csv(published_csv);
  if (lines.empty()) throw InputError(published_csv + ": empty");
  AccuracySummary summary;
  summary.header = lines[0].fields;
  const Columns col = find_columns(summary.header, published_csv);
  auto exemptions = read_exemptions(exemptions_csv);
  std::map<std::string, LoadedMacro> macros;
  std::map<std::string, MacroResult> evaluated;  // macro and condition -> result (rows share points)
  double total = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto& f = lines[i].fields;
    const std::string where = published_csv + " (line " + std::to_string(lines[i].line) + ")";
    if (f.size() != summary.header.size()) throw InputError(where + ": wrong number of columns");
    AccuracyRow row;
    row.fields = f;
    try {
      row.published = std::stod(f[col.published]);
    } catch (const std::exception&) {
      throw InputError(where + ": published_value is not a number");
    }
    const std::string& name = f[col.macro];
    if (auto it = exemptions.find(key(name, f[col.metric], f[col.condition])); it != exemptions.end()) {
      row.exemption = it->second;
      exemptions.erase(it);
    }
    try {
      const MacroSource& macro = macro_named(name, macro_dir, macros);
      std::vector<std::string> ignored;
      const auto overrides = macro_overrides(macro, parse_operating_point(f[col.condition]), ignored);
      const auto text = macro_overrides(macro, parse_operating_point_text(f[col.condition]), ignored);
      for (const auto& label : ignored) row.notes.push_back(label + " is not a variable of " + name + " (ignored)");
      row.form = macro.form();
      const std::string point = key(name, "", f[col.condition]);
      auto cached = evaluated.find(point);
      if (cached == evaluated.end()) cached = evaluated.emplace(point, macro.evaluate(overrides, text)).first;
      const MacroResult& result = cached->second;
      row.model = metric_value(result, f[col.metric], f[col.unit], component_subset(f[col.components]));
      row.error_pct = (row.model - row.published) / row.published * 100;
    } catch (const InputError& e) {
      row.failure = where + ": " + e.what();
      ++summary.failed_rows;
    }
    if (row.failure.empty() && row.exemption.empty()) {
      total += std::fabs(row.error_pct);
      summary.max_abs_error_pct = std::max(summary.max_abs_error_pct, std::fabs(row.error_pct));
      ++summary.counted_rows;
    }
    summary.rows.push_back(std::move(row));
  }
  if (!exemptions.empty())
    throw InputError(exemptions_csv + ": exemption matches no published row: " +
                     exemptions.begin()->first);
  summary.mean_abs_error_pct = summary.counted_rows ? total / summary.counted_rows : 0;
  return summary;
}

std::string format_accuracy_csv(const AccuracySummary& s) {
  std::ostringstream out;
  for (const auto& h : s.header) out << csv_field(h) << ',';
  out << "model,error_pct\n";
  for (const auto& row : s.rows) {
    for (const auto& f : row.fields) out << csv_field(f) << ',';
    if (row.failure.empty())
      out << std::setprecision(6) << row.model << ',' << std::fixed << std::setprecision(2) << row.error_pct
          << std::defaultfloat;
    else
      out << ',';  // not evaluated: the summary gives the reason
    out << "\n";
  }
  return out.str();
}

std::string format_accuracy_summary(const AccuracySummary& s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2);
  for (const auto& row : s.rows) {
    if (!row.failure.empty()) {
      out << "  FAILED  " << row.failure << "\n";
      continue;
    }
    out << std::setw(8) << row.error_pct << "%  " << row.fields[0] << "  " << row.fields[1]
        << "  [" << row.fields[2] << "]  published " << row.published << " model " << row.model;
    out << "  (" << row.form << ")";
    if (!row.exemption.empty()) out << "  EXEMPT: " << row.exemption;
    for (const auto& note : row.notes) out << "  (" << note << ")";
    out << "\n";
  }
  const size_t exempt = std::count_if(s.rows.begin(), s.rows.end(), [](const AccuracyRow& r) {
    return r.failure.empty() && !r.exemption.empty();
  });
  out << "rows " << s.rows.size() << ", counted " << s.counted_rows << ", exempt " << exempt
      << ", not evaluated " << s.failed_rows << "; mean |error| " << s.mean_abs_error_pct
      << "%, max |error| " << s.max_abs_error_pct << "%\n";
  return out.str();
}

}  // namespace cimloop::cim
