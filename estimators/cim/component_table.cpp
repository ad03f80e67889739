#include "estimators/cim/component_table.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "estimators/cim/technology_scaling.hpp"
#include "estimators/estimator.hpp"
#include "estimators/csv.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::cim {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool parse_number(const std::string& text, double& value) {
  const std::string t = trim(text);
  char* end = nullptr;
  value = std::strtod(t.c_str(), &end);
  return !t.empty() && end == t.c_str() + t.size();
}

// Scale factor from a row's numeric attribute to the query's (library rules).
double attribute_scale(const std::string& name, double row, double query, bool area) {
  if (name == "technology") return area ? area_scale(row, query) : energy_scale(row, query);
  if (name == "resolution") return std::pow(2.0, query - row);
  if (name == "width" || name == "datawidth") return query / row;
  if (name == "depth") return area ? query / row : std::pow(query / row, 0.78);  // CACTI fit
  return 1;
}

}  // namespace

void ComponentTables::load(const std::string& path) {
  const auto lines = cimloop::estimators::read_csv(path);
  std::string current;
  std::vector<std::string> header;
  for (const auto& line : lines) {
    const std::string where = path + " (line " + std::to_string(line.line) + ")";
    const std::string first = trim(line.fields[0]);
    if (first.rfind("COMPONENT:", 0) == 0) {
      current = trim(first.substr(10));
      header.clear();
      source_[current] = path;
      continue;
    }
    if (current.empty()) throw InputError(where + ": row before any COMPONENT: line");
    if (header.empty()) {
      for (const auto& f : line.fields) header.push_back(trim(f));
      continue;
    }
    if (line.fields.size() != header.size()) throw InputError(where + ": wrong number of columns");
    TableRow row;
    row.line = line.line;
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string& column = header[i];
      const std::string value = trim(line.fields[i]);
      double number = 0;
      auto numeric = [&](double& target) {
        if (!parse_number(value, number)) throw InputError(where + ": " + column + " is not a number");
        target = number;
      };
      if (column == "action") row.actions = split(value, '|');
      else if (column == "energy") numeric(row.energy_pj);
      else if (column == "area") numeric(row.area_um2);
      else if (column == "global_cycle_seconds") numeric(row.cycle_seconds);
      else row.attributes[column] = value;
    }
    rows_[current].push_back(std::move(row));
  }
}

std::vector<std::string> ComponentTables::class_names() const {
  std::vector<std::string> names;
  for (const auto& [name, rows] : rows_) names.push_back(name);
  return names;
}

TableEstimate ComponentTables::estimate(const TableQuery& q) const {
  auto it = rows_.find(q.class_name);
  if (it == rows_.end()) throw InputError("no component table for class " + q.class_name);
  const std::string action = q.action.empty() ? "read" : q.action;
  const TableRow* best = nullptr;
  double best_distance = std::numeric_limits<double>::infinity();
  for (const auto& row : it->second) {
    bool has_action = false;
    for (const auto& a : row.actions) has_action |= a == action;
    if (!has_action) continue;
    bool text_match = true;
    for (const auto& [name, value] : row.attributes) {
      auto want = q.text_attributes.find(name);
      if (value != "*" && want != q.text_attributes.end() && want->second != value) text_match = false;
    }
    if (!text_match) continue;
    double distance = 0;
    for (const auto& [name, value] : row.attributes) {
      double row_number = 0;
      auto want = q.numeric_attributes.find(name);
      if (want != q.numeric_attributes.end() && parse_number(value, row_number))
        distance += std::fabs(std::log(want->second / row_number));
    }
    if (distance < best_distance) best = &row, best_distance = distance;
  }
  if (!best) {
    std::string given;
    for (const auto& [name, value] : q.text_attributes) given += " " + name + "=" + value;
    throw InputError("component table " + source_.at(q.class_name) + ": no row of " +
                     q.class_name + " matches action " + action + " and" +
                     (given.empty() ? " the given attributes" : given));
  }
  TableEstimate out{best->energy_pj, best->area_um2};
  for (const auto& [name, value] : best->attributes) {
    double row_number = 0;
    auto want = q.numeric_attributes.find(name);
    if (want == q.numeric_attributes.end() || !parse_number(value, row_number)) continue;
    out.energy_pj *= attribute_scale(name, row_number, want->second, false);
    out.area_um2 *= attribute_scale(name, row_number, want->second, true);
  }
  if (action == "leak") out.energy_pj *= q.cycle_seconds / best->cycle_seconds;
  return out;
}

const ComponentTables& builtin_component_tables() {
  static const ComponentTables tables = [] {
    ComponentTables t;
    const std::filesystem::path dir = data_directory();
    t.load((dir / "cim" / "photonic_components.csv").string());
    return t;
  }();
  return tables;
}

}  // namespace cimloop::estimators::cim
