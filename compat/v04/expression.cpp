#include "compat/v04/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "compat/v04/builtins.hpp"

namespace cimloop::compat::v04 {
namespace {

struct Token {
  enum class Kind { Number, String, Name, Op, End } kind;
  std::string text;
};

std::vector<Token> tokenize(const std::string& text) {
  static const char* const kOperators[] = {"**", "//", "==", "!=", "<=", ">=", "<", ">", "+", "-",
                                           "*",  "/",  "%",  "~",  "|",  "(",  ")", "[", "]", ",",
                                           "."};
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      size_t end = i;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '.' || text[end] == '_' ||
                                   ((text[end] == '+' || text[end] == '-') && (text[end - 1] == 'e' || text[end - 1] == 'E'))))
        ++end;
      tokens.push_back({Token::Kind::Number, text.substr(i, end - i)});
      i = end;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t end = i;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
      tokens.push_back({Token::Kind::Name, text.substr(i, end - i)});
      i = end;
      continue;
    }
    if (c == '\'' || c == '"') {
      std::string value;
      size_t end = i + 1;
      for (; end < text.size() && text[end] != c; ++end) {
        if (text[end] == '\\' && end + 1 < text.size()) {
          const char e = text[++end];
          value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        } else {
          value += text[end];
        }
      }
      if (end >= text.size()) throw ExpressionSyntaxError("unterminated string in '" + text + "'");
      tokens.push_back({Token::Kind::String, value});
      i = end + 1;
      continue;
    }
    bool matched = false;
    for (const char* op : kOperators) {
      const std::string candidate(op);
      if (text.compare(i, candidate.size(), candidate) == 0) {
        tokens.push_back({Token::Kind::Op, candidate});
        i += candidate.size();
        matched = true;
        break;
      }
    }
    if (!matched) throw ExpressionSyntaxError(std::string("unexpected character '") + c + "' in '" + text + "'");
  }
  tokens.push_back({Token::Kind::End, ""});
  return tokens;
}

// Syntax tree; evaluated after parsing so that `a if c else b` and `and`/`or` short-circuit.
struct Node {
  enum class Kind {
    Literal, Name, Unary, Binary, Compare, And, Or, Not, Ternary, Call, Filter, Index, List, IsDefined,
    CallValue,     // kids: callee expression (a function's name), arguments
    Comprehension  // op: loop variable; kids: item, iterable[, condition]
  } kind;
  std::string op;  // operator, function/filter name, or variable name
  Value literal;
  std::vector<std::unique_ptr<Node>> kids;
};
using NodePtr = std::unique_ptr<Node>;

NodePtr make(Node::Kind kind, std::string op = "", std::vector<NodePtr> kids = {}) {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  node->op = std::move(op);
  node->kids = std::move(kids);
  return node;
}

template <typename... T>
std::vector<NodePtr> kids(T&&... nodes) {
  std::vector<NodePtr> out;
  (out.push_back(std::move(nodes)), ...);
  return out;
}

class Parser {
 public:
  Parser(const std::string& text, Dialect dialect) : text_(text), tokens_(tokenize(text)), dialect_(dialect) {}

