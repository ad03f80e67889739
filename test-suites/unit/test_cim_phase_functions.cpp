// The Wan (NeuRRAM) input-phase helpers (helper_functions.py), the expression features they
// need (list comprehensions, functions passed as values, calls on expressions) in both the
// v0.4 reader's evaluator and macro.yaml's, and n_steps-scaled library parts.
#include <gtest/gtest.h>

#include "compat/v04/custom_functions.hpp"
#include "compat/v04/expression.hpp"
#include "estimators/cim/library_components.hpp"
#include "src/cim/expression.hpp"
#include "src/cim/phase_functions.hpp"
#include "src/common/error.hpp"

using cimloop::compat::v04::Dialect;
using cimloop::compat::v04::ExpressionError;
using cimloop::compat::v04::ExpressionScope;
using cimloop::compat::v04::UnknownNameError;
using cimloop::compat::v04::Value;

namespace {

Value ints(std::initializer_list<long long> values) {
  std::vector<Value> items;
  for (long long v : values) items.push_back(Value::from_int(v));
  return Value::from_list(std::move(items));
}

Value call(const std::string& name, std::vector<Value> args) {
  const auto out = cimloop::cim::call_phase_function(name, args);
  if (!out) throw std::runtime_error("not a phase function: " + name);
  return *out;
}

long long number(const std::string& name, std::vector<Value> args) { return call(name, std::move(args)).as_int(); }

// The v0.4 reader's scope for a specification listing helper_functions.py.
Value evaluate_v04(const std::string& text) {
  const auto* module = cimloop::compat::v04::find_custom_functions("include/helper_functions.py");
  if (!module) throw std::runtime_error("helper_functions.py is not registered");
  ExpressionScope scope;
  scope.lookup = [](const std::string& name) -> std::optional<Value> {
    if (name == "ONE_PHASE") return Value::from_bool(false);
    if (name == "EIB") return Value::from_int(7);
    if (name == "PHASES") return ints({4, 3});
    return std::nullopt;
  };
  scope.call = *module;
  return cimloop::compat::v04::evaluate_expression(text, Dialect::Python, scope);
}

}  // namespace

TEST(CimPhaseFunctions, PhasesOfAnInput) {
  EXPECT_EQ(call("bits2phase_1phase", {Value::from_int(7), Value::from_int(3)}).str(), "[7, 0]");
  EXPECT_EQ(call("bits2phase_2phase", {Value::from_int(3), Value::from_int(3)}).str(), "[3, 0]");
  EXPECT_EQ(call("bits2phase_2phase", {Value::from_int(4), Value::from_int(3)}).str(), "[2, 2]");
  EXPECT_EQ(call("bits2phase_2phase", {Value::from_int(7), Value::from_int(3)}).str(), "[4, 3]");
  EXPECT_EQ(call("bits2phase_2phase", {Value::from_float(8.0), Value::from_int(3)}).str(), "[4, 4]");
  EXPECT_THROW(call("bits2phase_2phase", {Value::from_float(1.5), Value::from_int(3)}), ExpressionError);
  EXPECT_THROW(call("bits2phase_1phase", {Value::from_int(3)}), ExpressionError);
  EXPECT_FALSE(cimloop::cim::call_phase_function("offset_encode_hist", {}).has_value());
}

TEST(CimPhaseFunctions, IntegrationAndAdcSteps) {
  // Pulse count 2^b - 1 per phase: 4 + 3 bits -> 15 + 7, against 127 in one phase.
  EXPECT_EQ(number("bits2integration_steps", {Value::from_int(0)}), 0);
  EXPECT_EQ(number("bits2integration_steps", {Value::from_int(3)}), 7);
  EXPECT_EQ(number("sum_map", {Value::from_string("bits2integration_steps"), ints({4, 3})}), 22);
  EXPECT_EQ(number("sum_map", {Value::from_string("bits2integration_steps"), ints({7, 0})}), 127);
  EXPECT_EQ(number("sum_map", {Value::from_string("abs"), ints({-2, 3})}), 5);
  EXPECT_THROW(call("sum_map", {Value::from_string("no_such_function"), ints({1})}), ExpressionError);
  EXPECT_THROW(call("sum_map", {Value::from_int(1), ints({1})}), ExpressionError);
  // ADC: the first phase resolves all 8 output bits, the second only the 8 - 4 below it.
  EXPECT_EQ(number("sum_phase_out_bits", {Value::from_int(8), ints({4, 3})}), 12);
  EXPECT_EQ(number("sum_phase_out_bits", {Value::from_int(8), ints({7, 0})}), 8);
  EXPECT_EQ(number("sum_phase_out_bits", {Value::from_int(3), ints({4, 3})}), 3);
  EXPECT_EQ(number("sum_phase_out_bits", {Value::from_int(8), ints({0, 0})}), 0);
}

