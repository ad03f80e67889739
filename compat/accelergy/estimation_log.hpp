#pragma once
// The account of an estimation that Accelergy prints and Timeloop keeps as
// <prefix>.accelergy.log: every primitive query with the estimator that answered it (and its
// accuracy and value), the warnings, and the files written.
#include <string>
#include <unordered_set>
#include <vector>

#include "compat/accelergy/output_file.hpp"

namespace cimloop::accelergy {

struct EstimationRecord {
  std::string component;  // full name of the component (and its subcomponent's path)
  std::string query;      // "intadder(width=8, technology=45nm).add(global_cycle_seconds=1e-09)"
  bool area = false;      // area query (else energy)
  std::string estimator;
  double accuracy = 0;
  double value = 0;  // pJ or um^2
  std::string warning;
};

// Records in query order; a query repeated with the same answer is kept once.
class EstimationLog {
 public:
  void add(EstimationRecord record);
  const std::vector<EstimationRecord>& records() const { return records_; }

 private:
  std::vector<EstimationRecord> records_;
  std::unordered_set<std::string> seen_;
};

// The log text: a header naming the built-in estimators, one block per record, the warnings,
// then "<description> is saved to: <path>" per written file.
std::string format_estimation_log(const std::vector<EstimationRecord>& records,
                                  const std::vector<std::string>& warnings, const std::vector<OutputFile>& saved);

}  // namespace cimloop::accelergy
