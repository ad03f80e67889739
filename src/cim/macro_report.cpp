#include "src/cim/macro_report.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "src/cim/output_file.hpp"

namespace cimloop::cim {

namespace {

std::string number(double v) {
  std::ostringstream s;
  s << std::setprecision(6) << v;
  return s.str();
}

}  // namespace

std::string format_report_table(const MacroResult& r) {
  std::ostringstream s;
  s << "macro " << r.macro << "\n"
    << "  cycle            " << number(r.cycle_seconds * 1e9) << " ns\n"
    << "  MACs/activation  " << number(r.macs_per_activation) << "\n"
    << "  avg input/weight " << number(r.average_input_value) << " / "
    << number(r.average_weight_value) << "\n"
    << "  TOPS             " << number(r.tops()) << "\n"
    << "  TOPS/W           " << number(r.tops_per_w()) << "\n"
    << "  TOPS/mm^2        " << number(r.tops_per_mm2()) << "\n"
    << "  energy/MAC       " << number(r.energy_per_mac_pj() * 1e3) << " fJ\n"
    << "  energy/activation " << number(r.energy_per_activation_pj()) << " pJ\n"
    << "  area             " << number(r.area_um2()) << " um^2\n\n";
  s << std::left << std::setw(30) << "component" << std::right << std::setw(14) << "actions/act"
    << std::setw(14) << "pJ/action" << std::setw(14) << "leak pJ/cyc" << std::setw(14)
    << "pJ/act" << std::setw(14) << "area um^2" << "\n";
  for (const auto& c : r.components)
    s << std::left << std::setw(30) << c.name << std::right << std::setw(14)
      << number(c.actions_per_activation) << std::setw(14) << number(c.read_pj) << std::setw(14)
      << number(c.leak_pj_per_cycle) << std::setw(14) << number(c.energy_per_activation_pj)
      << std::setw(14) << number(c.area_um2) << "\n";
  return s.str();
}

std::string format_report_csv(const MacroResult& r) {
  std::ostringstream s;
  s << "macro,component,actions_per_activation,pj_per_action,leak_pj_per_cycle,"
       "pj_per_activation,area_um2\n";
  for (const auto& c : r.components)
    s << r.macro << ',' << c.name << ',' << number(c.actions_per_activation) << ','
      << number(c.read_pj) << ',' << number(c.leak_pj_per_cycle) << ','
      << number(c.energy_per_activation_pj) << ',' << number(c.area_um2) << "\n";
  s << r.macro << ",total,," << ",," << number(r.energy_per_activation_pj()) << ','
    << number(r.area_um2()) << "\n";
  s << "# tops=" << number(r.tops()) << " tops_per_w=" << number(r.tops_per_w())
    << " tops_per_mm2=" << number(r.tops_per_mm2())
    << " energy_per_mac_pj=" << number(r.energy_per_mac_pj()) << "\n";
  return s.str();
}

namespace {

// Rows of a sweep: the swept value, the headline metrics, then pJ/activation per component.
std::vector<std::vector<std::string>> sweep_rows(const std::string& variable,
                                                 const std::vector<double>& values,
                                                 const std::vector<MacroResult>& results) {
  std::vector<std::string> header = {variable, "tops", "tops_per_w", "tops_per_mm2", "fj_per_mac",
                                     "pj_per_activation"};
  if (!results.empty())
    for (const auto& c : results[0].components) header.push_back(c.name + "_pj");
  std::vector<std::vector<std::string>> rows = {header};
  for (size_t i = 0; i < results.size(); ++i) {
    const MacroResult& r = results[i];
    std::vector<std::string> row = {number(values[i]), number(r.tops()), number(r.tops_per_w()),
                                    number(r.tops_per_mm2()), number(r.energy_per_mac_pj() * 1e3),
                                    number(r.energy_per_activation_pj())};
    for (const auto& c : r.components) row.push_back(number(c.energy_per_activation_pj));
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::string format_sweep_table(const std::string& variable, const std::vector<double>& values,
                               const std::vector<MacroResult>& results) {
  std::ostringstream s;
  for (const auto& row : sweep_rows(variable, values, results)) {
    for (size_t i = 0; i < row.size(); ++i)
      s << (i == 0 ? std::left : std::right) << std::setw(i == 0 ? 12 : std::max<int>(14, row[i].size() + 2))
        << row[i];
    s << "\n";
  }
  return s.str();
}

std::string format_sweep_csv(const std::string& variable, const std::vector<double>& values,
                             const std::vector<MacroResult>& results) {
  std::ostringstream s;
  for (const auto& row : sweep_rows(variable, values, results)) {
    for (size_t i = 0; i < row.size(); ++i) s << (i ? "," : "") << row[i];
    s << "\n";
  }
  return s.str();
}

void write_report_csv(const MacroResult& result, const std::string& path) {
  write_file_atomically(path, format_report_csv(result));
}

}  // namespace cimloop::cim
