#include "src/cim/expression.hpp"

#include <cctype>
#include <cmath>
#include <map>
#include <vector>

#include "src/common/error.hpp"

namespace cimloop::cim {

namespace {

class Parser {
 public:
  Parser(const std::string& text, const NameResolver& resolve, const std::string& where)
      : s_(text), resolve_(resolve), where_(where) {}

  double parse() {
    const double v = sum();
    skip_space();
    if (pos_ != s_.size()) fail("unexpected '" + s_.substr(pos_) + "'");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw InputError(where_ + ": " + why + " in expression '" + s_ + "'");
  }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool accept(const std::string& token) {
    skip_space();
    if (s_.compare(pos_, token.size(), token) != 0) return false;
    pos_ += token.size();
    return true;
  }

  double sum() {
    double v = product();
    for (;;) {
      if (accept("+")) v += product();
      else if (accept("-")) v -= product();
      else return v;
    }
  }

  double product() {
    double v = unary();
    for (;;) {
      if (accept("//")) v = std::floor(v / nonzero(unary()));
      else if (accept("*")) v *= unary();
      else if (accept("/")) v /= nonzero(unary());
      else if (accept("%")) {
        const double d = nonzero(unary());
        v -= d * std::floor(v / d);
      } else return v;
    }
  }

  double nonzero(double d) const {
    if (d == 0) fail("division by zero");
    return d;
  }

  double unary() {
    if (accept("-")) return -unary();
    if (accept("+")) return unary();
    return power();
  }

  double power() {
    const double base = atom();
    if (accept("**")) return std::pow(base, unary());  // right-associative, binds to unary
    return base;
  }

  double atom() {
    skip_space();
    if (pos_ >= s_.size()) fail("unexpected end");
    if (accept("(")) {
      const double v = sum();
      if (!accept(")")) fail("missing ')'");
      return v;
    }
    const char c = s_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return name_or_call();
    fail(std::string("unexpected '") + c + "'");
  }

  double number() {
    size_t used = 0;
    const double v = std::stod(s_.substr(pos_), &used);
    pos_ += used;
    return v;
  }

  double name_or_call() {
    const size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    const std::string name = s_.substr(start, pos_ - start);
    if (!accept("(")) return resolve_(name);
    std::vector<double> args;
    if (!accept(")")) {
      do args.push_back(sum());
      while (accept(","));
      if (!accept(")")) fail("missing ')' after arguments of " + name);
    }
    return call(name, args);
  }

  double call(const std::string& name, const std::vector<double>& a) const {
    static const std::map<std::string, double (*)(double)> unary_functions = {
        {"ceil", [](double x) { return std::ceil(x); }},
        {"floor", [](double x) { return std::floor(x); }},
        {"log2", [](double x) { return std::log2(x); }},
        {"sqrt", [](double x) { return std::sqrt(x); }},
        {"abs", [](double x) { return std::fabs(x); }},
    };
    if ((name == "min" || name == "max") && !a.empty()) {
      double v = a[0];
      for (double x : a) v = name == "min" ? std::min(v, x) : std::max(v, x);
      return v;
    }
    auto it = unary_functions.find(name);
    if (it == unary_functions.end()) fail("unknown function " + name);
    if (a.size() != 1) fail(name + " takes one argument");
    return it->second(a[0]);
  }

  const std::string& s_;
  const NameResolver& resolve_;
  const std::string& where_;
  size_t pos_ = 0;
};

}  // namespace

double evaluate_expression(const std::string& text, const NameResolver& resolve,
                           const std::string& where) {
  return Parser(text, resolve, where).parse();
}

}  // namespace cimloop::cim
