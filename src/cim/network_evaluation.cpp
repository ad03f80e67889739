#include "src/cim/network_evaluation.hpp"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "src/common/error.hpp"

namespace cimloop::cim {

namespace fs = std::filesystem;

double NetworkReport::total_energy_pj() const {
  double t = 0;
  for (const auto& l : layers) t += l.best.energy_pj;
  return t;
}
double NetworkReport::total_cycles() const {
  double t = 0;
  for (const auto& l : layers) t += l.best.cycles;
  return t;
}
double NetworkReport::total_macs() const {
  double t = 0;
  for (const auto& l : layers) t += l.best.macs;
  return t;
}

std::vector<fs::path> workload_layer_files(const std::string& workload_dir) {
  if (!fs::is_directory(workload_dir)) throw InputError(workload_dir + ": not a workload folder");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(workload_dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw InputError(workload_dir + ": no layer files (*.yaml)");
  return files;
}

NetworkReport evaluate_network(const MacroSpec& spec, const std::string& workload_dir,
                               const std::map<std::string, double>& overrides,
                               const std::map<std::string, std::string>& text_overrides) {
  const std::vector<fs::path> files = workload_layer_files(workload_dir);
  NetworkReport report;
  report.macro = spec.name;
  for (const auto& file : files) {
    const MacroResult table = evaluate_macro(spec, read_layer_distributions(file.string()), overrides,
                                             text_overrides);
    report.cycle_seconds = table.cycle_seconds;
    const CimLayerModel model(table, read_layer_shape(file.string()));
    LayerReport layer;
    layer.layer = file.filename().string();
    layer.average_input_value = table.average_input_value;
    layer.average_weight_value = table.average_weight_value;
    for (const auto& mapping : model.enumerate_mappings()) {
      const MappingCost cost = model.evaluate(mapping);
      if (layer.mappings == 0 || cost.edp() < layer.best.edp()) layer.best = cost;
      ++layer.mappings;
    }
    report.layers.push_back(layer);
  }
  return report;
}

std::string format_network_table(const NetworkReport& r) {
  std::ostringstream s;
  s << std::setprecision(6);
  s << "macro " << r.macro << ", " << r.layers.size() << " layers\n";
  s << std::left << std::setw(16) << "layer" << std::right << std::setw(10) << "mappings"
    << std::setw(10) << "avg x" << std::setw(10) << "avg w" << std::setw(16) << "energy pJ"
    << std::setw(16) << "cycles" << std::setw(14) << "fJ/MAC" << "\n";
  for (const auto& l : r.layers)
    s << std::left << std::setw(16) << l.layer << std::right << std::setw(10) << l.mappings
      << std::setw(10) << l.average_input_value << std::setw(10) << l.average_weight_value
      << std::setw(16) << l.best.energy_pj << std::setw(16) << l.best.cycles << std::setw(14)
      << l.best.energy_pj / l.best.macs * 1e3 << "\n";
  const double seconds = r.total_cycles() * r.cycle_seconds;
  s << "total: " << r.total_energy_pj() * 1e-6 << " uJ, " << seconds * 1e3 << " ms, "
    << r.total_energy_pj() / r.total_macs() * 1e3 << " fJ/MAC, "
    << 2 * r.total_macs() / seconds / 1e12 << " TOPS\n";
  return s.str();
}

std::string format_network_csv(const NetworkReport& r) {
  std::ostringstream s;
  s << std::setprecision(8);
  s << "macro,layer,mappings,average_input_value,average_weight_value,energy_pj,cycles,macs\n";
  for (const auto& l : r.layers)
    s << r.macro << ',' << l.layer << ',' << l.mappings << ',' << l.average_input_value << ','
      << l.average_weight_value << ',' << l.best.energy_pj << ',' << l.best.cycles << ','
      << l.best.macs << "\n";
  return s.str();
}

}  // namespace cimloop::cim
