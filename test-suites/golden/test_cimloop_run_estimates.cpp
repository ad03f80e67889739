// The ERT and ART of CiMLoop's reference runs (fixtures/cimloop-runs/<macro>/default), from
// the processed input Timeloop received, through our estimation library: every entry that no
// NeuroSim class prices must equal the reference within 1e-6 relative, and every primitive
// must be priced by the estimator the reference summaries name.
//
// The NeuroSim plug-in is another estimator's job: here a stand-in with its name, classes and
// accuracy returns NaN, so an entry that involves a NeuroSim class comes out NaN and is left
// out, while the estimator choices stay those of the reference.
#include <cmath>

#include <gtest/gtest.h>

#include "compat/accelergy/tables.hpp"

#include "test-suites/golden/cimloop_runs.hpp"

using namespace cimloop;

namespace {

const char* const kNeurosim = "Neurosim Plug-In";

// A stand-in result far above any real energy (pJ) or area (um^2): estimates must be finite
// costs, so what NeuroSim touches is marked by size; an entry at least kMarked (the marker
// scaled by down to 1e-6) is one.
constexpr double kMarker = 1e18, kMarked = 1e12;

// The NeuroSim plug-in's classes at its accuracy, with a result that marks what it touches.
class NeurosimStandIn : public estimators::PrimitiveEstimator {
 public:
  std::string name() const override { return kNeurosim; }
  std::vector<std::string> class_names() const override {
    return {"array_row_drivers", "array_col_drivers", "memory_cell", "shift_add", "intadder", "intadder_tree",
            "flip_flop", "not_gate", "nand_gate", "nor_gate", "mux", "max_pool"};
  }
  double accuracy(const estimators::Query&) const override { return 70; }
  estimators::Estimate estimate(const estimators::Query&) const override { return {kMarker, ""}; }
};

// A built-in estimator, shared.
class Forward : public estimators::PrimitiveEstimator {
 public:
  explicit Forward(const estimators::PrimitiveEstimator& e) : e_(e) {}
  std::string name() const override { return e_.name(); }
  std::vector<std::string> class_names() const override { return e_.class_names(); }
  std::vector<std::string> required_attributes(const std::string& c) const override { return e_.required_attributes(c); }
  double accuracy(const estimators::Query& q) const override { return e_.accuracy(q); }
  estimators::Estimate estimate(const estimators::Query& q) const override { return e_.estimate(q); }

 private:
  const estimators::PrimitiveEstimator& e_;
};

// The built-in estimators with the stand-in where our NeuroSim estimators are.
const estimators::Registry& registry_without_neurosim() {
  static const estimators::Registry registry = [] {
    estimators::Registry r;
    bool placed = false;
    for (const auto& e : estimators::Registry::builtin().all()) {
      const bool neurosim = e->name() == kNeurosim;
      if (!neurosim) r.add(std::make_unique<Forward>(*e));
      if (neurosim && !placed) r.add(std::make_unique<NeurosimStandIn>());
      placed = placed || neurosim;
    }
    return r;
  }();
  return registry;
}

YAML::Node reference(const std::string& macro, const std::string& file) {
  return YAML::LoadFile((golden::cimloop_run(macro) / ("timeloop-mapper." + file)).string());
}

// Component name -> the estimator of each of its primitives, as the summaries list them.
std::map<std::string, std::vector<std::pair<std::string, std::string>>> estimators_of(const YAML::Node& summary) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  for (const YAML::Node& table : summary) {
    const std::string name = table["name"].Scalar();
    YAML::Node sources = table["primitive_estimation(s)"] ? table["primitive_estimation(s)"] : table["primitive_estimations"];
    auto& list = out[name];
    if (sources.IsScalar()) list.push_back({name, sources.Scalar()});
    for (const YAML::Node& s : sources) {
      if (s.IsMap()) list.push_back({s["name"].Scalar(), s["estimator"].Scalar()});
    }
  }
  return out;
}

bool uses_neurosim(const std::vector<std::pair<std::string, std::string>>& sources) {
  for (const auto& [primitive, estimator] : sources) {
    if (estimator == kNeurosim) return true;
  }
  return false;
}

