#include "compat/cimloop/sweep_slurm.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "compat/timeloop/output_files.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat::cimloop {
namespace {

namespace fs = std::filesystem;

// Single-quoted for /bin/sh.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string header(const SlurmSubmission& s, const std::string& name, const std::string& log) {
  std::string text = "#!/bin/sh\n#SBATCH --job-name=" + name + "\n#SBATCH --output=" + log + "\n";
  for (const std::string& argument : s.sbatch_arguments) text += "#SBATCH " + argument + "\n";
  return text;
}

std::string run_script(const SlurmSubmission& s, const fs::path& folder) {
  return header(s, "cimloop-explore", (folder / "task-%a.log").string()) + "#SBATCH --array=0-" +
         std::to_string(s.tasks - 1) + "\n#SBATCH --cpus-per-task=1\nexec " + quoted(s.program) + " run-unit " +
         quoted(s.sweep) + " --cache " + quoted(s.cache) + " --task \"$SLURM_ARRAY_TASK_ID\" --tasks " +
         std::to_string(s.tasks) + " -j 1 --no-progress\n";
}

std::string merge_script(const SlurmSubmission& s, const fs::path& folder) {
  return header(s, "cimloop-explore-merge", (folder / "merge.log").string()) + "exec " + quoted(s.program) +
         " merge " + quoted(s.sweep) + " -o " + quoted(s.output) + " --cache " + quoted(s.cache) + "\n";
}

// sbatch --parsable's job id; throws with sbatch's output when it fails.
std::string sbatch(const std::string& arguments) {
  const std::string command = "sbatch --parsable " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw InputError("cannot run sbatch");
  std::string output;
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = pclose(pipe);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  if (status != 0 || output.empty()) throw InputError("sbatch failed: " + output);
  return output.substr(0, output.find(';'));  // "id;cluster" on multi-cluster setups
}

}  // namespace

int submit_slurm(const SlurmSubmission& submission, bool dry_run) {
  if (submission.tasks < 1) throw InputError("--tasks needs a positive number");
  const fs::path folder = fs::path(submission.output) / "slurm";
  fs::create_directories(folder);
  fs::create_directories(submission.cache);
  const std::string run_file = (folder / "run.sbatch").string(), merge_file = (folder / "merge.sbatch").string();
  write_files_atomically({{run_file, run_script(submission, folder)}, {merge_file, merge_script(submission, folder)}});
  if (dry_run) {
    std::cout << run_file << "\n" << merge_file << "\n";
    return 0;
  }
  const std::string array_job = sbatch(quoted(run_file));
  const std::string merge_job = sbatch("--dependency=afterok:" + array_job + " " + quoted(merge_file));
  write_files_atomically({{(folder / "jobs.txt").string(), "array " + array_job + "\nmerge " + merge_job + "\n"}});
  std::cout << "submitted job array " << array_job << " (" << submission.tasks << " tasks) and merge job " << merge_job
            << "; results in " << submission.output << "/results.csv once it ends\n";
  return 0;
}

}  // namespace cimloop::compat::cimloop
