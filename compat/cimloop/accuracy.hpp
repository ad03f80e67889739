#pragma once
// The accuracy suite: every row of a published table (CiMLoop's published.csv columns: macro,
// metric, condition, published_value, unit, components, ...) evaluated by running the macro's
// own CiMLoop specification as CiMLoop's tests do: quick_run(macro) with the row's condition
// as variable overrides ("VOLTAGE=0.85; INPUT_BITS=1 OUTPUT_BITS=1",
// "AVERAGE_INPUT_VALUE=AVERAGE_WEIGHT_VALUE=0.25*sqrt(6)", "SCALING=conservative"; words
// without '=' are notes). The unit picks the quantity of CiMLoop's MacroOutputStats:
//   TOPS (GOPS) [/W, /mm^2]  throughput and efficiencies; "_1b" metrics x input x weight bits
//   fJ, pJ, nJ, uJ [/MAC]    energy of the run (per MAC with /MAC)
//   um^2, mm^2               area;  W, mW, uW: power;  s, ms, us, ns: latency
// over the row's components (names joined by '+'; empty or "all": every component).
#include <map>
#include <string>
#include <vector>

namespace cimloop::compat::cimloop {

struct AccuracyRow {
  std::vector<std::string> fields;  // the published table's columns, as read
  double published = 0;
  double model = 0;
  double error_pct = 0;
  std::string exemption;  // non-empty: documented as unmodelled, with the reason
  std::string failure;    // non-empty: could not be evaluated (unknown macro, unit, component...)
};

struct AccuracySummary {
  std::vector<std::string> header;
  std::vector<AccuracyRow> rows;
  double mean_abs_error_pct = 0;  // over rows without an exemption
  double max_abs_error_pct = 0;
  size_t counted_rows = 0;
  size_t failed_rows = 0;  // rows that could not be evaluated: the targets are missed
};

// `top`: the CiMLoop workspace's models/top.yaml.jinja2. `exemptions_csv`: macro, metric,
// condition, reason. Throws InputError (file, line) for a malformed table; a row that cannot
// be evaluated is kept with its reason.
AccuracySummary evaluate_published(const std::string& published_csv, const std::string& top,
                                   const std::string& exemptions_csv);

// The condition's variable overrides, NAME -> expression (a bare lower-case word is quoted:
// a text value).
std::map<std::string, std::string> condition_overrides(const std::string& condition);

// The table's columns plus `model` and `error_pct`.
std::string format_accuracy_csv(const AccuracySummary& summary);
// One line per row (exemptions with their reason), then mean and max.
std::string format_accuracy_summary(const AccuracySummary& summary);

}  // namespace cimloop::compat::cimloop
