#pragma once
// Evaluating one mapping of a sparse design (Sparseloop): the dense nest analysis, then the
// sparse analysis of the tiles, then every level and the arithmetic with the fine-grained
// counts. The dense evaluator is left untouched: designs without `sparse_optimizations`
// never come here.
#include <string>
#include <vector>

#include "src/architecture/arch_spec.hpp"
#include "src/mapping/mapping.hpp"
#include "src/model/evaluation.hpp"
#include "src/model/level_traffic.hpp"
#include "src/nest/nest_analysis.hpp"
#include "src/sparse/complete_nest.hpp"
#include "src/sparse/sparse_analysis.hpp"
#include "src/sparse/sparse_buffer.hpp"
#include "src/sparse/sparse_spec.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::sparse {

struct SparseEvalResult {
  // Totals and per-level figures in the dense shape (utilized capacities are the compressed
  // sizes, arithmetic computes the actual ones) so that mapper metrics and shared outputs
  // read them as usual.
  model::EvalResult totals;
  std::vector<SparseDataSpaceStats> data_spaces;  // [level * data spaces + t]
  const SparseAnalysis* analysis = nullptr;        // tiles and compute classification
  double ideal_cycles = 0;
};

class SparseEvaluator {
 public:
  // Arguments must outlive the evaluator.
  SparseEvaluator(const arch::ArchSpec& arch, const workload::Workload& workload, const SparseSpec& spec,
                  model::ModelOptions options = {});
  // `spec` gives the complete nest (factor-1 loops in permutation order); `mapping` is
  // built from it. The result stays valid until the next call.
  const SparseEvalResult& evaluate(const mapping::MappingSpec& spec, const mapping::Mapping& mapping);

 private:
  bool failed(std::string level, std::string reason);
  void evaluate_arithmetic();

  const arch::ArchSpec& arch_;
  const workload::Workload& workload_;
  const SparseSpec& spec_;
  model::ModelOptions options_;
  nest::NestAnalysis nest_;
  std::vector<model::TrafficCounts> counts_;
  CompleteNest complete_;
  SparseAnalysis analysis_;
  SparseEvalResult result_;
};

}  // namespace cimloop::sparse
