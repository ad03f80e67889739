// "Neurosim Plug-In" (accuracy 70): CiMLoop's NeuroSim-backed classes, answered by our own
// model of what the Accelergy NeuroSim plug-in returns (estimators/neurosim). Served classes
// and read/write/leak actions get 70; other actions are declined, as the plug-in states 0.
#include "estimators/estimator.hpp"
#include "estimators/neurosim/plugin.hpp"
#include "estimators/neurosim/request.hpp"

namespace cimloop::estimators {
namespace {

class NeurosimPlugIn : public PrimitiveEstimator {
 public:
  std::string name() const override { return "Neurosim Plug-In"; }
  std::vector<std::string> class_names() const override {
    return {"array_row_drivers", "array_col_drivers", "array_adc", "memory_cell", "shift_add",
            "intadder", "intadder_tree", "max_pool", "mux", "flip_flop", "not_gate", "nand_gate", "nor_gate"};
  }
  std::vector<SupportedClass> supported_classes() const override {
    std::vector<SupportedClass> classes;
    for (const std::string& name : class_names()) classes.push_back({name, neurosim::action_names(), ""});
    return classes;
  }
  double accuracy(const Query& query) const override {
    if (!neurosim::component_named(query.class_name)) throw Declined("not a NeuroSim class: " + query.class_name);
    if (!query.is_area() && !neurosim::action_kind(query.action))
      throw Declined("NeuroSim plug-in has no action '" + query.action + "' (read, mac_random, mac_reused, " +
                     "compute, add, shift_add, convert, write, set, erase, update, leak)");
    return 70;
  }
  Estimate estimate(const Query& query) const override {
    const neurosim::Component component = *neurosim::component_named(query.class_name);
    const neurosim::Answer a = neurosim::answer(neurosim::parse_request(component, query));
    if (query.is_area()) return {a.area_um2, a.warning};
    switch (*neurosim::action_kind(query.action)) {
      case neurosim::ActionKind::read: return {a.read_pj, a.warning};
      case neurosim::ActionKind::write: return {a.write_pj, a.warning};
      case neurosim::ActionKind::leak: return {a.leak_pj, a.warning};
    }
    return {};
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_neurosim_estimator() { return std::make_unique<NeurosimPlugIn>(); }

}  // namespace cimloop::estimators
