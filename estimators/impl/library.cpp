// "Library" estimator (accuracy 90): published per-component tables (data/library/*.yaml and
// the user's CSV libraries, see library_csv.hpp),
// matched and scaled the way accelergy-library-plug-in e649eb1 does (spec §3.2): the row
// with the most attributes equal to the query wins; differing attributes scale its value.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include <yaml-cpp/yaml.h>

#include "estimators/estimator.hpp"
#include "estimators/library/library_csv.hpp"
#include "estimators/technology/technology.hpp"

namespace cimloop::estimators {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(separator, start);
    std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    parts.push_back(part);
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

struct Table {
  std::vector<std::vector<std::string>> column_names;  // aliases per attribute column
  std::vector<size_t> attribute_columns;
  size_t energy_column = 0, area_column = 0, action_column = 0;
  std::vector<std::vector<std::string>> rows;
};

Table make_table(const ComponentTable& component) {
  Table t;
  const std::vector<std::string>& headers = component.headers;
  bool energy_found = false, area_found = false;
  for (size_t i = 0; i < headers.size(); ++i) {
    std::string h = lower_case(headers[i]);
    t.column_names.push_back(split(h, '|'));
    if (!energy_found && h.find("energy") != std::string::npos) {
      t.energy_column = i, energy_found = true;
    } else if (!area_found && h.find("area") != std::string::npos) {
      t.area_column = i, area_found = true;
    } else if (h == "action") {
      t.action_column = i;
    } else {
      t.attribute_columns.push_back(i);
    }
  }
  for (std::vector<std::string> cells : component.rows) {
    cells.resize(headers.size());
    t.rows.push_back(std::move(cells));
  }
  return t;
}

struct Library {
  std::map<std::string, Table> tables;  // lower-case component name
  std::map<std::string, std::string> aliases;
};

Library shipped_library() {
  Library l;
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(data_directory() + "/library", error)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().filename());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    YAML::Node root = load_data_file("library/" + file.string());
    for (const YAML::Node& c : root["components"]) {
      ComponentTable table{c["name"].Scalar(), {}, {}};
      for (const YAML::Node& h : c["columns"]) table.headers.push_back(h.Scalar());
      for (const YAML::Node& row : c["rows"]) table.rows.push_back(row.as<std::vector<std::string>>());
      l.tables.emplace(lower_case(table.name), make_table(table));
    }
    for (const auto& kv : root["aliases"]) l.aliases[lower_case(kv.first.Scalar())] = lower_case(kv.second.Scalar());
  }
  return l;
}

// The shipped tables plus the user's libraries (user_library_directories()), which replace
// shipped tables of the same name. Built once per set of directories: a program may set the
// variables from its input (globals.environment_variables) before it estimates.
std::shared_ptr<const Library> library() {
  static std::mutex mutex;
  static std::map<std::vector<std::string>, std::shared_ptr<const Library>> built;
  const std::vector<std::string> directories = user_library_directories();
  std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const Library>& entry = built[directories];
  if (!entry) {
    static const Library shipped = shipped_library();
    auto l = std::make_shared<Library>(shipped);
    UserLibraries user = load_user_libraries(directories);
    for (const ComponentTable& table : user.tables) l->tables[lower_case(table.name)] = make_table(table);
    for (const auto& [alias, target] : user.aliases) l->aliases[alias] = target;
    entry = std::move(l);
  }
  return entry;
}

const Table* table_for(const Library& lib, const std::string& class_name) {
  std::string name = lower_case(class_name);
  if (auto alias = lib.aliases.find(name); alias != lib.aliases.end()) name = alias->second;
  auto it = lib.tables.find(name);
  return it == lib.tables.end() ? nullptr : &it->second;
}

enum class Quantity { energy, leak, area };

bool one_of(const std::string& name, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return name == n; });
}

// Factor from the row's value `v0` to the query's `v1` for attribute `name`; nullopt when the
// attribute has no scaling rule (the row is then unusable).
std::optional<double> scaling(const std::string& name, double v0, double v1, Quantity q, Toolchain toolchain) {
  bool reference = toolchain == Toolchain::reference_2024_05;
  if (name == "technology") return q == Quantity::area ? area_scaling(v0, v1) : energy_scaling(v0, v1);
  if (name == "resolution") return std::pow(2.0, v1 - v0);
  if (one_of(name, {"width", "datawidth", "width_a", "width_b", "datawidth_a", "datawidth_b"})) return v1 / v0;
  if (one_of(name, {"n_instances"}) || name.rfind("no_scale", 0) == 0) return 1.0;
  if (q == Quantity::area) {
    if (one_of(name, {"depth", "rows", "cols", "columns"})) return v1 / v0;
    if (name == "area_scale") return reference ? v1 / v0 : 1.0;
    if (one_of(name, {"energy_scale", "voltage", "global_cycle_seconds"}) || name.rfind("average_", 0) == 0) return 1.0;
    return std::nullopt;
  }
  if (name == "n_steps" || name.rfind("average_", 0) == 0) return v1 / v0;
  if (name == "energy_scale") return reference ? v1 / v0 : 1.0;
  if (name == "depth") return std::pow(v1 / v0, 0.78);
  if (name == "voltage") return q == Quantity::leak ? 1.0 : (v1 / v0) * (v1 / v0);
  if (name == "global_cycle_seconds") return q == Quantity::leak ? v1 / v0 : 1.0;
  if (one_of(name, {"rows", "cols", "columns", "area_scale"})) return 1.0;
  return std::nullopt;
}

