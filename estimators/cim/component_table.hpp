#pragma once
// Table-characterised components in CiMLoop's "COMPONENT:" CSV format (spec §3.6): blocks of
// rows with attribute columns, an action column (`a|b` aliases), energy (pJ), area (um^2) and
// global_cycle_seconds. A leak row with global_cycle_seconds = 1 holds power (pJ/s). Rows
// match string attributes exactly (`*` matches anything); numeric attributes pick the nearest
// row and scale by the library rules (technology, resolution 2^delta, width linear).
#include <map>
#include <string>
#include <vector>

namespace cimloop::estimators::cim {

struct TableRow {
  std::map<std::string, std::string> attributes;  // column -> text, as in the file
  std::vector<std::string> actions;
  double energy_pj = 0;
  double area_um2 = 0;
  double cycle_seconds = 1;
  int line = 0;
};

struct TableQuery {
  std::string class_name;
  std::string action;                               // empty: area only
  std::map<std::string, std::string> text_attributes;
  std::map<std::string, double> numeric_attributes; // technology, resolution, width, ...
  double cycle_seconds = 1e-9;
};

struct TableEstimate {
  double energy_pj = 0;  // per action (leak: per cycle of the query)
  double area_um2 = 0;
};

class ComponentTables {
 public:
  // Throws InputError (file, line) for malformed blocks.
  void load(const std::string& path);
  bool has_class(const std::string& name) const { return rows_.count(name) > 0; }
  std::vector<std::string> class_names() const;
  // Throws InputError when no row matches.
  TableEstimate estimate(const TableQuery& query) const;

 private:
  std::map<std::string, std::vector<TableRow>> rows_;
  std::map<std::string, std::string> source_;  // class -> file
};

// The tables shipped in estimators/data/cim (photonic components), loaded once.
const ComponentTables& builtin_component_tables();

}  // namespace cimloop::estimators::cim
