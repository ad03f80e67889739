// The helper_functions.py files of CiMLoop's macros in C++ (one module: the files' function
// names do not collide):
//   wan_nature_2022: NeuRRAM's input phases. An input's magnitude bits are integrated
//     bit-serially (bit j for 2^j pulses); wide inputs are split into two phases, most
//     significant part first, each converted on its own.
//     bits2phase_1phase(n_bits, max_bits_per_phase=0) -> (n_bits,)
//     bits2phase_2phase(n_bits, max_bits_per_phase) -> (n_bits, 0) or (ceil(n/2), floor(n/2))
//     bits2integration_steps(n_bits) -> 2^n_bits - 1
//     phase_out_bits(out_bits, phases, phasenum) -> max(out_bits - sum(phases[:phasenum]), 0)
//     sum_phase_out_bits(total_out_bits, phases) -> phase_out_bits summed over non-empty phases
//     sum_map(f, *args) -> sum(map(f, *args)), scalars repeated to the longest list
//   example_traditional: helper_funcion(x, y=0) -> x ** 2 + y
#include <algorithm>

#include "compat/cimloop/python_modules.hpp"
#include "compat/v04/builtins.hpp"
#include "compat/v04/expression.hpp"

namespace cimloop::compat::cimloop {
namespace {

using compat::v04::binary;
using compat::v04::bind_arguments;
using compat::v04::ExpressionError;

long long integer(const Value& value, const std::string& function) {
  if (value.kind == Value::Kind::Float && value.real == static_cast<double>(static_cast<long long>(value.real)))
    return static_cast<long long>(value.real);
  if (value.kind != Value::Kind::Int && value.kind != Value::Kind::Bool)
    throw ExpressionError(function + "(): expected an integer, got " + value.repr());
  return value.as_int();
}

const std::vector<Value>& sequence(const Value& value, const std::string& function) {
  if (value.kind != Value::Kind::List) throw ExpressionError(function + "(): expected a tuple, got " + value.repr());
  return value.items;
}

Value sum_of(const std::vector<Value>& values) {
  Value total = Value::from_int(0);
  for (const Value& v : values) total = binary("+", total, v);
  return total;
}

Value phase_out_bits(const Value& out_bits, const std::vector<Value>& phases, long long phase) {
  const size_t earlier = static_cast<size_t>(std::clamp<long long>(phase, 0, static_cast<long long>(phases.size())));
  const Value remaining = binary("-", out_bits, sum_of(std::vector<Value>(phases.begin(), phases.begin() + static_cast<long>(earlier))));
  return compat::v04::call_builtin("max", CallArguments{remaining, Value::from_int(0)}).value();
}

Value bits2phase_2phase(const CallArguments& call) {
  const auto args = bind_arguments({"bits2phase_2phase", {"n_bits", "max_bits_per_phase"}, 2}, call);
  if (compat::v04::compare("<=", *args[0], *args[1])) return Value::from_list({*args[0], Value::from_int(0)});
  const Value half = binary("/", *args[0], Value::from_int(2));
  return Value::from_list({compat::v04::call_builtin("ceil", CallArguments{half}).value(),
                           compat::v04::call_builtin("floor", CallArguments{half}).value()});
}

Value sum_phase_out_bits(const CallArguments& call) {
  const auto args = bind_arguments({"sum_phase_out_bits", {"total_out_bits", "phases"}, 2}, call);
  const std::vector<Value>& phases = sequence(*args[1], "sum_phase_out_bits");
  Value total = Value::from_int(0);
  for (size_t i = 0; i < phases.size(); ++i) {
    if (!phases[i].truthy()) continue;
    total = binary("+", total, phase_out_bits(*args[0], phases, static_cast<long long>(i)));
  }
  return total;
}

// Python's sum(map(f, *args)) after every scalar (or list of another length) is repeated to
// the longest length; a scalar argument counts as a length of its own value, as in the file.
Value sum_map(const CallArguments& call) {
  const std::vector<Value>& given = compat::v04::positional_only("sum_map", call);
  if (given.empty()) throw ExpressionError("sum_map() missing required argument 'f'");
  if (!call.invoke) throw ExpressionError("sum_map() cannot call functions here");
  std::vector<Value> args(given.begin() + 1, given.end());
  if (args.empty()) throw ExpressionError("max() arg is an empty sequence");
  long long longest = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    const long long length = args[i].kind == Value::Kind::List ? static_cast<long long>(args[i].items.size())
                                                                : integer(args[i], "sum_map");
    longest = i == 0 ? length : std::max(longest, length);
  }
  for (Value& arg : args)
    if (arg.kind != Value::Kind::List || static_cast<long long>(arg.items.size()) != longest)
      arg = Value::from_list(std::vector<Value>(static_cast<size_t>(std::max(0LL, longest)), arg));
  Value total = Value::from_int(0);
  for (long long i = 0; i < longest; ++i) {
    CallArguments item;
    for (const Value& arg : args) item.positional.push_back(arg.items[static_cast<size_t>(i)]);
    total = binary("+", total, (*call.invoke)(given[0], item));
  }
  return total;
}

}  // namespace

PythonModule helper_functions_module() {
  PythonModule module;
  module["bits2phase_1phase"] = [](const CallArguments& call) {
    return Value::from_list({*bind_arguments({"bits2phase_1phase", {"n_bits", "max_bits_per_phase"}, 1}, call)[0]});
  };
  module["bits2phase_2phase"] = bits2phase_2phase;
  module["bits2integration_steps"] = [](const CallArguments& call) {
    const Value bits = *bind_arguments({"bits2integration_steps", {"n_bits"}, 1}, call)[0];
    return binary("-", binary("**", Value::from_int(2), bits), Value::from_int(1));
  };
  module["phase_out_bits"] = [](const CallArguments& call) {
    const auto args = bind_arguments({"phase_out_bits", {"out_bits", "phases", "phasenum"}, 3}, call);
    return phase_out_bits(*args[0], sequence(*args[1], "phase_out_bits"), integer(*args[2], "phase_out_bits"));
  };
  module["sum_phase_out_bits"] = sum_phase_out_bits;
  module["sum_map"] = sum_map;
  module["helper_funcion"] = [](const CallArguments& call) {
    const auto args = bind_arguments({"helper_funcion", {"x", "y"}, 1}, call);
    return binary("+", binary("**", *args[0], Value::from_int(2)), args[1] ? *args[1] : Value::from_int(0));
  };
  for (const char* name : {"ceil", "floor"})
    module[name] = [name = std::string(name)](const CallArguments& call) { return *compat::v04::call_builtin(name, call); };
  return module;
}

}  // namespace cimloop::compat::cimloop