TEST(CimPhaseFunctions, V04ReaderCallsThemAsCiMLoopWritesThem) {
  EXPECT_EQ(evaluate_v04("(bits2phase_1phase if ONE_PHASE else bits2phase_2phase)(EIB, 3)").str(), "[4, 3]");
  EXPECT_EQ(evaluate_v04("sum_map(bits2integration_steps, PHASES)").as_int(), 22);
  EXPECT_EQ(evaluate_v04("sum([p > 0 for p in PHASES])").as_int(), 2);
  EXPECT_EQ(evaluate_v04("sum_phase_out_bits(8, PHASES)").as_int(), 12);
  EXPECT_EQ(evaluate_v04("[x * 2 for x in [1, 2, 3] if x != 2]").str(), "[2, 6]");
}

TEST(CimPhaseFunctions, UnknownNamesStayUnknown) {
  // A name that is neither a variable nor a function the call accepts is still an unknown name
  // (the v0.4 reader leaves such text as it is).
  EXPECT_THROW(evaluate_v04("max(1, NOT_DEFINED)"), UnknownNameError);
  EXPECT_THROW(evaluate_v04("sum_phase_out_bits(8, NOT_DEFINED)"), UnknownNameError);
  EXPECT_THROW(evaluate_v04("(no_function if ONE_PHASE else other_function)(1)"), UnknownNameError);
  EXPECT_THROW(evaluate_v04("[p for p in NOT_DEFINED]"), UnknownNameError);
  EXPECT_THROW(evaluate_v04("(1)(2)"), ExpressionError);
}

TEST(CimPhaseFunctions, MacroExpressionsHaveThemBuiltIn) {
  const cimloop::cim::ValueResolver phases = [](const std::string& name) -> std::optional<Value> {
    if (name == "PHASES") return ints({2, 2});
    return std::nullopt;
  };
  EXPECT_EQ(cimloop::cim::evaluate_value("sum_map(bits2integration_steps, PHASES)", phases, "t").as_int(), 6);
  EXPECT_EQ(cimloop::cim::evaluate_value("sum([p > 0 for p in PHASES])", phases, "t").as_int(), 2);
  EXPECT_THROW(cimloop::cim::evaluate_value("PHASES_TYPO[0]", phases, "t"), cimloop::InputError);
  const auto none = [](const std::string& n) -> double { throw cimloop::InputError("unknown " + n); };
  EXPECT_DOUBLE_EQ(cimloop::cim::evaluate_expression("True + (2 if False else 3)", none, "t"), 4);
  EXPECT_THROW(cimloop::cim::evaluate_expression("[1, 2]", none, "t"), cimloop::InputError);
}

TEST(CimPhaseFunctions, LibraryPartsScaleWithSteps) {
  using namespace cimloop::estimators::cim;
  // Per-step energies of the library rows (0.3 / 0.1 / 0.25 pJ at 130 nm, 1.8 V) x n_steps.
  const LibraryEntry& adc = library_entry("wan_variable_precision_adc");
  const auto twelve = scale_library_entry(adc, {130, 1.8, {}, {}, 1e-6, 12});
  const auto one = scale_library_entry(adc, {130, 1.8, {}, {}, 1e-6, 1});
  EXPECT_NEAR(twelve.read_energy_pj, 12 * one.read_energy_pj, 1e-12);
  EXPECT_NEAR(twelve.area_um2, one.area_um2, 1e-9);  // steps take time, not area
  const auto low = scale_library_entry(adc, {130, 0.9, {}, {}, 1e-6, 12});
  EXPECT_NEAR(low.read_energy_pj, twelve.read_energy_pj * 0.25, 1e-12);
  const auto integrator = scale_library_entry(library_entry("wan_analog_integrator"), {130, 1.8, {}, {}, 1e-6, 22});
  EXPECT_NEAR(integrator.read_energy_pj, 22 * 0.25, 1e-12);
  // A part without steps ignores n_steps.
  const auto sample = scale_library_entry(library_entry("wan_analog_sample"), {130, 1.8, {}, {}, 1e-6, 5});
  EXPECT_NEAR(sample.read_energy_pj, 1.2, 1e-12);
}

TEST(CimPhaseFunctions, CachedExpressionsKeepTreesNotValues) {
  using cimloop::compat::v04::evaluate_cached_expression;
  long long x = 1;
  ExpressionScope scope;
  scope.lookup = [&x](const std::string& name) -> std::optional<Value> {
    if (name == "x") return Value::from_int(x);
    return std::nullopt;
  };
  EXPECT_EQ(evaluate_cached_expression("[x + 1 for _ in [0]]", Dialect::Python, scope).str(), "[2]");
  x = 5;
  EXPECT_EQ(evaluate_cached_expression("[x + 1 for _ in [0]]", Dialect::Python, scope).str(), "[6]");
  for (int i = 0; i < 2; ++i)
    EXPECT_THROW(evaluate_cached_expression("x +", Dialect::Python, scope), cimloop::compat::v04::ExpressionSyntaxError);
}