struct RowFit {
  int matches = -1;
  double factor = 1;
};

// The attribute named `name` in any letter case (CiMLoop's VOLTAGE meets a voltage column);
// the exact spelling first.
const Value* attribute_any_case(const Query& query, const std::string& name) {
  if (const Value* exact = query.attribute(name)) return exact;
  for (const auto& [key, value] : query.attributes) {
    if (lower_case(key) == name) return &value;
  }
  return nullptr;
}

// Query attributes per column: the one named first in the column header wins a collision.
std::optional<RowFit> fit_row(const Table& t, const std::vector<std::string>& row, const Query& query, Quantity q) {
  RowFit fit{0, 1};
  for (size_t column : t.attribute_columns) {
    const Value* value = nullptr;
    std::string used;
    for (const std::string& alias : t.column_names[column]) {
      if (!value && (value = attribute_any_case(query, alias))) used = alias;
    }
    if (!value) continue;
    const std::string& cell = row[column];
    if (cell == "*" || cell == value->text()) {
      ++fit.matches;
      continue;
    }
    std::optional<double> v0 = Value(cell).numeric(), v1 = value->numeric();
    if (!v0 || !v1) return std::nullopt;
    std::optional<double> f = scaling(used, *v0, *v1, q, query.toolchain);
    if (!f) return std::nullopt;
    if (*f == 1) ++fit.matches;
    fit.factor *= *f;
  }
  return fit;
}

bool row_has_action(const Table& t, const std::vector<std::string>& row, const std::string& action) {
  for (const std::string& a : split(row[t.action_column], '|')) {
    if (a == "*" || lower_case(a) == lower_case(action)) return true;
  }
  return false;
}

// The actions the rows name, first seen first; empty when a row takes any action ("*").
std::vector<std::string> table_actions(const Table& t) {
  std::vector<std::string> actions;
  for (const auto& row : t.rows) {
    for (const std::string& a : split(row[t.action_column], '|')) {
      if (a == "*") return {};
      if (std::find(actions.begin(), actions.end(), lower_case(a)) == actions.end()) actions.push_back(lower_case(a));
    }
  }
  return actions;
}

bool has_column(const Table& t, const std::string& name) {
  for (size_t column : t.attribute_columns) {
    const std::vector<std::string>& aliases = t.column_names[column];
    if (std::find(aliases.begin(), aliases.end(), name) != aliases.end()) return true;
  }
  return false;
}

// The reference plug-in scales energy and leakage by the `energy_scale` attribute also where
// the table has no such column (the row's scale is 1).
double energy_scale_without_column(const Table& t, const Query& query, Quantity q) {
  if (q == Quantity::area || query.toolchain != Toolchain::reference_2024_05 || has_column(t, "energy_scale")) return 1;
  const Value* scale = attribute_any_case(query, "energy_scale");
  std::optional<double> factor = scale ? scale->numeric() : std::nullopt;
  return factor.value_or(1);
}

class LibraryEstimator : public PrimitiveEstimator {
 public:
  std::string name() const override { return "Library"; }
  std::vector<std::string> class_names() const override { return {}; }
  double accuracy(const Query& query) const override { return table_for(*library(), query.class_name) ? 90 : 0; }
  std::vector<SupportedClass> supported_classes() const override {
    const std::shared_ptr<const Library> lib = library();
    std::vector<SupportedClass> classes;
    for (const auto& [name, table] : lib->tables) classes.push_back({name, table_actions(table), ""});
    for (const auto& [alias, target] : lib->aliases) {
      const Table* t = table_for(*lib, alias);
      if (t) classes.push_back({alias, table_actions(*t), "the table of " + target});
    }
    return classes;
  }

  Estimate estimate(const Query& query) const override {
    const std::shared_ptr<const Library> lib = library();
    const Table* t = table_for(*lib, query.class_name);
    if (!t) throw Declined("no table for class '" + query.class_name + "'");
    Quantity q = query.is_area() ? Quantity::area : query.action == "leak" ? Quantity::leak : Quantity::energy;
    size_t value_column = q == Quantity::area ? t->area_column : t->energy_column;
    std::optional<RowFit> best;
    const std::vector<std::string>* best_row = nullptr;
    for (const auto& row : t->rows) {
      if (q != Quantity::area && !row_has_action(*t, row, query.action)) continue;
      std::optional<RowFit> fit = fit_row(*t, row, query, q);
      if (fit && (!best || fit->matches > best->matches)) best = fit, best_row = &row;
    }
    if (!best) {
      throw Declined(q == Quantity::area ? "no usable row" : "no usable row for action '" + query.action + "'");
    }
    std::optional<double> value = Value((*best_row)[value_column]).numeric();
    if (!value) throw Declined("table cell '" + (*best_row)[value_column] + "' is not a number");
    return {*value * best->factor * energy_scale_without_column(*t, query, q), ""};
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_library_estimator() { return std::make_unique<LibraryEstimator>(); }

}  // namespace cimloop::estimators
