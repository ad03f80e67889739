#include "estimators/csv.hpp"

#include <fstream>

#include "src/common/error.hpp"

namespace cimloop::estimators {

std::vector<CsvLine> read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open CSV file");
  std::vector<CsvLine> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    CsvLine row{number, {}};
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') field += '"', ++i;
        else if (c == '"') quoted = false;
        else field += c;
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.fields.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    if (quoted) throw InputError(path + " (line " + std::to_string(number) + "): unterminated quote");
    row.fields.push_back(field);
    out.push_back(std::move(row));
  }
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace cimloop::estimators
