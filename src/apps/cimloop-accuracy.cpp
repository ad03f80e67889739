// cimloop-accuracy PUBLISHED.csv MACRO_DIR EXEMPTIONS.csv OUTDIR
// Writes OUTDIR/accuracy.csv (published.csv columns + model, error_pct) and
// OUTDIR/summary.txt; exits 0 when the targets hold (every row evaluated, mean |error| <= 5%,
// every counted row <= 15%), 2 when they do not, 1 on a malformed table.
#include <filesystem>
#include <iostream>

#include "src/cim/accuracy.hpp"
#include "src/cim/output_file.hpp"
#include "src/common/error.hpp"

int main(int argc, char** argv) {
  using namespace cimloop::cim;
  if (argc != 5) {
    std::cerr << "usage: cimloop-accuracy PUBLISHED.csv MACRO_DIR EXEMPTIONS.csv OUTDIR\n";
    return 1;
  }
  try {
    const AccuracySummary s = evaluate_published(argv[1], argv[2], argv[3]);
    std::filesystem::create_directories(argv[4]);
    const std::filesystem::path out(argv[4]);
    write_file_atomically((out / "accuracy.csv").string(), format_accuracy_csv(s));
    const std::string summary = format_accuracy_summary(s);
    write_file_atomically((out / "summary.txt").string(), summary);
    std::cout << summary;
    const bool ok = s.failed_rows == 0 && s.mean_abs_error_pct <= 5.0 && s.max_abs_error_pct <= 15.0;
    if (!ok) std::cerr << "accuracy targets missed (every row evaluated, mean <= 5%, max <= 15%)\n";
    return ok ? 0 : 2;
  } catch (const cimloop::InputError& e) {
    std::cerr << "ERROR: " << e.what() << "\n";
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "ERROR: " << e.what() << "\n";
  }
  return 1;
}
