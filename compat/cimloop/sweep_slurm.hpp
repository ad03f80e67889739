#pragma once
// Submitting a sweep to Slurm: a job array of T tasks, task K running
// `cimloop-explore run-unit SWEEP --cache CACHE --task K --tasks T` on one thread, and a merge
// job that starts when every task succeeded and writes OUT/results.* from the shared cache.
// The scripts go to OUT/slurm/ (run.sbatch, merge.sbatch); the job ids to OUT/slurm/jobs.txt.
#include <string>
#include <vector>

namespace cimloop::compat::cimloop {

struct SlurmSubmission {
  std::string program;  // this cimloop-explore, by absolute path
  std::string sweep, output, cache;  // absolute paths on a file system the nodes share
  int tasks = 1;
  std::vector<std::string> sbatch_arguments;  // e.g. --partition=debug
};

// Writes the scripts and (unless `dry_run`) submits them with sbatch; returns the exit status.
int submit_slurm(const SlurmSubmission& submission, bool dry_run);

}  // namespace cimloop::compat::cimloop
