#include "src/sparse/sparse_evaluator.hpp"

#include <cmath>

#include "src/model/mapping_checks.hpp"

namespace cimloop::sparse {

SparseEvaluator::SparseEvaluator(const arch::ArchSpec& arch, const workload::Workload& workload,
                                 const SparseSpec& spec, model::ModelOptions options)
    : arch_(arch), workload_(workload), spec_(spec), options_(options), nest_(workload), analysis_(arch, workload, spec) {
  result_.analysis = &analysis_;
}

bool SparseEvaluator::failed(std::string level, std::string reason) {
  result_.totals.failed_level = std::move(level);
  result_.totals.failure = std::move(reason);
  return false;
}

void SparseEvaluator::evaluate_arithmetic() {
  const ComputeCounts& compute = analysis_.compute();
  model::ArithmeticStats& arithmetic = result_.totals.arithmetic;
  arithmetic.utilized_instances = compute.max_x * compute.max_y;
  arithmetic.computes = static_cast<std::int64_t>(compute.random);
  const double working = static_cast<double>(compute.random + compute.gated);
  arithmetic.cycles = static_cast<std::int64_t>(std::ceil(working / compute.avg_instances));
  arithmetic.energy = static_cast<double>(compute.random) * arch_.arithmetic.energy_per_op +
                      static_cast<double>(compute.gated) * spec_.compute_energies.gated +
                      static_cast<double>(compute.skipped) * spec_.compute_energies.skipped;
  arithmetic.area = arch_.arithmetic.area * static_cast<double>(arch_.arithmetic.instances);
  result_.ideal_cycles = working / static_cast<double>(arch_.arithmetic.instances);
}

const SparseEvalResult& SparseEvaluator::evaluate(const mapping::MappingSpec& spec, const mapping::Mapping& mapping) {
  model::EvalResult& r = result_.totals;
  const int levels = arch_.num_storage_levels(), spaces = workload_.num_data_spaces();
  r.valid = false;
  r.failed_level.clear();
  r.failure.clear();
  r.storage.resize(levels);
  result_.data_spaces.assign(static_cast<std::size_t>(levels) * spaces, SparseDataSpaceStats{});

  model::MappingCheck check = model::check_mapping(arch_, workload_, mapping, false);
  if (!check.valid) {
    failed(std::move(check.level), std::move(check.reason));
    return result_;
  }
  const nest::NestResult& dense = nest_.run(mapping, options_.nest);
  model::compute_traffic_counts(dense, mapping, workload_, options_.first_read_elision, counts_);
  build_complete_nest(spec, arch_, complete_);
  if (!analysis_.run(complete_, dense, counts_)) {
    failed(analysis_.failed_level(), analysis_.failure());
    return result_;
  }
  for (int i = 0; i < levels; ++i) {
    std::string reason = check_sparse_capacity({arch_, spec_, workload_, analysis_, i}, result_.data_spaces);
    if (!reason.empty()) {
      failed(arch_.storage[i].name, std::move(reason));
      return result_;
    }
  }
  evaluate_arithmetic();
  for (int i = 0; i < levels; ++i) {
    model::BufferStats& buffer = r.storage[i];
    buffer.replication = dense.levels[i].replication;
    evaluate_sparse_buffer({arch_, spec_, workload_, analysis_, i}, r.arithmetic.cycles, result_.data_spaces, buffer);
    for (int t = 0; t < spaces; ++t) {
      model::DataSpaceStats& ds = buffer.data_spaces[t];
      ds = model::DataSpaceStats{};
      ds.kept = mapping.keep[i] >> t & 1u;
      ds.partition_size = counts_[i * spaces + t].partition;
      ds.utilized_capacity = result_.data_spaces[i * spaces + t].data_size;
    }
  }
  model::add_totals(arch_, r);
  r.utilization = result_.ideal_cycles / static_cast<double>(r.cycles);
  model::add_operational_intensity(arch_, workload_, options_.first_read_elision, r);
  r.valid = true;
  return result_;
}

}  // namespace cimloop::sparse
