// "dummy_table" (bundled with Accelergy): 1 pJ per action, no leakage, 1 um^2, for
// components marked `technology: -1`; below input version 0.4 a catch-all at accuracy 1.
#include "estimators/estimator.hpp"
#include "estimators/technology/technology.hpp"

namespace cimloop::estimators {
namespace {

class DummyTable : public PrimitiveEstimator {
 public:
  std::string name() const override { return "dummy_table"; }
  std::vector<std::string> class_names() const override { return {}; }
  std::vector<SupportedClass> supported_classes() const override {
    return {{"*", {}, "any class with technology: -1; any class below input version 0.4"}};
  }
  double accuracy(const Query& query) const override {
    std::optional<double> nm = technology_nm(query.attribute("technology"));
    if (nm && *nm == -1) return 100;
    return query.input_version < 0.4 ? 1 : 0;
  }
  Estimate estimate(const Query& query) const override {
    std::optional<double> nm = technology_nm(query.attribute("technology"));
    std::string warning = nm && *nm == -1 ? "" : "no estimator for class '" + query.class_name +
                                                     "': the dummy catch-all fallback (1 pJ per action, 1 um^2)";
    if (query.is_area()) return {1, warning};
    return {query.action == "leak" ? 0.0 : 1.0, warning};
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_dummy_table_estimator() { return std::make_unique<DummyTable>(); }

}  // namespace cimloop::estimators
