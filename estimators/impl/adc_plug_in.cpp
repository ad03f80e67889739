// "ADC Plug-In" (accelergy-adc-plug-in b6e23e3, accuracy 75: it outranks NeuroSim's ADC): the regression on Murmann's ADC
// survey (adc/survey_adc.hpp) for the ADC classes. Attributes: resolution, technology,
// throughput (samples/s of all the ADCs together) and n_adcs (default 1). Energy per
// conversion for convert/read/drive/sample/activate; no leakage; area of all n_adcs ADCs.
#include <algorithm>

#include "estimators/adc/survey_adc.hpp"
#include "estimators/estimator.hpp"
#include "estimators/library/library_csv.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators {
namespace {

const std::vector<std::string> kClasses = {"adc", "pim_adc", "sar_adc", "array_adc", "cim_adc"};
const std::vector<std::string> kActions = {"convert", "read", "drive", "sample", "activate", "leak"};

double number(const Query& query, const char* name) {
  const Value* v = query.attribute(name);
  std::optional<double> n = v ? v->numeric() : std::nullopt;
  if (!n) throw Declined(std::string("attribute '") + name + "' missing or not a number");
  return *n;
}

AdcParameters parameters(const Query& query) {
  AdcParameters p;
  p.resolution = number(query, "resolution");
  p.technology_nm = number(query, "technology");
  p.throughput = number(query, "throughput");
  p.n_adcs = query.attribute("n_adcs") ? number(query, "n_adcs") : 1;
  return p;
}

class AdcPlugIn : public PrimitiveEstimator {
 public:
  std::string name() const override { return "ADC Plug-In"; }
  std::vector<std::string> class_names() const override { return kClasses; }
  std::vector<SupportedClass> supported_classes() const override {
    std::vector<SupportedClass> classes;
    for (const std::string& name : kClasses) classes.push_back({name, kActions, ""});
    return classes;
  }
  std::vector<std::string> required_attributes(const std::string&) const override {
    return {"resolution", "technology", "throughput"};
  }
  double accuracy(const Query& query) const override {
    if (!query.is_area() && std::find(kActions.begin(), kActions.end(), lower_case(query.action)) == kActions.end()) {
      throw Declined("no action '" + query.action + "' (ADC actions: convert, read, drive, sample, activate, leak)");
    }
    parameters(query);
    return 75;
  }
  Estimate estimate(const Query& query) const override {
    AdcEstimate e;
    try {
      e = estimate_adc(parameters(query));
    } catch (const InputError& error) {
      throw Declined(error.what());
    }
    if (query.is_area()) return {e.bank_area_um2, e.warning};
    return {lower_case(query.action) == "leak" ? 0.0 : e.energy_per_conversion_pj, e.warning};
  }
};

}  // namespace

std::unique_ptr<PrimitiveEstimator> make_adc_plug_in() { return std::make_unique<AdcPlugIn>(); }

}  // namespace cimloop::estimators
