#include "compat/cimloop/macro_report.hpp"

#include <cstdio>
#include <functional>
#include <set>

namespace cimloop::compat::cimloop {
namespace {

struct Metric {
  const char* name;
  std::function<double(const MacroOutputStats&)> value;
};

const std::vector<Metric>& metrics() {
  static const std::vector<Metric> list = {
      {"tops", [](const MacroOutputStats& s) { return s.tops(); }},
      {"tops_per_w", [](const MacroOutputStats& s) { return s.tops_per_w(); }},
      {"tops_per_mm2", [](const MacroOutputStats& s) { return s.tops_per_mm2(); }},
      {"tops_1b", [](const MacroOutputStats& s) { return s.tops() * s.one_bit_scale(); }},
      {"tops_per_w_1b", [](const MacroOutputStats& s) { return s.tops_per_w() * s.one_bit_scale(); }},
      {"tops_per_mm2_1b", [](const MacroOutputStats& s) { return s.tops_per_mm2() * s.one_bit_scale(); }},
      {"energy_per_mac_fJ", [](const MacroOutputStats& s) { return s.energy_per_mac_fj(); }},
      {"energy_J", [](const MacroOutputStats& s) { return s.energy(); }},
      {"area_m2", [](const MacroOutputStats& s) { return s.area(); }},
      {"computes", [](const MacroOutputStats& s) { return s.computes; }},
      {"cycles", [](const MacroOutputStats& s) { return s.cycles; }},
      {"latency_s", [](const MacroOutputStats& s) { return s.latency(); }},
      {"percent_utilization", [](const MacroOutputStats& s) { return s.percent_utilization; }},
  };
  return list;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string padded(const std::string& text, size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

// Components in the first run's order, then any only later runs have.
std::vector<std::string> component_names(const std::vector<LabelledStats>& runs) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const LabelledStats& run : runs)
    for (const auto& [name, value] : run.stats.per_component_area)
      if (seen.insert(name).second) names.push_back(name);
  return names;
}

double value_of(const std::vector<std::pair<std::string, double>>& values, const std::string& name) {
  for (const auto& [key, value] : values)
    if (key == name) return value;
  return 0;
}

}  // namespace

std::string format_report_table(const MacroOutputStats& stats) {
  std::string out;
  for (const Metric& metric : metrics()) out += padded(metric.name, 22) + number(metric.value(stats)) + "\n";
  out.append("\n").append(padded("component", 40)).append(padded("energy (J)", 14)).append("area (m^2)\n");
  for (const auto& [name, area] : stats.per_component_area) {
    const double energy = value_of(stats.per_component_energy, name);
    if (energy != 0 || area != 0) out += padded(name, 40) + padded(number(energy), 14) + number(area) + "\n";
  }
  return out;
}

std::string format_summary_table(const std::vector<LabelledStats>& runs) {
  size_t width = 8;
  for (const LabelledStats& run : runs) width = std::max(width, run.label.size() + 2);
  std::string out = padded("run", width);
  for (const Metric& metric : metrics()) out += padded(metric.name, 16);
  out += "\n";
  for (const LabelledStats& run : runs) {
    out += padded(run.label, width);
    for (const Metric& metric : metrics()) out += padded(number(metric.value(run.stats)), 16);
    out += "\n";
  }
  return out;
}

std::string format_report_csv(const std::vector<LabelledStats>& runs) {
  const std::vector<std::string> components = component_names(runs);
  std::string out = "run";
  for (const Metric& metric : metrics()) out += std::string(",") + metric.name;
  for (const std::string& name : components) out.append(",energy_J:").append(name).append(",area_m2:").append(name);
  out += "\n";
  for (const LabelledStats& run : runs) {
    std::string label;
    for (char c : run.label) label += c == '"' ? std::string("\"\"") : std::string(1, c);
    out.append("\"").append(label).append("\"");
    for (const Metric& metric : metrics()) out.append(",").append(number(metric.value(run.stats)));
    for (const std::string& name : components)
      out.append(",").append(number(value_of(run.stats.per_component_energy, name))).append(",").append(
          number(value_of(run.stats.per_component_area, name)));
    out += "\n";
  }
  return out;
}

}  // namespace cimloop::compat::cimloop
