// Tokenizer, recursive-descent parser (Python precedence) and evaluator for attribute
// expressions. Conditional and boolean operators evaluate lazily, as Python does, so
// `log2(depth) if depth >= 1 else 1` is safe for depth 0.
#include <cctype>
#include <memory>
#include <vector>

#include "compat/accelergy/expression.hpp"
#include "compat/accelergy/python_functions.hpp"

namespace cimloop::accelergy {
namespace {

struct Token {
  enum class Kind { number, string, name, op, end } kind;
  std::string text;
};

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::vector<Token> tokenize(std::string_view s) {
  static const char* const two_char_ops[] = {"**", "//", "==", "!=", "<=", ">="};
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == '_')) ++j;
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
          j = k;
          while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        }
      }
      tokens.push_back({Token::Kind::number, std::string(s.substr(i, j - i))});
      i = j;
    } else if (is_name_char(c)) {
      size_t j = i;
      while (j < s.size() && (is_name_char(s[j]) || (s[j] == '.' && j + 1 < s.size() && is_name_char(s[j + 1])))) ++j;
      tokens.push_back({Token::Kind::name, std::string(s.substr(i, j - i))});
      i = j;
    } else if (c == '"' || c == '\'') {
      size_t j = s.find(c, i + 1);
      if (j == std::string_view::npos) throw ExpressionError("unterminated string");
      tokens.push_back({Token::Kind::string, std::string(s.substr(i + 1, j - i - 1))});
      i = j + 1;
    } else {
      std::string op(1, c);
      for (const char* two : two_char_ops) {
        if (s.substr(i, 2) == two) op = two;
      }
      if (std::string_view("+-*/%()<>,").find(c) == std::string_view::npos && op.size() == 1) {
        throw ExpressionError(std::string("unexpected character '") + c + "'");
      }
      tokens.push_back({Token::Kind::op, op});
      i += op.size();
    }
  }
  tokens.push_back({Token::Kind::end, ""});
  return tokens;
}

struct Node;
using NodePtr = std::unique_ptr<Node>;
struct Node {
  enum class Kind { literal, name, unary, binary, boolean_and, boolean_or, boolean_not, conditional, call, compare_chain } kind;
  PyValue value;                 // literal
  std::string text;              // name / operator / function
  std::vector<NodePtr> children;
  std::vector<std::string> ops;  // comparison chain operators
};

