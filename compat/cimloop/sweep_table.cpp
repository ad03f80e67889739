#include "compat/cimloop/sweep_table.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace cimloop::compat::cimloop {
namespace {

TableCell number_cell(double value) { return {exact_number(value), true, true}; }
TableCell text_cell(const std::string& text) { return {text, false, true}; }

// Axis values that read fully as numbers are numbers in JSON.
TableCell axis_cell(const std::string& value) {
  double parsed = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  return {value, error == std::errc() && end == value.data() + value.size() && !value.empty(), true};
}

double sum(const std::vector<std::pair<std::string, double>>& values) {
  double total = 0;
  for (const auto& value : values) total += value.second;
  return total;
}

double ratio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0; }

void add_metrics(const UnitMeasure& m, TableRow& row) {
  if (!m.error.empty()) {
    row.cells.emplace_back("error", text_cell(m.error));
    return;
  }
  auto add = [&](const std::string& column, double value) { row.cells.emplace_back(column, number_cell(value)); };
  const double energy = sum(m.component_energy), area = sum(m.component_area), latency = m.cycles * m.cycle_seconds;
  const double tops = ratio(2 * m.computes, latency) / 1e12;
  add("energy_J", energy);
  add("latency_s", latency);
  add("area_m2", area);
  add("computes", m.computes);
  add("cycles", m.cycles);
  add("utilization", m.utilization);
  add("array_utilization", m.array_utilization);
  add("tops", tops);
  add("tops_per_w", ratio(2 * m.computes, energy) / 1e12);
  add("tops_per_mm2", ratio(tops, area * 1e6));
  add("tops_per_w_1b", ratio(2 * m.computes, energy) / 1e12 * m.one_bit_scale);
  add("energy_per_mac_fJ", ratio(energy, m.computes) * 1e15);
  add("weight_loads", m.weight_loads);
  add("macs_per_weight_load", ratio(m.computes, m.weight_loads));
  const PimShares& roles = m.energy_by_role;
  const double role_total = roles.activations + roles.weights + roles.conversion + roles.array + roles.other;
  const std::vector<std::pair<const char*, double>> role_values{{"activations", roles.activations},
                                                                {"weights", roles.weights},
                                                                {"conversion", roles.conversion},
                                                                {"array", roles.array},
                                                                {"other", roles.other}};
  for (const auto& [role, value] : role_values) add(std::string("energy_") + role + "_J", value);
  for (const auto& [role, value] : role_values) add(std::string("share_") + role, ratio(value, role_total));
  add("mappings_evaluated", m.mappings_evaluated);
  for (const auto& [name, value] : m.component_energy) add("energy_J." + name, value);
  for (const auto& [name, value] : m.component_area) add("area_m2." + name, value);
  row.cells.emplace_back("mapping", text_cell(m.mapping));
}

TableRow labelled_row(const SweepPlan& plan, std::size_t point, const char* level, const std::string& dnn,
                      const std::string& layer) {
  TableRow row;
  row.cells.emplace_back("point", number_cell(static_cast<double>(point)));
  for (const auto& [axis, value] : plan.points[point].coordinates) row.cells.emplace_back(axis, axis_cell(value));
  row.cells.emplace_back("level", text_cell(level));
  row.cells.emplace_back("dnn", text_cell(dnn));
  row.cells.emplace_back("layer", text_cell(layer));
  return row;
}

std::vector<std::string> columns_of(const std::vector<TableRow>& rows) {
  std::vector<std::string> columns;
  std::map<std::string, bool> seen;
  for (const TableRow& row : rows)
    for (const auto& [column, cell] : row.cells)
      if (!seen[column]) seen[column] = true, columns.push_back(column);
  return columns;
}

const TableCell* find_cell(const TableRow& row, const std::string& column) {
  for (const auto& [name, cell] : row.cells)
    if (name == column) return &cell;
  return nullptr;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

bool component_column(const std::string& column) {
  return column.rfind("energy_J.", 0) == 0 || column.rfind("area_m2.", 0) == 0;
}

// Component columns that are zero in every row (containers, zero-cost parts) say nothing.
void drop_zero_components(std::vector<TableRow>& rows) {
  std::map<std::string, bool> nonzero;
  for (const TableRow& row : rows)
    for (const auto& [column, cell] : row.cells)
      if (component_column(column) && cell.text != "0") nonzero[column] = true;
  for (TableRow& row : rows)
    std::erase_if(row.cells, [&](const auto& cell) { return component_column(cell.first) && !nonzero[cell.first]; });
}

}  // namespace

std::vector<TableRow> sweep_rows(const SweepPlan& plan, const std::vector<UnitMeasure>& measures) {
  std::vector<TableRow> rows;
  for (std::size_t point = 0; point < plan.points.size(); ++point) {
    std::vector<std::string> networks;
    std::map<std::string, std::vector<const UnitMeasure*>> network_layers;
    for (std::size_t layer = 0; layer < plan.layers.size(); ++layer) {
      const SweepLayer& info = plan.layers[layer];
      const UnitMeasure& measure = measures[point * plan.layers.size() + layer];
      TableRow row = labelled_row(plan, point, "layer", info.dnn, info.name);
      add_metrics(measure, row);
      rows.push_back(std::move(row));
      if (info.dnn.empty()) continue;
      if (network_layers[info.dnn].empty()) networks.push_back(info.dnn);
      network_layers[info.dnn].push_back(&measure);
    }
    for (const std::string& dnn : networks) {
      TableRow row = labelled_row(plan, point, "network", dnn, "");
      add_metrics(network_measure(network_layers[dnn]), row);
      rows.push_back(std::move(row));
    }
  }
  drop_zero_components(rows);
  return rows;
}

std::string format_csv(const std::vector<TableRow>& rows) {
  const std::vector<std::string> columns = columns_of(rows);
  std::string out;
  // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on `"," + text`.
  for (std::size_t i = 0; i < columns.size(); ++i) out.append(i ? "," : "").append(csv_field(columns[i]));
  out += "\n";
  for (const TableRow& row : rows) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const TableCell* cell = find_cell(row, columns[i]);
      out.append(i ? "," : "").append(cell && cell->present ? csv_field(cell->text) : std::string());
    }
    out += "\n";
  }
  return out;
}

std::string format_json_lines(const std::vector<TableRow>& rows) {
  const std::vector<std::string> columns = columns_of(rows);
  std::string out;
  for (const TableRow& row : rows) {
    out += "{";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const TableCell* cell = find_cell(row, columns[i]);
      const std::string value = !cell || !cell->present ? "null" : cell->number ? cell->text : json_string(cell->text);
      out.append(i ? "," : "").append(json_string(columns[i])).append(":").append(value);
    }
    out += "}\n";
  }
  return out;
}

}  // namespace cimloop::compat::cimloop
