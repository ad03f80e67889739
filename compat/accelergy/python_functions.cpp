#include "compat/accelergy/python_functions.hpp"

#include <cmath>
#include <functional>
#include <map>

namespace cimloop::accelergy {
namespace {

using Args = std::vector<PyValue>;

void expect_count(const std::string& name, const Args& args, size_t lo, size_t hi) {
  if (args.size() < lo || args.size() > hi) {
    throw ExpressionError(name + "() takes " + std::to_string(lo) +
                          (lo == hi ? "" : " to " + std::to_string(hi)) + " argument(s), got " +
                          std::to_string(args.size()));
  }
}

PyValue checked_real(const std::string& name, double x) {
  if (std::isnan(x)) throw ExpressionError("math domain error in " + name + "()");
  return PyValue::from_real(x);
}

PyValue to_integer(const std::string& name, double x) {
  if (!std::isfinite(x)) throw ExpressionError(name + "() of a non-finite number");
  return PyValue::from_int(static_cast<long long>(x));
}

bool is_int(const PyValue& v) { return v.kind == PyValue::Kind::integer || v.kind == PyValue::Kind::boolean; }

double positive(const std::string& name, const PyValue& v) {
  double x = v.number();
  if (x <= 0) throw ExpressionError("math domain error in " + name + "(" + v.repr() + ")");
  return x;
}

PyValue extreme(const std::string& name, const Args& args, bool want_max) {
  if (args.empty()) throw ExpressionError(name + "() expects at least one argument");
  const PyValue* best = &args[0];
  for (const PyValue& v : args) {
    if (want_max ? v.number() > best->number() : v.number() < best->number()) best = &v;
  }
  return *best;
}

PyValue python_round(const Args& args) {
  expect_count("round", args, 1, 2);
  double x = args[0].number();
  if (args.size() == 1) return to_integer("round", std::nearbyint(x));
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", static_cast<int>(args[1].number()), x);
  return PyValue::from_real(std::stod(buffer));
}

using Function = std::function<PyValue(const Args&)>;

PyValue unary_math(const std::string& name, const Args& args, double (*f)(double)) {
  expect_count(name, args, 1, 1);
  return checked_real(name, f(args[0].number()));
}

const std::map<std::string, Function>& functions() {
  static const std::map<std::string, Function> table = {
      {"ceil", [](const Args& a) { expect_count("ceil", a, 1, 1); return to_integer("ceil", std::ceil(a[0].number())); }},
      {"floor", [](const Args& a) { expect_count("floor", a, 1, 1); return to_integer("floor", std::floor(a[0].number())); }},
      {"log", [](const Args& a) {
         expect_count("log", a, 1, 2);
         double x = std::log(positive("log", a[0]));
         return checked_real("log", a.size() == 2 ? x / std::log(positive("log", a[1])) : x);
       }},
      {"log2", [](const Args& a) { expect_count("log2", a, 1, 1); return checked_real("log2", std::log2(positive("log2", a[0]))); }},
      {"log10", [](const Args& a) { expect_count("log10", a, 1, 1); return checked_real("log10", std::log10(positive("log10", a[0]))); }},
      {"sqrt", [](const Args& a) { return unary_math("sqrt", a, std::sqrt); }},
      {"exp", [](const Args& a) { return unary_math("exp", a, std::exp); }},
      {"sin", [](const Args& a) { return unary_math("sin", a, std::sin); }},
      {"cos", [](const Args& a) { return unary_math("cos", a, std::cos); }},
      {"tan", [](const Args& a) { return unary_math("tan", a, std::tan); }},
      {"pow", [](const Args& a) { expect_count("pow", a, 2, 2); return apply_python_operator("**", a[0], a[1]); }},
      {"min", [](const Args& a) { return extreme("min", a, false); }},
      {"max", [](const Args& a) { return extreme("max", a, true); }},
      {"abs", [](const Args& a) {
         expect_count("abs", a, 1, 1);
         return is_int(a[0]) ? PyValue::from_int(std::llabs(static_cast<long long>(a[0].number())))
                             : PyValue::from_real(std::fabs(a[0].number()));
       }},
      {"round", python_round},
      {"sum", [](const Args& a) {
         PyValue total = PyValue::from_int(0);
         for (const PyValue& v : a) total = apply_python_operator("+", total, v);
         return total;
       }},
      {"int", [](const Args& a) {
         expect_count("int", a, 1, 1);
         if (a[0].is_string()) {
           PyValue v = convert_plain_scalar(a[0].text);
           if (v.kind != PyValue::Kind::integer) throw ExpressionError("invalid literal for int(): '" + a[0].text + "'");
           return v;
         }
         return to_integer("int", std::trunc(a[0].number()));
       }},
      {"float", [](const Args& a) {
         expect_count("float", a, 1, 1);
         if (a[0].is_string()) {
           PyValue v = convert_plain_scalar(a[0].text);
           if (!v.is_numeric()) throw ExpressionError("could not convert string to float: '" + a[0].text + "'");
           return PyValue::from_real(v.number());
         }
         return PyValue::from_real(a[0].number());
       }},
      {"bool", [](const Args& a) { expect_count("bool", a, 1, 1); return PyValue::from_bool(a[0].truthy()); }},
      {"str", [](const Args& a) { expect_count("str", a, 1, 1); return PyValue::from_string(a[0].repr()); }},
      {"len", [](const Args& a) {
         expect_count("len", a, 1, 1);
         if (!a[0].is_string()) throw ExpressionError("len() of a non-string");
         return PyValue::from_int(static_cast<long long>(a[0].text.size()));
       }},
  };
  return table;
}

double python_mod(double a, double b) {
  double r = std::fmod(a, b);
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

PyValue compare(const std::string& op, const PyValue& a, const PyValue& b) {
  if (a.is_string() || b.is_string() || a.is_none() || b.is_none()) {
    bool equal = a.kind == b.kind && a.text == b.text;
    if (op == "==") return PyValue::from_bool(equal);
    if (op == "!=") return PyValue::from_bool(!equal);
    if (a.is_string() && b.is_string()) {
      int c = a.text.compare(b.text);
      if (op == "<") return PyValue::from_bool(c < 0);
      if (op == "<=") return PyValue::from_bool(c <= 0);
      if (op == ">") return PyValue::from_bool(c > 0);
      return PyValue::from_bool(c >= 0);
    }
    throw ExpressionError("cannot compare '" + a.repr() + "' " + op + " '" + b.repr() + "'");
  }
  double x = a.number(), y = b.number();
  if (op == "==") return PyValue::from_bool(x == y);
  if (op == "!=") return PyValue::from_bool(x != y);
  if (op == "<") return PyValue::from_bool(x < y);
  if (op == "<=") return PyValue::from_bool(x <= y);
  if (op == ">") return PyValue::from_bool(x > y);
  return PyValue::from_bool(x >= y);
}

}  // namespace

PyValue call_python_function(const std::string& name, const std::vector<PyValue>& args) {
  std::string bare = name.rfind("math.", 0) == 0 ? name.substr(5) : name;
  auto it = functions().find(bare);
  if (it == functions().end()) throw ExpressionError("unknown function '" + name + "'");
  return it->second(args);
}

PyValue apply_python_operator(const std::string& op, const PyValue& a, const PyValue& b) {
  if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") return compare(op, a, b);
  if (op == "+" && a.is_string() && b.is_string()) return PyValue::from_string(a.text + b.text);
  if (!a.is_numeric() || !b.is_numeric()) {
    throw ExpressionError("unsupported operand types for " + op + ": '" + a.repr() + "' and '" + b.repr() + "'");
  }
  bool both_int = is_int(a) && is_int(b);
  double x = a.number(), y = b.number();
  long long i = static_cast<long long>(x), j = static_cast<long long>(y);
  if (op == "+") return both_int ? PyValue::from_int(i + j) : PyValue::from_real(x + y);
  if (op == "-") return both_int ? PyValue::from_int(i - j) : PyValue::from_real(x - y);
  if (op == "*") return both_int ? PyValue::from_int(i * j) : PyValue::from_real(x * y);
  if (op == "/" || op == "//" || op == "%") {
    if (y == 0) throw ExpressionError("division by zero");
    if (op == "/") return PyValue::from_real(x / y);
    if (op == "//") return both_int ? PyValue::from_int(static_cast<long long>(std::floor(x / y)))
                                    : PyValue::from_real(std::floor(x / y));
    return both_int ? PyValue::from_int(static_cast<long long>(python_mod(x, y))) : PyValue::from_real(python_mod(x, y));
  }
  if (op == "**") {
    if (both_int && j >= 0) return PyValue::from_int(static_cast<long long>(std::llround(std::pow(x, y))));
    if (x == 0 && y < 0) throw ExpressionError("0.0 cannot be raised to a negative power");
    return checked_real("**", std::pow(x, y));
  }
  throw ExpressionError("unknown operator " + op);
}

}  // namespace cimloop::accelergy
