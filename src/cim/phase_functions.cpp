#include "src/cim/phase_functions.hpp"

#include <cmath>
#include <set>

#include "compat/v04/builtins.hpp"
#include "compat/v04/expression.hpp"

namespace cimloop::cim {

using compat::v04::CallArguments;
using compat::v04::ExpressionError;
using compat::v04::Value;

namespace {

long long whole_bits(const Value& v, const std::string& function) {
  if (!v.is_number()) throw ExpressionError(function + ": expected a number of bits");
  const double bits = v.as_double();
  if (bits < 0 || bits != std::floor(bits) || bits > 62)
    throw ExpressionError(function + ": bits must be a whole number from 0 to 62");
  return static_cast<long long>(bits);
}

std::vector<long long> phases_of(const Value& list, const std::string& function) {
  if (list.kind != Value::Kind::List) throw ExpressionError(function + ": expected a list of phases");
  std::vector<long long> out;
  for (const Value& v : list.items) out.push_back(whole_bits(v, function));
  return out;
}

void expect_arguments(const std::vector<Value>& args, size_t count, const std::string& usage) {
  if (args.size() != count) throw ExpressionError(usage);
}

Value phases(long long first, long long second) {
  return Value::from_list({Value::from_int(first), Value::from_int(second)});
}

Value integration_steps(long long bits) { return Value::from_int((1LL << bits) - 1); }

Value phase_out_bits(long long out_bits, const std::vector<long long>& phase_bits) {
  long long steps = 0, earlier = 0;
  for (long long bits : phase_bits) {
    if (bits == 0) continue;
    steps += std::max(0LL, out_bits - earlier);
    earlier += bits;
  }
  return Value::from_int(steps);
}

Value sum_map(const std::vector<Value>& args) {
  expect_arguments(args, 2, "sum_map(function, list)");
  if (args[0].kind != Value::Kind::String) throw ExpressionError("sum_map: the first argument must be a function");
  if (args[1].kind != Value::Kind::List) throw ExpressionError("sum_map: the second argument must be a list");
  Value total = Value::from_int(0);
  for (const Value& item : args[1].items) {
    std::optional<Value> mapped = call_phase_function(args[0].text, CallArguments{item});
    if (!mapped) mapped = compat::v04::call_builtin(args[0].text, CallArguments{item});
    if (!mapped) throw ExpressionError("sum_map: unknown function '" + args[0].text + "'");
    total = compat::v04::binary("+", total, *mapped);
  }
  return total;
}

}  // namespace

std::optional<Value> call_phase_function(const std::string& name, const CallArguments& call) {
  static const std::set<std::string> names = {"bits2phase_1phase", "bits2phase_2phase", "bits2integration_steps",
                                              "sum_phase_out_bits", "sum_map"};
  if (!names.count(name)) return std::nullopt;
  const std::vector<Value>& args = compat::v04::positional_only(name, call);
  if (name == "bits2phase_1phase" || name == "bits2phase_2phase") {
    expect_arguments(args, 2, name + "(bits, max_bits)");
    const long long bits = whole_bits(args[0], name), max_bits = whole_bits(args[1], name);
    if (name == "bits2phase_1phase" || bits <= max_bits) return phases(bits, 0);
    return phases((bits + 1) / 2, bits / 2);
  }
  if (name == "bits2integration_steps") {
    expect_arguments(args, 1, name + "(bits)");
    return integration_steps(whole_bits(args[0], name));
  }
  if (name == "sum_phase_out_bits") {
    expect_arguments(args, 2, name + "(out_bits, phases)");
    return phase_out_bits(whole_bits(args[0], name), phases_of(args[1], name));
  }
  return sum_map(args);
}

}  // namespace cimloop::cim
