#include "src/cim/accuracy.hpp"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "src/cim/csv.hpp"
#include "src/cim/macro_evaluator.hpp"
#include "src/cim/macro_variables.hpp"
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

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// The metric of one row. "_1b" TOPS variants count 1b x 1b operations (spec §1.6); energies
// are per full-array MVM (every stored weight used once with a whole input).
double metric_value(const MacroResult& r, const std::string& metric, const std::string& unit,
                    const std::vector<std::string>& subset, const std::string& where) {
  const double one_bit = metric.ends_with("_1b") ? r.input_bits * r.weight_bits : 1.0;
  if (starts_with(metric, "tops_per_w")) return r.tops_per_w(subset) * one_bit;
  if (starts_with(metric, "tops_per_mm2")) return r.tops_per_mm2(subset) * one_bit;
  if (starts_with(metric, "tops")) return r.tops() * one_bit;
  if (starts_with(metric, "energy")) {
    if (unit != "pJ") throw InputError(where + ": energy rows must be in pJ");
    return r.energy_per_activation_pj(subset) * r.activations_per_mvm;
  }
  if (starts_with(metric, "area")) {
    if (unit == "um^2") return r.area_um2(subset);
    if (unit == "mm^2") return r.area_um2(subset) * 1e-6;
    throw InputError(where + ": area rows must be in um^2 or mm^2");
  }
  throw InputError(where + ": unknown metric " + metric);
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

}  // namespace

AccuracySummary evaluate_published(const std::string& published_csv, const std::string& macro_dir,
                                   const std::string& exemptions_csv) {
  const auto lines = read_csv(published_csv);
  if (lines.empty()) throw InputError(published_csv + ": empty");
  AccuracySummary summary;
  summary.header = lines[0].fields;
  const Columns col = find_columns(summary.header, published_csv);
  auto exemptions = read_exemptions(exemptions_csv);
  std::map<std::string, MacroSpec> macros;
  double total = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto& f = lines[i].fields;
    const std::string where = published_csv + " (line " + std::to_string(lines[i].line) + ")";
    if (f.size() != summary.header.size()) throw InputError(where + ": wrong number of columns");
    const std::string& name = f[col.macro];
    if (!macros.count(name)) {
      const auto file = std::filesystem::path(macro_dir) / name / "macro.yaml";
      if (!std::filesystem::exists(file)) throw InputError(where + ": no macro description " + file.string());
      macros.emplace(name, read_macro_spec(file.string()));
    }
    const MacroSpec& spec = macros.at(name);
    const MacroResult result =
        evaluate_macro(spec, default_distributions(spec), parse_operating_point(f[col.condition]),
                       parse_operating_point_text(f[col.condition]));
    AccuracyRow row;
    row.fields = f;
    try {
      row.published = std::stod(f[col.published]);
    } catch (const std::exception&) {
      throw InputError(where + ": published_value is not a number");
    }
    row.model = metric_value(result, f[col.metric], f[col.unit],
                             component_subset(f[col.components]), where);
    row.error_pct = (row.model - row.published) / row.published * 100;
    if (auto it = exemptions.find(key(name, f[col.metric], f[col.condition])); it != exemptions.end()) {
      row.exemption = it->second;
      exemptions.erase(it);
    } else {
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
    out << std::setprecision(6) << row.model << ',' << std::fixed << std::setprecision(2)
        << row.error_pct << std::defaultfloat << "\n";
  }
  return out.str();
}

std::string format_accuracy_summary(const AccuracySummary& s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2);
  for (const auto& row : s.rows) {
    out << std::setw(8) << row.error_pct << "%  " << row.fields[0] << "  " << row.fields[1]
        << "  [" << row.fields[2] << "]  published " << row.published << " model " << row.model;
    if (!row.exemption.empty()) out << "  EXEMPT: " << row.exemption;
    out << "\n";
  }
  out << "rows " << s.rows.size() << ", counted " << s.counted_rows << ", exempt "
      << s.rows.size() - s.counted_rows << "; mean |error| " << s.mean_abs_error_pct
      << "%, max |error| " << s.max_abs_error_pct << "%\n";
  return out.str();
}

}  // namespace cimloop::cim
