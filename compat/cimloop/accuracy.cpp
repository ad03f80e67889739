#include "compat/cimloop/accuracy.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <optional>
#include <sstream>

#include "compat/cimloop/macro_run.hpp"
#include "estimators/csv.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat::cimloop {
namespace {

using estimators::csv_field;
using estimators::read_csv;

struct Columns {
  size_t macro, metric, condition, published, unit, components;
};

Columns find_columns(const std::vector<std::string>& header, const std::string& where) {
  auto index = [&](const std::string& name) {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw InputError(where + ": missing column " + name);
  };
  return {index("macro"), index("metric"), index("condition"), index("published_value"), index("unit"),
          index("components")};
}

std::vector<std::string> component_subset(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty() || text == "all") return out;
  std::stringstream s(text);
  for (std::string name; std::getline(s, name, '+');) out.push_back(name);
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

std::optional<double> scale_of(const std::string& unit, const std::map<std::string, double>& units) {
  const auto it = units.find(unit);
  return it == units.end() ? std::nullopt : std::optional<double>(it->second);
}

double energy_of(const MacroOutputStats& stats, const std::vector<std::string>& subset) {
  return subset.empty() ? stats.energy() : stats.energy_of(subset);
}

double area_of(const MacroOutputStats& stats, const std::vector<std::string>& subset) {
  return subset.empty() ? stats.area() : stats.area_of(subset);
}

// The row's quantity, in its unit.
double metric_value(const MacroOutputStats& s, const std::string& metric, const std::string& raw_unit,
                    const std::vector<std::string>& subset) {
  const std::string unit = normalized_unit(raw_unit);
  const double one_bit = metric.ends_with("_1b") ? s.one_bit_scale() : 1.0;
  const size_t slash = unit.find('/');
  const std::string head = unit.substr(0, slash), tail = slash == std::string::npos ? "" : unit.substr(slash + 1);
  if (const auto ops = scale_of(head, {{"TOPS", 1}, {"GOPS", 1e3}})) {
    if (tail.empty()) return s.tops() * one_bit * *ops;
    if (tail == "W") return s.computes / energy_of(s, subset) * 2 / 1e12 * one_bit * *ops;
    if (tail == "mm^2") return s.tops() / area_of(s, subset) / 1e6 * one_bit * *ops;
  }
  if (const auto energy = scale_of(head, {{"fJ", 1e15}, {"pJ", 1e12}, {"nJ", 1e9}, {"uJ", 1e6}})) {
    if (tail.empty() || tail == "MVM") return energy_of(s, subset) * *energy;
    if (tail == "MAC") return energy_of(s, subset) / s.computes * *energy;
  }
  if (const auto area = scale_of(unit, {{"um^2", 1e12}, {"mm^2", 1e6}})) return area_of(s, subset) * *area;
  if (const auto power = scale_of(unit, {{"W", 1}, {"mW", 1e3}, {"uW", 1e6}}))
    return energy_of(s, subset) / s.latency() * *power;
  if (const auto time = scale_of(unit, {{"s", 1}, {"ms", 1e3}, {"us", 1e6}, {"ns", 1e9}})) return s.latency() * *time;
  throw InputError("metric " + metric + ": unit '" + raw_unit +
                   "' is not one of TOPS, TOPS/W, TOPS/mm^2 (or GOPS...), pJ (fJ, nJ, uJ; or /MAC), um^2, mm^2, "
                   "W (mW, uW), s (ms, us, ns)");
}

bool is_lower_word(const std::string& text) {
  return !text.empty() && std::islower(static_cast<unsigned char>(text[0])) &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string key(const std::string& macro, const std::string& metric, const std::string& condition) {
  return macro + '\n' + metric + '\n' + condition;
}

std::map<std::string, std::string> read_exemptions(const std::string& path) {
  std::map<std::string, std::string> out;
  const auto lines = read_csv(path);
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto& f = lines[i].fields;
    if (f.size() != 4) throw InputError(path + " (line " + std::to_string(lines[i].line) + "): expected macro,metric,condition,reason");
    out[key(f[0], f[1], f[2])] = f[3];
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> condition_overrides(const std::string& condition) {
  std::map<std::string, std::string> out;
  std::string spaced = condition;
  std::replace(spaced.begin(), spaced.end(), ';', ' ');
  std::stringstream words(spaced);
  for (std::string word; words >> word;) {
    std::vector<std::string> parts;
    std::stringstream chain(word);
    for (std::string part; std::getline(chain, part, '=');) parts.push_back(part);
    if (parts.size() < 2 || parts.back().empty()) continue;  // a note, e.g. "(default)"
    std::string value = parts.back();
    if (is_lower_word(value) && value != "True" && value != "False") value = "'" + value + "'";
    for (size_t i = 0; i + 1 < parts.size(); ++i)
      if (!parts[i].empty()) out[parts[i]] = value;
  }
  return out;
}

AccuracySummary evaluate_published(const std::string& published_csv, const std::string& top,
                                   const std::string& exemptions_csv) {
  const auto lines = read_csv(published_csv);
  if (lines.empty()) throw InputError(published_csv + ": empty");
  AccuracySummary summary;
  summary.header = lines[0].fields;
  const Columns col = find_columns(summary.header, published_csv);
  auto exemptions = read_exemptions(exemptions_csv);
  std::map<std::string, MacroOutputStats> runs;  // macro and condition -> stats (rows share runs)
  double total = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto& f = lines[i].fields;
    const std::string where = published_csv + " (line " + std::to_string(lines[i].line) + ")";
    if (f.size() != summary.header.size()) throw InputError(where + ": wrong number of columns");
    AccuracyRow row;
    row.fields = f;
    char* end = nullptr;
    row.published = std::strtod(f[col.published].c_str(), &end);
    if (f[col.published].empty() || *end != '\0') throw InputError(where + ": published_value is not a number");
    if (auto it = exemptions.find(key(f[col.macro], f[col.metric], f[col.condition])); it != exemptions.end()) {
      row.exemption = it->second;
      exemptions.erase(it);
    }
    try {
      const std::string point = key(f[col.macro], "", f[col.condition]);
      auto run = runs.find(point);
      if (run == runs.end())
        run = runs.emplace(point, run_macro(quick_run(top, f[col.macro], condition_overrides(f[col.condition]))).stats).first;
      row.model = metric_value(run->second, f[col.metric], f[col.unit], component_subset(f[col.components]));
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
    throw InputError(exemptions_csv + ": exemption matches no published row: " + exemptions.begin()->first);
  summary.mean_abs_error_pct = summary.counted_rows ? total / static_cast<double>(summary.counted_rows) : 0;
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
    out << std::setw(8) << row.error_pct << "%  " << row.fields[0] << "  " << row.fields[1] << "  [" << row.fields[2]
        << "]  published " << row.published << " model " << row.model;
    if (!row.exemption.empty()) out << "  EXEMPT: " << row.exemption;
    out << "\n";
  }
  const size_t exempt = static_cast<size_t>(std::count_if(
      s.rows.begin(), s.rows.end(), [](const AccuracyRow& r) { return r.failure.empty() && !r.exemption.empty(); }));
  out << "rows " << s.rows.size() << ", counted " << s.counted_rows << ", exempt " << exempt << ", not evaluated "
      << s.failed_rows << "; mean |error| " << s.mean_abs_error_pct << "%, max |error| " << s.max_abs_error_pct << "%\n";
  return out.str();
}

}  // namespace cimloop::compat::cimloop
