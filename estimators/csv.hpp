#pragma once
// Minimal RFC 4180 CSV: quoted fields with doubled quotes; '#' lines are comments.
#include <string>
#include <vector>

namespace cimloop::estimators {

struct CsvLine {
  int line = 0;  // 1-based line number in the file
  std::vector<std::string> fields;
};

// Throws InputError naming the file and line for an unterminated quote.
std::vector<CsvLine> read_csv(const std::string& path);
std::string csv_field(const std::string& text);  // quotes when needed

}  // namespace cimloop::estimators