  NodePtr parse() {
    NodePtr node = ternary();
    if (peek().kind != Token::Kind::End) fail("unexpected '" + peek().text + "'");
    return node;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  bool accept(const std::string& text) {
    if (peek().kind != Token::Kind::String && peek().kind != Token::Kind::End && peek().text == text) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(const std::string& text) {
    if (!accept(text)) fail("expected '" + text + "'");
  }
  [[noreturn]] void fail(const std::string& what) const { throw ExpressionSyntaxError("syntax error in '" + text_ + "': " + what); }

  NodePtr ternary() {
    NodePtr value = or_expr();
    if (!accept("if")) return value;
    NodePtr condition = or_expr();
    if (!accept("else")) {
      if (dialect_ == Dialect::Python) fail("expected 'else'");
      return make(Node::Kind::Ternary, "", kids(std::move(condition), std::move(value), make_undefined()));
    }
    NodePtr otherwise = ternary();
    return make(Node::Kind::Ternary, "", kids(std::move(condition), std::move(value), std::move(otherwise)));
  }
  static NodePtr make_undefined() {
    auto node = make(Node::Kind::Literal);
    return node;
  }
  NodePtr or_expr() {
    NodePtr left = and_expr();
    while (accept("or")) left = make(Node::Kind::Or, "", kids(std::move(left), and_expr()));
    return left;
  }
  NodePtr and_expr() {
    NodePtr left = not_expr();
    while (accept("and")) left = make(Node::Kind::And, "", kids(std::move(left), not_expr()));
    return left;
  }
  NodePtr not_expr() {
    if (accept("not")) return make(Node::Kind::Not, "", kids(not_expr()));
    return comparison();
  }
  NodePtr comparison() {
    NodePtr left = concat();
    for (;;) {
      static const char* const kCompare[] = {"==", "!=", "<=", ">=", "<", ">", "in"};
      std::string op;
      for (const char* c : kCompare)
        if (accept(c)) { op = c; break; }
      if (op.empty() && peek().text == "not" && tokens_[pos_ + 1].text == "in") {
        pos_ += 2;
        op = "not in";
      }
      if (op.empty() && dialect_ == Dialect::Jinja && accept("is")) {
        const bool negated = accept("not");
        if (!accept("defined")) fail("only 'is defined' tests are supported");
        NodePtr test = make(Node::Kind::IsDefined, "", kids(std::move(left)));
        left = negated ? make(Node::Kind::Not, "", kids(std::move(test))) : std::move(test);
        continue;
      }
      if (op.empty()) return left;
      left = make(Node::Kind::Compare, op, kids(std::move(left), concat()));
    }
  }
  NodePtr concat() {
    NodePtr left = additive();
    while (dialect_ == Dialect::Jinja && accept("~")) left = make(Node::Kind::Binary, "~", kids(std::move(left), additive()));
    return left;
  }
  NodePtr additive() {
    NodePtr left = term();
    for (;;) {
      if (accept("+")) left = make(Node::Kind::Binary, "+", kids(std::move(left), term()));
      else if (accept("-")) left = make(Node::Kind::Binary, "-", kids(std::move(left), term()));
      else return left;
    }
  }
  NodePtr term() {
    NodePtr left = unary();
    for (;;) {
      std::string op;
      for (const char* c : {"*", "//", "/", "%"})
        if (accept(c)) { op = c; break; }
      if (op.empty()) return left;
      left = make(Node::Kind::Binary, op, kids(std::move(left), unary()));
    }
  }
  NodePtr unary() {
    if (accept("-")) return make(Node::Kind::Unary, "-", kids(unary()));
    if (accept("+")) return unary();
    return power();
  }
  NodePtr power() {
    NodePtr base = postfix();
    if (accept("**")) return make(Node::Kind::Binary, "**", kids(std::move(base), unary()));
    return base;
  }
  std::vector<NodePtr> arguments() {
    std::vector<NodePtr> args;
    if (accept(")")) return args;
    do args.push_back(ternary());
    while (accept(","));
    expect(")");
    return args;
  }
  NodePtr postfix() {
    NodePtr node = primary();
    for (;;) {
      if (accept("[")) {
        node = make(Node::Kind::Index, "", kids(std::move(node), ternary()));
        expect("]");
      } else if (dialect_ == Dialect::Python && accept("(")) {  // (f if c else g)(x)
        std::vector<NodePtr> args = kids(std::move(node));
        for (NodePtr& arg : arguments()) args.push_back(std::move(arg));
        node = make(Node::Kind::CallValue, "", std::move(args));
      } else if (dialect_ == Dialect::Jinja && accept("|")) {
        if (peek().kind != Token::Kind::Name) fail("expected a filter name after '|'");
        std::string name = tokens_[pos_++].text;
        std::vector<NodePtr> args = kids(std::move(node));
        if (accept("("))
          for (NodePtr& arg : arguments()) args.push_back(std::move(arg));
        node = make(Node::Kind::Filter, name, std::move(args));
      } else {
        return node;
      }
    }
  }
  NodePtr primary() {
    const Token token = peek();
    if (token.kind == Token::Kind::End) fail("unexpected end");
    ++pos_;
    if (token.kind == Token::Kind::Number) {
      NodePtr node = make(Node::Kind::Literal);
      char* end = nullptr;
      const bool is_int = token.text.find_first_of(".eE") == std::string::npos;
      if (is_int) node->literal = Value::from_int(std::strtoll(token.text.c_str(), &end, 10));
      else node->literal = Value::from_float(std::strtod(token.text.c_str(), &end));
      if (*end != '\0') fail("bad number '" + token.text + "'");
      return node;
    }
    if (token.kind == Token::Kind::String) {
      NodePtr node = make(Node::Kind::Literal);
      node->literal = Value::from_string(token.text);
      return node;
    }
    if (token.kind == Token::Kind::Name) return name_or_call(token.text);
    if (token.text == "(") {
      NodePtr inner = ternary();
      expect(")");
      return inner;
    }
    if (token.text == "[") {
      std::vector<NodePtr> items;
      if (!accept("]")) {
        items.push_back(ternary());
        if (accept("for")) return comprehension(std::move(items[0]));
        while (accept(",")) items.push_back(ternary());
        expect("]");
      }
      return make(Node::Kind::List, "", std::move(items));
    }
    fail("unexpected '" + token.text + "'");
  }
  // [item for name in iterable if condition], after `for`.
  NodePtr comprehension(NodePtr item) {
    if (peek().kind != Token::Kind::Name) fail("expected a loop variable after 'for'");
    std::string variable = tokens_[pos_++].text;
    expect("in");
    std::vector<NodePtr> parts = kids(std::move(item), or_expr());
    if (accept("if")) parts.push_back(or_expr());
    expect("]");
    return make(Node::Kind::Comprehension, std::move(variable), std::move(parts));
  }
  NodePtr name_or_call(const std::string& name) {
    NodePtr node = make(Node::Kind::Literal);
    if (name == "True" || name == "true") node->literal = Value::from_bool(true);
    else if (name == "False" || name == "false") node->literal = Value::from_bool(false);
    else if (name == "None" || name == "none") node->literal = Value::none();
    else if (accept("(")) return make(Node::Kind::Call, name, arguments());
    else return make(Node::Kind::Name, name);
    return node;
  }

  std::string text_;
  std::vector<Token> tokens_;
  Dialect dialect_;
  size_t pos_ = 0;
};

class Evaluator {
 public:
  Evaluator(Dialect dialect, const ExpressionScope& scope) : dialect_(dialect), scope_(scope) {}

  Value eval(const Node& node) const {
    switch (node.kind) {
      case Node::Kind::Literal: return node.literal;
      case Node::Kind::Name: return name(node.op);
      case Node::Kind::List: {
        std::vector<Value> items;
        for (const NodePtr& kid : node.kids) items.push_back(defined(eval(*kid)));
        return Value::from_list(std::move(items));
      }
      case Node::Kind::Not: return Value::from_bool(!defined(eval(*node.kids[0])).truthy());
      case Node::Kind::And: {
        Value left = defined(eval(*node.kids[0]));
        return left.truthy() ? defined(eval(*node.kids[1])) : left;
      }
      case Node::Kind::Or: {
        Value left = defined(eval(*node.kids[0]));
        return left.truthy() ? left : defined(eval(*node.kids[1]));
      }
      case Node::Kind::Ternary:
        return defined(eval(*node.kids[0])).truthy() ? eval(*node.kids[1]) : eval(*node.kids[2]);
      case Node::Kind::IsDefined: return Value::from_bool(eval(*node.kids[0]).kind != Value::Kind::Undefined);
      case Node::Kind::Unary: return negate(defined(eval(*node.kids[0])));
      case Node::Kind::Binary:
        return binary(node.op, defined(eval(*node.kids[0])), defined(eval(*node.kids[1])));
      case Node::Kind::Compare:
        return Value::from_bool(compare(node.op, defined(eval(*node.kids[0])), defined(eval(*node.kids[1]))));
      case Node::Kind::Index: return index(defined(eval(*node.kids[0])), defined(eval(*node.kids[1])));
      case Node::Kind::Call: return call(node);
      case Node::Kind::CallValue: return call_value(node);
      case Node::Kind::Comprehension: return comprehension(node);
      case Node::Kind::Filter: return filter(node);
    }
    return Value();
  }

 private:
  Value name(const std::string& text) const {
    if (scope_.lookup)
      if (std::optional<Value> value = scope_.lookup(text)) return *value;
    if (dialect_ == Dialect::Jinja) {
      Value undefined;
      undefined.text = text;  // remembered for the error message
      return undefined;
    }
    throw UnknownNameError(text);
  }
  static Value defined(Value value) {
    if (value.kind == Value::Kind::Undefined) throw UnknownNameError(value.text);
    return value;
  }
  // Python passes functions as values (`sum_map(f, xs)`, `(f if c else g)(x)`): in a callee or
  // argument position, a name that is not a variable stands for the function of that name.
  // Only the scope's own functions may receive such a reference; anywhere else the name is
  // unknown, as before.
  struct Argument {
    Value value;
    bool unresolved_name = false;
  };
  Argument argument(const Node& node) const {
    if (dialect_ == Dialect::Python && node.kind == Node::Kind::Name) {
      std::optional<Value> value = scope_.lookup ? scope_.lookup(node.op) : std::nullopt;
      if (value) return {*value};
      return {Value::from_string(node.op), true};
    }
    if (dialect_ == Dialect::Python && node.kind == Node::Kind::Ternary)
      return argument(*node.kids[defined(eval(*node.kids[0])).truthy() ? 1 : 2]);
    return {defined(eval(node))};
  }
  Value call(const Node& node) const {
    std::vector<Argument> args;
    for (const NodePtr& kid : node.kids) args.push_back(argument(*kid));
    return call_named(node.op, args);
  }
  Value call_value(const Node& node) const {
    const Argument callee = argument(*node.kids[0]);
    if (callee.value.kind != Value::Kind::String)
      throw ExpressionError("'" + callee.value.str() + "' is not callable");
    std::vector<Argument> args;
    for (size_t i = 1; i < node.kids.size(); ++i) args.push_back(argument(*node.kids[i]));
    try {
      return call_named(callee.value.text, args);
    } catch (const UnknownNameError&) {
      throw;
    } catch (const ExpressionError&) {
      if (callee.unresolved_name) throw UnknownNameError(callee.value.text);
      throw;
    }
  }
  Value call_named(const std::string& function, const std::vector<Argument>& args) const {
    std::vector<Value> values;
    const Argument* unresolved = nullptr;
    for (const Argument& arg : args) {
      values.push_back(arg.value);
      if (arg.unresolved_name && !unresolved) unresolved = &arg;
    }
    if (scope_.call) {
      try {
        if (std::optional<Value> value = scope_.call(function, values)) return *value;
      } catch (const ExpressionError&) {
        if (unresolved) throw UnknownNameError(unresolved->value.text);
        throw;
      }
    }
    if (unresolved) throw UnknownNameError(unresolved->value.text);
    if (std::optional<Value> value = call_builtin(function, values)) return *value;
    throw ExpressionError("unknown function '" + function + "'");
  }
  Value comprehension(const Node& node) const {
    const Value iterable = defined(eval(*node.kids[1]));
    if (iterable.kind != Value::Kind::List) throw ExpressionError("can only iterate over a list");
    std::vector<Value> items;
    for (const Value& element : iterable.items) {
      ExpressionScope inner = scope_;
      inner.lookup = [&](const std::string& name) -> std::optional<Value> {
        if (name == node.op) return element;
        return scope_.lookup ? scope_.lookup(name) : std::nullopt;
      };
      const Evaluator body(dialect_, inner);
      if (node.kids.size() > 2 && !defined(body.eval(*node.kids[2])).truthy()) continue;
      items.push_back(defined(body.eval(*node.kids[0])));
    }
    return Value::from_list(std::move(items));
  }
  Value filter(const Node& node) const {
    Value subject = eval(*node.kids[0]);
    if (node.op == "default" || node.op == "d") {
      if (subject.kind != Value::Kind::Undefined) return subject;
      return node.kids.size() > 1 ? defined(eval(*node.kids[1])) : Value::from_string("");
    }
    std::vector<Value> args{defined(subject)};
    for (size_t i = 1; i < node.kids.size(); ++i) args.push_back(defined(eval(*node.kids[i])));
    const std::string function = node.op == "string" ? "str" : node.op == "length" ? "len" : node.op;
    if (function == "int" || function == "float" || function == "str" || function == "len" || function == "abs" ||
        function == "round")
      if (std::optional<Value> value = call_builtin(function, args)) return *value;
    if (function == "indent") return indent(args);
    throw ExpressionError("unsupported Jinja filter '" + node.op + "'");
  }
  // Jinja's indent(width=4, first=False): every line but the first (unless `first`) gets
  // `width` spaces; blank lines stay blank.
  static Value indent(const std::vector<Value>& args) {
    const long long width = args.size() > 1 ? args[1].as_int() : 4;
    const bool first = args.size() > 2 && args[2].truthy();
    const std::string pad(static_cast<size_t>(std::max(0LL, width)), ' ');
    const std::string text = args[0].str();
    std::string out;
    bool line_start = first;
    for (char c : text) {
      if (line_start && c != '\n') out += pad;
      out += c;
      line_start = c == '\n';
    }
    return Value::from_string(out);
  }

  Dialect dialect_;
  const ExpressionScope& scope_;
};

}  // namespace

Value evaluate_expression(const std::string& text, Dialect dialect, const ExpressionScope& scope) {
  Parser parser(text, dialect);
  NodePtr tree = parser.parse();
  return Evaluator(dialect, scope).eval(*tree);
}

Value evaluate_cached_expression(const std::string& text, Dialect dialect, const ExpressionScope& scope) {
  thread_local std::unordered_map<std::string, NodePtr> trees[2];
  NodePtr& tree = trees[dialect == Dialect::Python ? 0 : 1][text];
  if (!tree) tree = Parser(text, dialect).parse();  // after a syntax error: parsed again next time
  return Evaluator(dialect, scope).eval(*tree);
}

bool is_identifier(const std::string& text) {
  if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) return false;
  for (char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace cimloop::compat::v04
