#include "compat/accelergy/estimation_log.hpp"

#include <cstdio>

#include "compat/accelergy/expression.hpp"

namespace cimloop::accelergy {
namespace {

// Accelergy's level column, without its timestamps (our logs are deterministic).
const char* const kInfo = "INFO        ";
const char* const kWarning = "WARNING     ";

}  // namespace

void EstimationLog::add(EstimationRecord record) {
  std::string key =
      record.component + '\n' + record.query + '\n' + record.estimator + '\n' + python_float_repr(record.value);
  if (!seen_.insert(std::move(key)).second) return;
  records_.push_back(std::move(record));
}

std::string format_estimation_log(const std::vector<EstimationRecord>& records,
                                  const std::vector<std::string>& warnings, const std::vector<OutputFile>& saved) {
  std::string out;
  auto line = [&](const char* level, const std::string& text) { out.append(level).append(text).append("\n"); };
  line(kInfo, "cimloop-cpp accelergy: energy and area from the built-in estimators (no Accelergy plug-ins are loaded)");
  for (const EstimationRecord& r : records) {
    line(kInfo, "");
    line(kInfo, std::string(r.area ? "AREA" : "ENERGY") + " ESTIMATION for " + r.component + ": " + r.query);
    char accuracy[32];
    std::snprintf(accuracy, sizeof accuracy, "%g%%", r.accuracy);
    line(kInfo, r.estimator + " estimated " + python_float_repr(r.value) + (r.area ? " um^2" : " pJ") +
                    " with accuracy " + accuracy);
    if (!r.warning.empty()) line(kInfo, "| WARN: " + r.warning);
  }
  if (!records.empty()) line(kInfo, "");
  for (const std::string& warning : warnings) line(kWarning, warning);
  for (const OutputFile& file : saved) {
    line(kInfo, file.description + " is saved to:");
    line(kInfo, file.path);
  }
  return out;
}

}  // namespace cimloop::accelergy
