#include "compat/v04/expression.hpp"

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <unordered_map>

#include "compat/v04/builtins.hpp"

namespace cimloop::compat::v04 {
namespace {

struct Token {
  enum class Kind { Number, String, FString, Name, Op, End } kind;
  std::string text;
};

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }

std::vector<Token> tokenize(const std::string& text) {
  static const char* const kOperators[] = {"**", "//", "==", "!=", "<=", ">=", "<", ">", "+", "-",
                                           "*",  "/",  "%",  "~",  "|",  "(",  ")", "[", "]", ",",
                                           "{",  "}",  ":",
                                           ".",  "="};
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
    if ((c == 'f' || c == 'F') && i + 1 < text.size() && (text[i + 1] == '\'' || text[i + 1] == '"')) {
      // f-string: its text is kept as written; the parser splits out the {expressions}.
      const char quote = text[i + 1];
      const size_t end = text.find(quote, i + 2);
      if (end == std::string::npos) throw ExpressionSyntaxError("unterminated string in '" + text + "'");
      tokens.push_back({Token::Kind::FString, text.substr(i + 2, end - i - 2)});
      i = end + 1;
      continue;
    }
    if (is_name_start(c)) {
      // Dotted names (`math.log2`) are one name.
      size_t end = i;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
                                   (text[end] == '.' && end + 1 < text.size() && is_name_start(text[end + 1]))))
        ++end;
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
    Literal, Name, Unary, Binary, Compare, And, Or, Not, Ternary, Call, Filter, Index, List, Dict, IsDefined, Comprehension,
    CallValue  // `(f if c else g)(x)`: kids are the callee (a function value), then the arguments
  } kind;
  std::string op;  // operator, function/filter name, or variable name
  Value literal;
  std::vector<std::unique_ptr<Node>> kids;
  // Call/Filter: keyword names of the last kids (the others are positional).
  // Compare: the operators of the chain `a < b <= c` between the kids.
  // Comprehension: the loop's target names; kids are element, iterable[, condition].
  std::vector<std::string> names;
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

  // Every recursion of the grammar passes through ternary() or a prefix/right-associative
  // operator: nesting is bounded there so that parsing, evaluating and freeing the tree
  // cannot overflow the stack.
  struct Nested {
    explicit Nested(Parser& parser) : depth(++parser.depth_) {
      if (depth > kMaxNesting)
        throw ExpressionError("expression nested more than " + std::to_string(kMaxNesting) + " levels deep");
    }
    ~Nested() { --depth; }
    int& depth;
  };
  static constexpr int kMaxNesting = 200;

  NodePtr ternary() {
    const Nested nested(*this);
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
    if (accept("not")) {
      const Nested nested(*this);
      return make(Node::Kind::Not, "", kids(not_expr()));
    }
    return comparison();
  }
  NodePtr comparison() {
    NodePtr left = concat();
    NodePtr chain;
    for (;;) {
      static const char* const kCompare[] = {"==", "!=", "<=", ">=", "<", ">", "in"};
      std::string op;
      for (const char* c : kCompare)
        if (accept(c)) { op = c; break; }
      if (op.empty() && peek().text == "not" && tokens_[pos_ + 1].text == "in") {
        pos_ += 2;
        op = "not in";
      }
      if (op.empty() && !chain && dialect_ == Dialect::Jinja && accept("is")) {
        const bool negated = accept("not");
        if (!accept("defined")) fail("only 'is defined' tests are supported");
        NodePtr test = make(Node::Kind::IsDefined, "", kids(std::move(left)));
        left = negated ? make(Node::Kind::Not, "", kids(std::move(test))) : std::move(test);
        continue;
      }
      if (op.empty()) return chain ? std::move(chain) : std::move(left);
      if (!chain) chain = make(Node::Kind::Compare, "", kids(std::move(left)));
      chain->names.push_back(op);
      chain->kids.push_back(concat());
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
    if (accept("-")) {
      const Nested nested(*this);
      return make(Node::Kind::Unary, "-", kids(unary()));
    }
    if (accept("+")) {
      const Nested nested(*this);
      return unary();
    }
    return power();
  }
  NodePtr power() {
    NodePtr base = postfix();
    if (!accept("**")) return base;
    const Nested nested(*this);
    return make(Node::Kind::Binary, "**", kids(std::move(base), unary()));
  }
  // After '(': positional arguments, then `name=value` keywords (Python's order), or one
  // generator expression.
  NodePtr arguments(Node::Kind kind, const std::string& function, std::vector<NodePtr> args = {}) {
    NodePtr call = make(kind, function, std::move(args));
    if (accept(")")) return call;
    do {
      if (peek().kind == Token::Kind::Name && tokens_[pos_ + 1].kind == Token::Kind::Op && tokens_[pos_ + 1].text == "=") {
        const std::string name = tokens_[pos_].text;
        pos_ += 2;
        if (std::find(call->names.begin(), call->names.end(), name) != call->names.end())
          fail("keyword argument repeated: '" + name + "'");
        call->names.push_back(name);
        call->kids.push_back(ternary());
        continue;
      }
      if (!call->names.empty()) fail("positional argument follows keyword argument");
      NodePtr argument = ternary();
      if (peek().text == "for" && peek().kind == Token::Kind::Name) argument = comprehension(std::move(argument));
      call->kids.push_back(std::move(argument));
    } while (accept(","));
    expect(")");
    return call;
  }
  // `element for a[, b] in iterable [if condition]`, after the element.
  NodePtr comprehension(NodePtr element) {
    expect("for");
    NodePtr node = make(Node::Kind::Comprehension, "", kids(std::move(element)));
    do {
      if (peek().kind != Token::Kind::Name) fail("expected a name after 'for'");
      node->names.push_back(tokens_[pos_++].text);
    } while (accept(","));
    expect("in");
    node->kids.push_back(or_expr());
    if (accept("if")) node->kids.push_back(or_expr());
    return node;
  }
  NodePtr postfix() {
    NodePtr node = primary();
    for (;;) {
      if (accept("[")) {
        node = make(Node::Kind::Index, "", kids(std::move(node), ternary()));
        expect("]");
      } else if (dialect_ == Dialect::Python && accept("(")) {
        node = arguments(Node::Kind::CallValue, "", kids(std::move(node)));
      } else if (dialect_ == Dialect::Jinja && accept("|")) {
        if (peek().kind != Token::Kind::Name) fail("expected a filter name after '|'");
        std::string name = tokens_[pos_++].text;
        if (accept("(")) node = arguments(Node::Kind::Filter, name, kids(std::move(node)));
        else node = make(Node::Kind::Filter, name, kids(std::move(node)));
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
      errno = 0;
      const long long integer = is_int ? std::strtoll(token.text.c_str(), &end, 10) : 0;
      // An int literal beyond 64 bits is read as the nearest float, as the YAML scalars are.
      if (is_int && errno != ERANGE) node->literal = Value::from_int(integer);
      else node->literal = Value::from_float(std::strtod(token.text.c_str(), &end));
      if (*end != '\0') fail("bad number '" + token.text + "'");
      return node;
    }
    if (token.kind == Token::Kind::String) {
      NodePtr node = make(Node::Kind::Literal);
      node->literal = Value::from_string(token.text, true);
      return node;
    }
    if (token.kind == Token::Kind::FString) return formatted_string(token.text);
    if (token.kind == Token::Kind::Name) return name_or_call(token.text);
    if (token.text == "(") {
      NodePtr inner = ternary();
      expect(")");
      return inner;
    }
    if (token.text == "[") {
      std::vector<NodePtr> items;
      if (accept("]")) return make(Node::Kind::List);
      items.push_back(ternary());
      if (peek().text == "for" && peek().kind == Token::Kind::Name) {
        NodePtr node = comprehension(std::move(items[0]));
        expect("]");
        return node;
      }
      while (accept(",")) items.push_back(ternary());
      expect("]");
      return make(Node::Kind::List, "", std::move(items));
    }
    if (token.text == "{" && dialect_ == Dialect::Python) {
      // {key: value, ...}: kids alternate keys and values
      NodePtr dict = make(Node::Kind::Dict);
      while (!accept("}")) {
        dict->kids.push_back(ternary());
        expect(":");
        dict->kids.push_back(ternary());
        if (!accept(",")) {
          expect("}");
          break;
        }
      }
      return dict;
    }
    fail("unexpected '" + token.text + "'");
  }
  // f"X={INPUT_BITS}": the literal parts and str() of each {expression}, concatenated.
  NodePtr formatted_string(const std::string& text) {
    NodePtr result = literal_string("");
    std::string literal;
    for (size_t i = 0; i < text.size(); ++i) {
      if ((text[i] == '{' || text[i] == '}') && i + 1 < text.size() && text[i + 1] == text[i]) {
        literal += text[i++];
        continue;
      }
      if (text[i] == '}') fail("single '}' is not allowed in an f-string");
      if (text[i] != '{') {
        literal += text[i];
        continue;
      }
      size_t depth = 1, end = i + 1;
      for (; end < text.size() && depth > 0; ++end) depth += text[end] == '{' ? 1 : text[end] == '}' ? -1 : 0;
      if (depth > 0) fail("f-string: expecting '}'");
      const std::string inner = text.substr(i + 1, end - i - 2);
      if (inner.find_first_of("!:") != std::string::npos && inner.find("!=") == std::string::npos)
        fail("f-string conversions and format specifications are not supported: {" + inner + "}");
      result = make(Node::Kind::Binary, "+", kids(std::move(result), literal_string(literal)));
      literal.clear();
      result = make(Node::Kind::Binary, "+", kids(std::move(result), make(Node::Kind::Call, "str", kids(Parser(inner, dialect_).parse()))));
      i = end - 1;
    }
    return make(Node::Kind::Binary, "+", kids(std::move(result), literal_string(literal)));
  }
  static NodePtr literal_string(const std::string& text) {
    NodePtr node = make(Node::Kind::Literal);
    node->literal = Value::from_string(text);
    return node;
  }

  NodePtr name_or_call(const std::string& name) {
    NodePtr node = make(Node::Kind::Literal);
    if (name == "True" || name == "true") node->literal = Value::from_bool(true);
    else if (name == "False" || name == "false") node->literal = Value::from_bool(false);
    else if (name == "None" || name == "none") node->literal = Value::none();
    else if (accept("(")) return arguments(Node::Kind::Call, name);
    else return make(Node::Kind::Name, name);
    return node;
  }

  std::string text_;
  std::vector<Token> tokens_;
  Dialect dialect_;
  size_t pos_ = 0;
  int depth_ = 0;  // see Nested
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
      case Node::Kind::Dict: {
        std::vector<std::pair<std::string, Value>> entries;
        for (size_t i = 0; i + 1 < node.kids.size(); i += 2) {
          const Value key = defined(eval(*node.kids[i]));
          if (key.kind != Value::Kind::String) throw ExpressionError("dict keys must be strings here, got " + key.repr());
          Value value = defined(eval(*node.kids[i + 1]));
          auto same = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == key.text; });
          if (same != entries.end()) same->second = std::move(value);
          else entries.emplace_back(key.text, std::move(value));
        }
        return Value::from_dict(entries);
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
      case Node::Kind::Compare: return compare_chain(node);
      case Node::Kind::Index: return index(defined(eval(*node.kids[0])), defined(eval(*node.kids[1])));
      case Node::Kind::Call: return call(node);
      case Node::Kind::Filter: return filter(node);
      case Node::Kind::Comprehension: return comprehension(node);
      case Node::Kind::CallValue: return call_value(node);
    }
    return Value();
  }

 private:
  // A variable of the scope or a math constant; `a.b` is member b of dict a (the tokens of
  // a dotted name are one name).
  std::optional<Value> variable(const std::string& text) const {
    if (scope_.lookup)
      if (std::optional<Value> value = scope_.lookup(text)) return value;
    if (std::optional<Value> constant = math_constant(text)) return constant;
    const size_t dot = text.rfind('.');
    if (dot == std::string::npos || dialect_ != Dialect::Python) return std::nullopt;
    const std::optional<Value> owner = variable(text.substr(0, dot));
    if (!owner || owner->kind != Value::Kind::Dict) return std::nullopt;
    const Value* member = owner->member(text.substr(dot + 1));
    if (!member) throw ExpressionError("'dict' object has no attribute '" + text.substr(dot + 1) + "'");
    return *member;
  }
  // Python: a name not bound to a value may name a function of the scope or a built-in.
  bool is_function_name(const std::string& text) const {
    if (dialect_ != Dialect::Python) return false;
    if (scope_.has_function && scope_.has_function(text)) return true;
    return is_builtin_function(text.rfind("math.", 0) == 0 ? text.substr(5) : text);
  }
  Value name(const std::string& text) const {
    if (std::optional<Value> value = variable(text)) return *value;
    if (is_function_name(text)) return Value::function(text, text);
    if (dialect_ == Dialect::Jinja) {
      Value undefined;
      undefined.text = text;  // remembered for the error message
      return undefined;
    }
    throw UnknownNameError(text);
  }
  // Python's `a < b < c`: each operand evaluated once, stopping at the first false link.
  Value compare_chain(const Node& node) const {
    Value left = defined(eval(*node.kids[0]));
    for (size_t i = 0; i < node.names.size(); ++i) {
      Value right = defined(eval(*node.kids[i + 1]));
      if (!compare(node.names[i], left, right)) return Value::from_bool(false);
      left = std::move(right);
    }
    return Value::from_bool(true);
  }
  static Value defined(Value value) {
    if (value.kind == Value::Kind::Undefined) throw UnknownNameError(value.text);
    return value;
  }
  // The kids of a call or filter from `first` on, split into positional and keyword values.
  CallArguments arguments(const Node& node, size_t first) const {
    CallArguments args;
    const size_t positional = node.kids.size() - node.names.size();
    for (size_t i = first; i < node.kids.size(); ++i) {
      Value value = defined(eval(*node.kids[i]));
      if (i < positional) args.positional.push_back(std::move(value));
      else args.keywords.emplace_back(node.names[i - positional], std::move(value));
    }
    return args;
  }
  // `f(x)`: a variable holding a function calls that function (CiMLoop's
  // `_IN_ENC_FN(INPUTS_HIST)`); any other name is looked up among the functions.
  Value call(const Node& node) const {
    if (dialect_ == Dialect::Python)
      if (std::optional<Value> bound = scope_.lookup ? scope_.lookup(node.op) : std::nullopt)
        return call_function_value(*bound, arguments(node, 0));
    return call_named(node.op, arguments(node, 0));
  }
  Value call_value(const Node& node) const {
    const Value callee = defined(eval(*node.kids[0]));
    return call_function_value(callee, arguments(node, 1));
  }
  Value call_function_value(const Value& callee, const CallArguments& args) const {
    if (!callee.is_function()) throw ExpressionError("'" + callee.str() + "' is not callable");
    return call_named(callee.text, args);
  }
  Value call_named(const std::string& function, CallArguments args) const {
    const FunctionInvoker invoke = [this](const Value& callee, const CallArguments& inner) {
      return call_function_value(callee, inner);
    };
    args.invoke = &invoke;
    if (scope_.call)
      if (std::optional<Value> value = scope_.call(function, args)) return *value;
    const bool math_module = function.rfind("math.", 0) == 0;
    if (std::optional<Value> value = call_builtin(math_module ? function.substr(5) : function, args)) return *value;
    if (dialect_ == Dialect::Python && !is_function_name(function)) throw UnknownNameError(function);
    throw ExpressionError("unknown function '" + function + "'");
  }
  // A generator or list comprehension, evaluated eagerly to a list.
  Value comprehension(const Node& node) const {
    const Value iterable = defined(eval(*node.kids[1]));
    if (iterable.kind != Value::Kind::List) throw ExpressionError("cannot iterate over '" + iterable.str() + "'");
    std::map<std::string, Value> bound;
    ExpressionScope inner = scope_;
    inner.lookup = [&bound, this](const std::string& name) -> std::optional<Value> {
      if (const auto found = bound.find(name); found != bound.end()) return found->second;
      return scope_.lookup ? scope_.lookup(name) : std::nullopt;
    };
    const Evaluator body(dialect_, inner);
    std::vector<Value> out;
    for (const Value& item : iterable.items) {
      bind_targets(node.names, item, bound);
      if (node.kids.size() > 2 && !defined(body.eval(*node.kids[2])).truthy()) continue;
      out.push_back(defined(body.eval(*node.kids[0])));
    }
    return Value::from_list(std::move(out));
  }
  static void bind_targets(const std::vector<std::string>& names, const Value& item, std::map<std::string, Value>& bound) {
    if (names.size() == 1) {
      bound[names[0]] = item;
      return;
    }
    if (item.kind != Value::Kind::List || item.items.size() != names.size())
      throw ExpressionError("cannot unpack '" + item.str() + "' into " + std::to_string(names.size()) + " names");
    for (size_t i = 0; i < names.size(); ++i) bound[names[i]] = item.items[i];
  }
  Value filter(const Node& node) const {
    Value subject = eval(*node.kids[0]);
    if (node.op == "default" || node.op == "d") {
      if (subject.kind != Value::Kind::Undefined) return subject;
      const std::vector<Value> args = positional_only(node.op, arguments(node, 1));
      return args.empty() ? Value::from_string("") : args[0];
    }
    CallArguments args = arguments(node, 1);
    args.positional.insert(args.positional.begin(), defined(subject));
    const std::string function = node.op == "string" ? "str" : node.op == "length" ? "len" : node.op;
    if (function == "int" || function == "float" || function == "str" || function == "len" || function == "abs" ||
        function == "round")
      if (std::optional<Value> value = call_builtin(function, args)) return *value;
    if (function == "indent") return indent(args);
    throw ExpressionError("unsupported Jinja filter '" + node.op + "'");
  }
  // Jinja's indent(width=4, first=False): every line but the first (unless `first`) gets
  // `width` spaces; blank lines stay blank.
  static Value indent(const CallArguments& call) {
    const auto args = bind_arguments({"indent", {"s", "width", "first"}, 1}, call);
    const long long width = args[1] ? args[1]->as_int() : 4;
    const bool first = args[2] && args[2]->truthy();
    const std::string pad(static_cast<size_t>(std::max(0LL, width)), ' ');
    const std::string text = args[0]->str();
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
