// Our stand-ins for the NeuroSim plug-in's CiM classes (estimators/cim) in the registry:
// CiMLoop's array periphery, memory cell and gates, at the NeuroSim plug-in's accuracy 70.
#include "estimators/cim/cim_primitives.hpp"
#include "estimators/estimator.hpp"

namespace cimloop::estimators {
namespace {

cim::PrimitiveInputs to_inputs(const Attributes& values) {
  cim::PrimitiveInputs out;
  for (const auto& [name, value] : values) {
    if (value.is_string()) out.texts[name] = value.string();
    if (std::optional<double> number = value.numeric()) out.numbers[name] = *number;
  }
  return out;
}

class CimEstimator : public PrimitiveEstimator {
 public:
  std::string name() const override { return "CiM"; }
  std::vector<std::string> class_names() const override { return cim::cim_primitive_classes(); }
  std::vector<std::string> required_attributes(const std::string&) const override {
    return {"technology"};
  }
  double accuracy(const Query& query) const override {
    if (!cim::is_cim_primitive_class(query.class_name))
      throw Declined("not a CiM primitive class: " + query.class_name);
    return 70;
  }
  Estimate estimate(const Query& query) const override {
    try {
      const cim::PrimitiveInputs attributes = to_inputs(query.attributes);
      if (query.is_area()) return {cim::cim_primitive_area(query.class_name, attributes), ""};
      return {cim::cim_primitive_energy(query.class_name, query.action, attributes,
                                        to_inputs(query.arguments)),
              ""};
    } catch (const cim::PrimitiveDeclined& e) {
      throw Declined(e.what());
    }
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_cim_estimator() { return std::make_unique<CimEstimator>(); }

}  // namespace cimloop::estimators
