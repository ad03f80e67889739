#pragma once
// The accuracy suite: every row of CiMLoop's published.csv (macro, metric, condition,
// published value, unit, components, ...) evaluated with our macro descriptions.
#include <map>
#include <string>
#include <vector>

namespace cimloop::cim {

struct AccuracyRow {
  std::vector<std::string> fields;  // the published.csv columns, as read
  double published = 0;
  double model = 0;
  double error_pct = 0;
  std::string exemption;            // non-empty: documented as unmodelled, with the reason
  std::string failure;              // non-empty: could not be evaluated (no macro, unknown unit...)
  std::vector<std::string> notes;   // e.g. condition labels that are not macro variables
  std::string form;                 // how the macro was evaluated: "chain" or "macro.yaml"
};

struct AccuracySummary {
  std::vector<std::string> header;  // published.csv header
  std::vector<AccuracyRow> rows;
  double mean_abs_error_pct = 0;    // over rows without an exemption
  double max_abs_error_pct = 0;
  size_t counted_rows = 0;
  size_t failed_rows = 0;           // rows that could not be evaluated: the targets are missed
};

// `macro_dir` holds <macro>/accuracy.yaml or macro.yaml (src/cim/macro_source.hpp); `exemptions_csv` lists macro,metric,condition,reason.
// Throws InputError (file, line) for a malformed table; a row that cannot be evaluated (no
// description of its macro, unknown unit or component, bad condition) is kept with its reason.
AccuracySummary evaluate_published(const std::string& published_csv, const std::string& macro_dir,
                                   const std::string& exemptions_csv);

// published.csv columns plus `model` and `error_pct` (RFC 4180 quoting kept).
std::string format_accuracy_csv(const AccuracySummary& summary);
// Mean/max and one line per row, exemptions with their reason.
std::string format_accuracy_summary(const AccuracySummary& summary);

}  // namespace cimloop::cim