NodePtr make(Node::Kind kind, std::string text = {}) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->text = std::move(text);
  return n;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  NodePtr parse_all() {
    NodePtr n = conditional();
    if (peek().kind != Token::Kind::end) throw ExpressionError("unexpected '" + peek().text + "'");
    return n;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  bool accept_op(std::string_view op) {
    if (peek().kind == Token::Kind::op && peek().text == op) return ++pos_, true;
    return false;
  }
  bool accept_word(std::string_view word) {
    if (peek().kind == Token::Kind::name && peek().text == word) return ++pos_, true;
    return false;
  }
  void expect_op(std::string_view op) {
    if (!accept_op(op)) throw ExpressionError("expected '" + std::string(op) + "'");
  }

  NodePtr conditional() {
    NodePtr value = or_test();
    if (!accept_word("if")) return value;
    NodePtr condition = or_test();
    if (!accept_word("else")) throw ExpressionError("expected 'else'");
    auto n = make(Node::Kind::conditional);
    n->children.push_back(std::move(condition));
    n->children.push_back(std::move(value));
    n->children.push_back(conditional());
    return n;
  }
  NodePtr or_test() { return boolean_chain(Node::Kind::boolean_or, "or", &Parser::and_test); }
  NodePtr and_test() { return boolean_chain(Node::Kind::boolean_and, "and", &Parser::not_test); }
  NodePtr boolean_chain(Node::Kind kind, std::string_view word, NodePtr (Parser::*next)()) {
    NodePtr left = (this->*next)();
    while (accept_word(word)) {
      auto n = make(kind);
      n->children.push_back(std::move(left));
      n->children.push_back((this->*next)());
      left = std::move(n);
    }
    return left;
  }
  NodePtr not_test() {
    if (!accept_word("not")) return comparison();
    auto n = make(Node::Kind::boolean_not);
    n->children.push_back(not_test());
    return n;
  }
  NodePtr comparison() {
    NodePtr first = arithmetic();
    auto chain = make(Node::Kind::compare_chain);
    chain->children.push_back(std::move(first));
    for (;;) {
      std::string op;
      for (const char* candidate : {"==", "!=", "<=", ">=", "<", ">"}) {
        if (op.empty() && accept_op(candidate)) op = candidate;
      }
      if (op.empty()) break;
      chain->ops.push_back(op);
      chain->children.push_back(arithmetic());
    }
    if (chain->ops.empty()) return std::move(chain->children[0]);
    return chain;
  }
  NodePtr binary_chain(std::initializer_list<const char*> ops, NodePtr (Parser::*next)()) {
    NodePtr left = (this->*next)();
    for (;;) {
      std::string matched;
      for (const char* op : ops) {
        if (matched.empty() && accept_op(op)) matched = op;
      }
      if (matched.empty()) return left;
      auto n = make(Node::Kind::binary, matched);
      n->children.push_back(std::move(left));
      n->children.push_back((this->*next)());
      left = std::move(n);
    }
  }
  NodePtr arithmetic() { return binary_chain({"+", "-"}, &Parser::term); }
  NodePtr term() { return binary_chain({"*", "/", "//", "%"}, &Parser::factor); }
  NodePtr factor() {
    for (const char* sign : {"-", "+"}) {
      if (accept_op(sign)) {
        auto n = make(Node::Kind::unary, sign);
        n->children.push_back(factor());
        return n;
      }
    }
    return power();
  }
  NodePtr power() {
    NodePtr base = atom();
    if (!accept_op("**")) return base;
    auto n = make(Node::Kind::binary, "**");
    n->children.push_back(std::move(base));
    n->children.push_back(factor());
    return n;
  }
  NodePtr atom() {
    Token t = peek();
    ++pos_;
    switch (t.kind) {
      case Token::Kind::number: {
        auto n = make(Node::Kind::literal);
        n->value = convert_plain_scalar(t.text);
        if (!n->value.is_numeric()) throw ExpressionError("bad number '" + t.text + "'");
        return n;
      }
      case Token::Kind::string: {
        auto n = make(Node::Kind::literal);
        n->value = PyValue::from_string(t.text, true);
        return n;
      }
      case Token::Kind::name: return name_or_call(t.text);
      case Token::Kind::op:
        if (t.text == "(") {
          NodePtr inner = conditional();
          expect_op(")");
          return inner;
        }
        throw ExpressionError("unexpected '" + t.text + "'");
      case Token::Kind::end: break;
    }
    throw ExpressionError("unexpected end of expression");
  }
  NodePtr name_or_call(const std::string& name) {
    if (name == "True" || name == "False" || name == "None") {
      auto n = make(Node::Kind::literal);
      n->value = name == "None" ? PyValue::none_value() : PyValue::from_bool(name == "True");
      return n;
    }
    if (!accept_op("(")) return make(Node::Kind::name, name);
    auto n = make(Node::Kind::call, name);
    if (!accept_op(")")) {
      do n->children.push_back(conditional());
      while (accept_op(","));
      expect_op(")");
    }
    return n;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

PyValue evaluate(const Node& n, const Scope& scope) {
  switch (n.kind) {
    case Node::Kind::literal: return n.value;
    case Node::Kind::name: {
      if (const PyValue* v = scope.find(n.text)) return *v;
      throw ExpressionError("name '" + n.text + "' is not defined");
    }
    case Node::Kind::unary: {
      PyValue v = evaluate(*n.children[0], scope);
      return n.text == "-" ? apply_python_operator("-", PyValue::from_int(0), v) : v;
    }
    case Node::Kind::binary:
      return apply_python_operator(n.text, evaluate(*n.children[0], scope), evaluate(*n.children[1], scope));
    case Node::Kind::boolean_and: {
      PyValue left = evaluate(*n.children[0], scope);
      return left.truthy() ? evaluate(*n.children[1], scope) : left;
    }
    case Node::Kind::boolean_or: {
      PyValue left = evaluate(*n.children[0], scope);
      return left.truthy() ? left : evaluate(*n.children[1], scope);
    }
    case Node::Kind::boolean_not: return PyValue::from_bool(!evaluate(*n.children[0], scope).truthy());
    case Node::Kind::conditional:
      return evaluate(*n.children[0], scope).truthy() ? evaluate(*n.children[1], scope) : evaluate(*n.children[2], scope);
    case Node::Kind::call: {
      std::vector<PyValue> args;
      for (const NodePtr& child : n.children) args.push_back(evaluate(*child, scope));
      return call_python_function(n.text, args);
    }
    case Node::Kind::compare_chain: {
      PyValue left = evaluate(*n.children[0], scope);
      for (size_t i = 0; i < n.ops.size(); ++i) {
        PyValue right = evaluate(*n.children[i + 1], scope);
        if (!apply_python_operator(n.ops[i], left, right).truthy()) return PyValue::from_bool(false);
        left = std::move(right);
      }
      return PyValue::from_bool(true);
    }
  }
  return {};
}

}  // namespace

PyValue evaluate_expression(std::string_view expression, const Scope& scope) {
  Parser parser(tokenize(expression));
  return evaluate(*parser.parse_all(), scope);
}

}  // namespace cimloop::accelergy