void expect_same(const YAML::Node& got, const YAML::Node& want, const std::string& what, bool must_be_ours,
                 int& checked) {
  const double g = got.as<double>(), w = want.as<double>();
  if (g >= kMarked) {
    EXPECT_FALSE(must_be_ours) << what << ": involves a NeuroSim class, but the reference names none";
    return;
  }
  ++checked;
  EXPECT_LE(std::fabs(g - w), 1e-6 * std::fabs(w)) << what << ": got " << got.Scalar() << ", reference " << want.Scalar();
  EXPECT_EQ(got.Scalar(), want.Scalar()) << what << " (as written)";
}

// Every ERT/ART entry of `macro`'s reference against `result`; an entry the reference prices
// without NeuroSim (or any, with `all_ours`) must come out. Returns how many were compared.
int compare_tables(const std::string& macro, const accelergy::AccelergyResult& result, bool all_ours) {
  const auto ert_sources = estimators_of(reference(macro, "ERT_summary.yaml")["ERT_summary"]["table_summary"]);
  const auto art_sources = estimators_of(reference(macro, "ART_summary.yaml")["ART_summary"]["table_summary"]);
  EXPECT_EQ(estimators_of(result.ert_summary["ERT_summary"]["table_summary"]), ert_sources);
  EXPECT_EQ(estimators_of(result.art_summary["ART_summary"]["table_summary"]), art_sources);
  int checked = 0;
  const YAML::Node want_ert = reference(macro, "ERT.yaml")["ERT"]["tables"];
  const YAML::Node got_ert = result.ert["ERT"]["tables"];
  EXPECT_EQ(got_ert.size(), want_ert.size());
  for (size_t i = 0; i < want_ert.size() && i < got_ert.size(); ++i) {
    const std::string name = want_ert[i]["name"].Scalar();
    EXPECT_EQ(got_ert[i]["name"].Scalar(), name);
    EXPECT_EQ(got_ert[i]["actions"].size(), want_ert[i]["actions"].size()) << name;
    for (size_t a = 0; a < want_ert[i]["actions"].size() && a < got_ert[i]["actions"].size(); ++a) {
      const YAML::Node want = want_ert[i]["actions"][a], got = got_ert[i]["actions"][a];
      EXPECT_EQ(got["name"].Scalar(), want["name"].Scalar()) << name;
      expect_same(got["energy"], want["energy"], name + "." + want["name"].Scalar(),
                  all_ours || !uses_neurosim(ert_sources.at(name)), checked);
    }
  }
  const YAML::Node want_art = reference(macro, "ART.yaml")["ART"]["tables"];
  const YAML::Node got_art = result.art["ART"]["tables"];
  EXPECT_EQ(got_art.size(), want_art.size());
  for (size_t i = 0; i < want_art.size() && i < got_art.size(); ++i) {
    const std::string name = want_art[i]["name"].Scalar();
    EXPECT_EQ(got_art[i]["name"].Scalar(), name);
    expect_same(got_art[i]["area"], want_art[i]["area"], name + " area", all_ours || !uses_neurosim(art_sources.at(name)),
                checked);
  }
  return checked;
}

accelergy::AccelergyResult estimate_run(const std::string& macro, const estimators::Registry& registry) {
  const YAML::Node root = YAML::Load(golden::cimloop_run_text(macro, "parsed-processed-input.yaml"));
  accelergy::EstimationOptions options;
  options.registry = &registry;
  return accelergy::estimate_tables(root, options);
}

class CimloopRun : public ::testing::TestWithParam<std::string> {};

TEST_P(CimloopRun, EntriesWithoutNeurosimAndEstimatorNamesMatchTheReference) {
  CIMLOOP_REQUIRE_FIXTURES(golden::cimloop_run(GetParam()));
  EXPECT_GT(compare_tables(GetParam(), estimate_run(GetParam(), registry_without_neurosim()), false), 0);
}

// example_traditional's NeuroSim parts are its buffers' address generators (intadder, which the
// NeuroSim estimator answers exactly): with the built-in estimators every entry is the
// reference's, its 65nm SRAMs included.
TEST(CimloopRuns, ExampleTraditionalEntirelyWithTheBuiltInEstimators) {
  CIMLOOP_REQUIRE_FIXTURES(golden::cimloop_run("example_traditional"));
  const accelergy::AccelergyResult result = estimate_run("example_traditional", estimators::Registry::builtin());
  EXPECT_EQ(compare_tables("example_traditional", result, true), 57);
}

INSTANTIATE_TEST_SUITE_P(Macros, CimloopRun, ::testing::ValuesIn(golden::cimloop_default_runs()));

}  // namespace
