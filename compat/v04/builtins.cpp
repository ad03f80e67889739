#include "compat/v04/builtins.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "compat/v04/expression.hpp"

namespace cimloop::compat::v04 {
namespace {

std::string type_name(const Value& value) {
  switch (value.kind) {
    case Value::Kind::Undefined: return "undefined";
    case Value::Kind::None: return "NoneType";
    case Value::Kind::Bool: return "bool";
    case Value::Kind::Int: return "int";
    case Value::Kind::Float: return "float";
    case Value::Kind::String: return "str";
    case Value::Kind::List: return "list";
    case Value::Kind::Dict: return "dict";
    case Value::Kind::Function: return "function";
  }
  return "?";
}

[[noreturn]] void type_error(const std::string& op, const Value& left, const Value& right) {
  throw ExpressionError("unsupported operand types for " + op + ": '" + type_name(left) + "' and '" +
                        type_name(right) + "'");
}

bool both_int(const Value& left, const Value& right) {
  return left.kind != Value::Kind::Float && right.kind != Value::Kind::Float;
}

// The most items (or characters) that range() and sequence repetition make.
constexpr long long kMaxItems = 10'000'000;

Value repeat(const Value& sequence, long long times) {
  const size_t length = sequence.kind == Value::Kind::List ? sequence.items.size() : sequence.text.size();
  if (length == 0 || times <= 0) times = 0;
  else if (static_cast<unsigned long long>(times) > kMaxItems / length)
    throw ExpressionError("repeating a sequence to more than " + std::to_string(kMaxItems) + " items is too large");
  std::string text;
  std::vector<Value> items;
  for (long long i = 0; i < times; ++i) {
    text += sequence.text;
    items.insert(items.end(), sequence.items.begin(), sequence.items.end());
  }
  return sequence.kind == Value::Kind::List ? Value::from_list(std::move(items)) : Value::from_string(std::move(text));
}

// Python raises instead of returning nan (math domain error) or an unrepresentable integer.
double checked(const std::string& function, double x) {
  if (std::isnan(x)) throw ExpressionError("math domain error in " + function + "()");
  return x;
}

Value to_integer(const std::string& function, double x) {
  if (!std::isfinite(x)) throw ExpressionError(function + "() of a non-finite number");
  if (std::fabs(x) >= 9.2e18) throw ExpressionError(function + "() result too large for an integer");
  return Value::from_int(static_cast<long long>(x));
}

// Python's float %: the result takes the sign of the divisor.
double python_mod(double a, double b) {
  double r = std::fmod(a, b);
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

// Python's int // and %: floor division, the remainder taking the sign of the divisor.
long long floor_divide(long long a, long long b) {
  const long long quotient = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
}
long long floor_mod(long long a, long long b) {
  const long long remainder = a % b;
  return (remainder != 0 && ((remainder < 0) != (b < 0))) ? remainder + b : remainder;
}

// +, -, *, // and % of two ints. Python's ints have no limit; a result beyond 64 bits becomes
// the nearest float (as a literal or a power that large does) instead of wrapping around.
Value integer_arithmetic(const std::string& op, long long a, long long b) {
  long long result = 0;
  bool overflow = false;
  if (op == "+") overflow = __builtin_add_overflow(a, b, &result);
  else if (op == "-") overflow = __builtin_sub_overflow(a, b, &result);
  else if (op == "*") overflow = __builtin_mul_overflow(a, b, &result);
  else if (b == -1) overflow = __builtin_sub_overflow(0LL, op == "//" ? a : 0LL, &result);  // a // -1 == -a
  else result = op == "//" ? floor_divide(a, b) : floor_mod(a, b);
  if (!overflow) return Value::from_int(result);
  const double x = static_cast<double>(a), y = static_cast<double>(b);
  return Value::from_float(op == "+" ? x + y : op == "-" ? x - y : op == "*" ? x * y : -x);
}

Value arithmetic(const std::string& op, const Value& left, const Value& right) {
  const bool integral = both_int(left, right);
  const double a = left.as_double(), b = right.as_double();
  if (b == 0 && (op == "/" || op == "//" || op == "%")) throw ExpressionError("division by zero");
  if (integral && (op == "+" || op == "-" || op == "*" || op == "//" || op == "%"))
    return integer_arithmetic(op, left.as_int(), right.as_int());
  if (op == "+") return Value::from_float(a + b);
  if (op == "-") return Value::from_float(a - b);
  if (op == "*") return Value::from_float(a * b);
  if (op == "/") return Value::from_float(a / b);
  if (op == "//") return Value::from_float(std::floor(a / b));
  if (op == "%") return Value::from_float(python_mod(a, b));
  if (op == "**") {
    if (a == 0 && b < 0) throw ExpressionError("0.0 cannot be raised to a negative power");
    const double power = checked("**", std::pow(a, b));
    if (integral && right.as_int() >= 0 && std::fabs(power) < 9e18) return Value::from_int(std::llround(power));
    return Value::from_float(power);
  }
  throw ExpressionError("unknown operator " + op);
}

double numeric_arg(const std::string& function, const Value& value) {
  if (!value.is_number()) throw ExpressionError(function + "() needs a number, got '" + type_name(value) + "'");
  return value.as_double();
}

std::vector<Value> spread(const std::vector<Value>& args) {
  if (args.size() == 1 && args[0].kind == Value::Kind::List) return args[0].items;
  return args;
}

Value extreme(const std::string& name, const std::vector<Value>& args) {
  std::vector<Value> items = spread(args);
  if (items.empty()) throw ExpressionError(name + "() of an empty sequence");
  Value best = items[0];
  for (const Value& item : items)
    if (compare(name == "min" ? "<" : ">", item, best)) best = item;
  return best;
}

using Math = double (*)(double);
const std::map<std::string, Math>& math_functions() {
  static const std::map<std::string, Math> functions = {
      {"sqrt", [](double x) { return std::sqrt(x); }}, {"exp", [](double x) { return std::exp(x); }},
      {"sin", [](double x) { return std::sin(x); }},   {"cos", [](double x) { return std::cos(x); }},
      {"tan", [](double x) { return std::tan(x); }}};
  return functions;
}

// The logarithms' argument (and base), which Python requires to be positive.
double positive(const std::string& function, const Value& value) {
  const double x = numeric_arg(function, value);
  if (x <= 0) throw ExpressionError("math domain error in " + function + "(" + value.str() + ")");
  return x;
}

// The text of a string argument as int() / float() read it; nullopt when it is not one.
std::optional<Value> parsed_number(const std::string& name, const std::string& text) {
  const char* begin = text.c_str() + (text.rfind('+', 0) == 0 ? 1 : 0);
  const char* end = text.c_str() + text.size();
  if (name == "int") {
    long long integer = 0;
    const auto [stop, error] = std::from_chars(begin, end, integer);
    if (error == std::errc() && stop == end && begin != end) return Value::from_int(integer);
    return std::nullopt;
  }
  double real = 0;
  const auto [stop, error] = std::from_chars(begin, end, real);
  if (error == std::errc() && stop == end && begin != end) return Value::from_float(real);
  return std::nullopt;
}

std::optional<Value> conversion(const std::string& name, const std::vector<Value>& args) {
  const Value& arg = args[0];
  if (name == "str") return Value::from_string(arg.str());
  if (name == "bool") return Value::from_bool(arg.truthy());
  if (name == "len") {
    if (arg.kind == Value::Kind::String) return Value::from_int(static_cast<long long>(arg.text.size()));
    if (arg.kind == Value::Kind::List) return Value::from_int(static_cast<long long>(arg.items.size()));
    throw ExpressionError("len() of '" + type_name(arg) + "'");
  }
  if (arg.kind == Value::Kind::String) {
    if (std::optional<Value> parsed = parsed_number(name, arg.text)) return parsed;
    throw ExpressionError("invalid literal for " + name + "(): '" + arg.text + "'");
  }
  const double x = numeric_arg(name, arg);
  return name == "int" ? to_integer(name, std::trunc(x)) : Value::from_float(x);
}

}  // namespace

Value negate(const Value& value) {
  if (!value.is_number()) throw ExpressionError("bad operand type for unary -: '" + type_name(value) + "'");
  if (value.kind == Value::Kind::Float) return Value::from_float(-value.real);
  long long negative = 0;
  if (__builtin_sub_overflow(0LL, value.as_int(), &negative)) return Value::from_float(-value.as_double());
  return Value::from_int(negative);
}

Value binary(const std::string& op, const Value& left, const Value& right) {
  if (op == "~") return Value::from_string(left.str() + right.str());
  if (left.is_number() && right.is_number()) return arithmetic(op, left, right);
  const bool left_seq = left.kind == Value::Kind::String || left.kind == Value::Kind::List;
  if (op == "+" && left_seq && left.kind == right.kind) {
    if (left.kind == Value::Kind::String) return Value::from_string(left.text + right.text);
    std::vector<Value> items = left.items;
    items.insert(items.end(), right.items.begin(), right.items.end());
    return Value::from_list(std::move(items));
  }
  if (op == "*" && left_seq && (right.kind == Value::Kind::Int)) return repeat(left, right.integer);
  if (op == "*" && right.kind != Value::Kind::Float && right.kind != Value::Kind::Bool &&
      (right.kind == Value::Kind::String || right.kind == Value::Kind::List) && left.kind == Value::Kind::Int)
    return repeat(right, left.integer);
  type_error(op, left, right);
}

bool compare(const std::string& op, const Value& left, const Value& right) {
  if (op == "in" || op == "not in") {
    bool found = false;
    if (right.kind == Value::Kind::String && left.kind == Value::Kind::String)
      found = right.text.find(left.text) != std::string::npos;
    else if (right.kind == Value::Kind::List)
      for (const Value& item : right.items) found = found || compare("==", left, item);
    else
      type_error(op, left, right);
    return op == "in" ? found : !found;
  }
  int order = 0;
  if (left.is_number() && right.is_number()) {
    order = left.as_double() < right.as_double() ? -1 : left.as_double() > right.as_double() ? 1 : 0;
  } else if (left.kind == Value::Kind::String && right.kind == Value::Kind::String) {
    order = left.text.compare(right.text);
  } else if (op == "==" || op == "!=") {
    const bool equal = left.kind == right.kind && left.str() == right.str();
    return (op == "==") == equal;
  } else {
    type_error(op, left, right);
  }
  if (op == "==") return order == 0;
  if (op == "!=") return order != 0;
  if (op == "<") return order < 0;
  if (op == "<=") return order <= 0;
  if (op == ">") return order > 0;
  return order >= 0;
}

Value index(const Value& container, const Value& key) {
  if (container.kind == Value::Kind::Dict) {
    if (const Value* found = key.kind == Value::Kind::String ? container.member(key.text) : nullptr) return *found;
    throw ExpressionError("KeyError: " + key.repr());
  }
  if (key.kind != Value::Kind::Int) throw ExpressionError("indices must be integers");
  const long long size = container.kind == Value::Kind::List     ? static_cast<long long>(container.items.size())
                         : container.kind == Value::Kind::String ? static_cast<long long>(container.text.size())
                                                                 : -1;
  if (size < 0) throw ExpressionError("'" + type_name(container) + "' object is not subscriptable");
  const long long i = key.integer < 0 ? key.integer + size : key.integer;
  if (i < 0 || i >= size) throw ExpressionError("index out of range");
  if (container.kind == Value::Kind::List) return container.items[static_cast<size_t>(i)];
  return Value::from_string(container.text.substr(static_cast<size_t>(i), 1));
}

namespace {

// round(number, ndigits=None) as Python.
Value round_number(const CallArguments& call) {
  const auto args = bind_arguments({"round", {"number", "ndigits"}, 1}, call);
  const double x = numeric_arg("round", *args[0]);
  if (!args[1] || args[1]->kind == Value::Kind::None) return to_integer("round", std::nearbyint(x));
  const long long digits = args[1]->as_int();
  if (digits < 0) {
    const double scale = std::pow(10.0, static_cast<double>(-digits));
    return Value::from_float(std::nearbyint(x / scale) * scale);
  }
  // Rounds the exact decimal expansion, as Python does (round(0.0023736, 6) == 0.002374).
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.*f", static_cast<int>(std::min(digits, 300LL)), x);
  return Value::from_float(std::strtod(buffer, nullptr));
}

// The items a for loop visits: a list's items, a string's characters.
std::vector<Value> iterable(const std::string& function, const Value& value) {
  if (value.kind == Value::Kind::List) return value.items;
  if (value.kind == Value::Kind::String) {
    std::vector<Value> characters;
    for (char c : value.text) characters.push_back(Value::from_string(std::string(1, c)));
    return characters;
  }
  throw ExpressionError(function + "(): '" + type_name(value) + "' object is not iterable");
}

// zip(a, b, ...) -> [[a0, b0, ...], ...], as long as the shortest argument.
Value zip(const std::vector<Value>& args) {
  std::vector<std::vector<Value>> lists;
  size_t length = args.empty() ? 0 : SIZE_MAX;
  for (const Value& arg : args) {
    lists.push_back(iterable("zip", arg));
    length = std::min(length, lists.back().size());
  }
  std::vector<Value> tuples;
  for (size_t i = 0; i < length; ++i) {
    std::vector<Value> tuple;
    for (const auto& list : lists) tuple.push_back(list[i]);
    tuples.push_back(Value::from_list(std::move(tuple)));
  }
  return Value::from_list(std::move(tuples));
}

// range(stop), range(start, stop[, step]) as a list of ints.
Value range(const std::vector<Value>& args) {
  if (args.empty() || args.size() > 3) throw ExpressionError("range expected 1 to 3 arguments, got " + std::to_string(args.size()));
  std::vector<long long> bounds;
  for (const Value& arg : args) {
    if (arg.kind != Value::Kind::Int && arg.kind != Value::Kind::Bool)
      throw ExpressionError("'" + type_name(arg) + "' object cannot be interpreted as an integer");
    bounds.push_back(arg.as_int());
  }
  const long long start = bounds.size() == 1 ? 0 : bounds[0];
  const long long stop = bounds.size() == 1 ? bounds[0] : bounds[1];
  const long long step = bounds.size() == 3 ? bounds[2] : 1;
  if (step == 0) throw ExpressionError("range() arg 3 must not be zero");
  // 128 bits: the span of two 64-bit bounds does not fit in 64.
  const __int128 span = step > 0 ? static_cast<__int128>(stop) - start : static_cast<__int128>(start) - stop;
  const __int128 stride = step > 0 ? static_cast<__int128>(step) : -static_cast<__int128>(step);
  const __int128 count = span > 0 ? (span + stride - 1) / stride : 0;
  if (count > kMaxItems) throw ExpressionError("range() of more than " + std::to_string(kMaxItems) + " items is too large");
  std::vector<Value> items;
  for (long long i = 0; i < count; ++i)
    items.push_back(Value::from_int(static_cast<long long>(start + static_cast<__int128>(i) * step)));
  return Value::from_list(std::move(items));
}

// enumerate(list) -> [[0, item0], [1, item1], ...]
Value enumerate(const Value& list) {
  if (list.kind != Value::Kind::List) throw ExpressionError("enumerate() of '" + type_name(list) + "'");
  std::vector<Value> pairs;
  for (size_t i = 0; i < list.items.size(); ++i)
    pairs.push_back(Value::from_list({Value::from_int(static_cast<long long>(i)), list.items[i]}));
  return Value::from_list(std::move(pairs));
}

std::optional<Value> call_positional(const std::string& name, const std::vector<Value>& args) {
  auto need = [&](size_t count) {
    if (args.size() != count)
      throw ExpressionError(name + "() takes " + std::to_string(count) + " argument(s), got " +
                            std::to_string(args.size()));
  };
  if (name == "min" || name == "max") return extreme(name, args);
  if (name == "sum") {
    Value total = Value::from_int(0);
    for (const Value& item : spread(args)) total = binary("+", total, item);
    return total;
  }
  if (name == "int" || name == "float" || name == "str" || name == "bool" || name == "len") {
    need(1);
    return conversion(name, args);
  }
  if (name == "ceil" || name == "floor") {
    need(1);
    const double x = numeric_arg(name, args[0]);
    return to_integer(name, name == "ceil" ? std::ceil(x) : std::floor(x));
  }
  if (name == "abs") {
    need(1);
    return args[0].kind == Value::Kind::Float ? Value::from_float(std::fabs(args[0].real))
                                              : Value::from_int(std::llabs(args[0].as_int()));
  }
  if (name == "enumerate") {
    need(1);
    return enumerate(args[0]);
  }
  if (name == "zip") return zip(args);
  if (name == "range") return range(args);
  if (name == "list" || name == "tuple") {
    need(1);
    return Value::from_list(iterable(name, args[0]));
  }
  if (name == "pow") {
    need(2);
    return binary("**", args[0], args[1]);
  }
  if (name == "log") {
    if (args.size() == 2) return Value::from_float(checked(name, std::log(positive(name, args[0])) / std::log(positive(name, args[1]))));
    need(1);
    return Value::from_float(std::log(positive(name, args[0])));
  }
  if (name == "log2" || name == "log10") {
    need(1);
    return Value::from_float(name == "log2" ? std::log2(positive(name, args[0])) : std::log10(positive(name, args[0])));
  }
  const auto math = math_functions().find(name);
  if (math == math_functions().end()) return std::nullopt;
  need(1);
  return Value::from_float(checked(name, math->second(numeric_arg(name, args[0]))));
}

// map(f, a[, b...]) -> [f(a0, b0), ...], as a list (what sum()/list() of it give).
Value map_function(const CallArguments& call) {
  const std::vector<Value>& args = positional_only("map", call);
  if (args.size() < 2) throw ExpressionError("map() must have at least two arguments.");
  if (!args[0].is_function()) throw ExpressionError("'" + type_name(args[0]) + "' object is not callable");
  if (!call.invoke) throw ExpressionError("map() cannot call functions here");
  const Value tuples = zip(std::vector<Value>(args.begin() + 1, args.end()));
  std::vector<Value> out;
  for (const Value& tuple : tuples.items) out.push_back((*call.invoke)(args[0], CallArguments(tuple.items)));
  return Value::from_list(std::move(out));
}

}  // namespace

std::optional<Value> math_constant(const std::string& name) {
  if (name == "math.pi") return Value::from_float(3.141592653589793);
  if (name == "math.e") return Value::from_float(2.718281828459045);
  if (name == "math.inf") return Value::from_float(HUGE_VAL);
  return std::nullopt;
}

bool is_builtin_function(const std::string& name) {
  static const std::set<std::string> names = {"min", "max", "sum", "int", "float", "str", "bool", "len", "ceil",
                                              "floor", "abs", "enumerate", "zip", "range", "list", "tuple", "map",
                                              "pow", "log", "log2", "log10", "round"};
  return names.count(name) > 0 || math_functions().count(name) > 0;
}

std::optional<Value> call_builtin(const std::string& name, const CallArguments& call) {
  if (name == "round") return round_number(call);
  if (name == "map") return map_function(call);
  std::optional<Value> value = call_positional(name, call.positional);
  if (value) positional_only(name, call);  // a built-in taking no keywords was given some
  return value;
}

}  // namespace cimloop::compat::v04
