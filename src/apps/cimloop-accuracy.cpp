// cimloop-accuracy PUBLISHED.csv TOP EXEMPTIONS.csv OUTDIR
// Evaluates every row of a published table (CiMLoop's published.csv columns) by running the
// row's macro from its CiMLoop specification (TOP: the workspace's models/top.yaml.jinja2) as
// CiMLoop's tests do. Writes OUTDIR/accuracy.csv (the table's columns + model, error_pct) and
// OUTDIR/summary.txt; exits 0 when the targets hold (every row evaluated, mean |error| <= 5%,
// every counted row <= 15%), 2 when they do not, 1 on a malformed table.
#include <filesystem>
#include <iostream>

#include "compat/cimloop/accuracy.hpp"
#include "compat/timeloop/output_files.hpp"
#include "compat/timeloop/program_cli.hpp"

int main(int argc, char** argv) {
  using namespace cimloop::compat::cimloop;
  if (argc != 5) {
    std::cerr << "usage: cimloop-accuracy PUBLISHED.csv TOP EXEMPTIONS.csv OUTDIR\n";
    return 1;
  }
  return cimloop::compat::run_reporting_errors([&] {
    const AccuracySummary s = evaluate_published(argv[1], argv[2], argv[3]);
    const std::filesystem::path out(argv[4]);
    std::filesystem::create_directories(out);
    const std::string summary = format_accuracy_summary(s);
    cimloop::compat::write_files_atomically(
        {{(out / "accuracy.csv").string(), format_accuracy_csv(s)}, {(out / "summary.txt").string(), summary}});
    std::cout << summary;
    const bool ok = s.failed_rows == 0 && s.mean_abs_error_pct <= 5.0 && s.max_abs_error_pct <= 15.0;
    if (!ok) std::cerr << "accuracy targets missed (every row evaluated, mean <= 5%, max <= 15%)\n";
    return ok ? 0 : 2;
  });
}
