#include "compat/v04/jinja.hpp"

#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "compat/v04/expression.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat::v04 {

void RenderedText::append(const std::string& piece, const Origin& start) {
  if (piece.empty()) return;
  Origin current = start;
  if (text.empty() || text.back() == '\n') line_origins.push_back(current);
  for (char c : piece) {
    text += c;
    if (c == '\n') {
      ++current.line;
      line_origins.push_back(current);
    }
  }
}

void RenderedText::append(const RenderedText& other) {
  if (other.text.empty()) return;
  size_t line = 0;
  if (text.empty() || text.back() == '\n') line_origins.push_back(other.origin_of(0));
  for (char c : other.text) {
    text += c;
    if (c == '\n') line_origins.push_back(other.origin_of(static_cast<int>(++line)));
  }
}

Origin RenderedText::origin_of(int output_line) const {
  if (line_origins.empty()) return {};
  if (output_line < 0) output_line = 0;
  if (static_cast<size_t>(output_line) >= line_origins.size()) return line_origins.back();
  return line_origins[static_cast<size_t>(output_line)];
}

std::string read_text_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) throw InputError(path + ": is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read file");
  std::ostringstream content;
  // An empty file is no error, yet makes operator<< set failbit: only a read error counts.
  if (in.peek() != std::ifstream::traits_type::eof()) content << in.rdbuf();
  if (in.bad()) throw InputError(path + ": cannot read file");
  return content.str();
}

std::string directory_of(const std::string& path) {
  char resolved[PATH_MAX];
  const std::string absolute = realpath(path.c_str(), resolved) ? std::string(resolved) : path;
  const size_t slash = absolute.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : absolute.substr(0, slash);
}

std::vector<std::string> resolve_paths(const std::string& pattern, const std::string& calling_dir,
                                       const std::vector<std::string>& search_dirs) {
  std::vector<std::string> bases;
  if (!pattern.empty() && pattern[0] == '/') {
    bases.push_back("");
  } else {
    bases.push_back(calling_dir + "/");
    for (const std::string& dir : search_dirs) bases.push_back(dir + "/");
  }
  std::vector<std::string> found;
  for (const std::string& base : bases) {
    glob_t matches{};
    if (glob((base + pattern).c_str(), 0, nullptr, &matches) == 0) {
      for (size_t i = 0; i < matches.gl_pathc; ++i) {
        char resolved[PATH_MAX];
        if (!realpath(matches.gl_pathv[i], resolved)) continue;
        if (std::find(found.begin(), found.end(), resolved) == found.end()) found.emplace_back(resolved);
      }
    }
    globfree(&matches);
  }
  return found;
}

namespace {

struct TemplateNode {
  enum class Kind { Text, Output, Set, If } kind;
  std::string text;  // literal text, expression, or "name = expr"
  int line = 0;
  std::vector<std::pair<std::string, std::vector<TemplateNode>>> branches;  // If: (condition, body)
};

struct Piece {
  enum class Kind { Text, Output, Statement } kind;
  std::string text;
  int line;
};

class TemplateParser {
 public:
  TemplateParser(const std::string& file, std::string source) : file_(file), source_(std::move(source)) {}

  std::vector<TemplateNode> parse() {
    split();
    size_t pos = 0;
    std::vector<TemplateNode> nodes = block(pos, {});
    return nodes;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw InputError(file_ + ":" + std::to_string(line) + ": Jinja2: " + message);
  }
  static int count_lines(const std::string& text, size_t from, size_t to) {
    return static_cast<int>(std::count(text.begin() + static_cast<long>(from), text.begin() + static_cast<long>(to), '\n'));
  }

  size_t next_tag(size_t from) const {
    for (size_t open = source_.find('{', from); open != std::string::npos; open = source_.find('{', open + 1)) {
      if (open + 1 >= source_.size()) break;
      if (std::string("{%#").find(source_[open + 1]) != std::string::npos) return open;
    }
    return std::string::npos;
  }

  // Cuts the source into literal text and tags, applying `-` whitespace control.
  void split() {
    size_t pos = 0;
    int line = 1;
    bool strip_next = false;
    while (pos <= source_.size()) {
      const size_t open = next_tag(pos);
      std::string text = source_.substr(pos, open == std::string::npos ? std::string::npos : open - pos);
      int text_line = line;
      if (strip_next) {
        const size_t first = text.find_first_not_of(" \t\r\n");
        const size_t cut = first == std::string::npos ? text.size() : first;
        text_line += count_lines(text, 0, cut);
        text.erase(0, cut);
      }
      if (open == std::string::npos) {
        pieces_.push_back({Piece::Kind::Text, text, text_line});
        return;
      }
      line += count_lines(source_, pos, open);
      const char kind = source_[open + 1];
      const std::string close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
      const size_t end = source_.find(close, open + 2);
      if (end == std::string::npos) fail(line, "unclosed '{" + std::string(1, kind) + "'");
      std::string inner = source_.substr(open + 2, end - open - 2);
      if (!inner.empty() && inner.front() == '-') {
        inner.erase(0, 1);
        const size_t last = text.find_last_not_of(" \t\r\n");
        text.erase(last == std::string::npos ? 0 : last + 1);
      }
      strip_next = !inner.empty() && inner.back() == '-';
      if (strip_next) inner.pop_back();
      pieces_.push_back({Piece::Kind::Text, text, text_line});
      if (kind == '{') pieces_.push_back({Piece::Kind::Output, inner, line});
      if (kind == '%') pieces_.push_back({Piece::Kind::Statement, inner, line});
      line += count_lines(source_, open, end);
      pos = end + 2;
    }
  }

  static std::string trim(const std::string& text) {
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  }
  static std::string keyword(const std::string& statement) {
    const std::string t = trim(statement);
    return t.substr(0, t.find_first_of(" \t\r\n"));
  }

  // Parses nodes until one of `terminators` (returned through `pos`, not consumed).
  std::vector<TemplateNode> block(size_t& pos, const std::vector<std::string>& terminators) {
    std::vector<TemplateNode> nodes;
    while (pos < pieces_.size()) {
      const Piece& piece = pieces_[pos];
      if (piece.kind == Piece::Kind::Text) {
        if (!piece.text.empty()) nodes.push_back({TemplateNode::Kind::Text, piece.text, piece.line, {}});
        ++pos;
        continue;
      }
      if (piece.kind == Piece::Kind::Output) {
        nodes.push_back({TemplateNode::Kind::Output, trim(piece.text), piece.line, {}});
        ++pos;
        continue;
      }
      const std::string word = keyword(piece.text);
      if (std::find(terminators.begin(), terminators.end(), word) != terminators.end()) return nodes;
      const std::string rest = trim(trim(piece.text).substr(word.size()));
      ++pos;
      if (word == "set") {
        nodes.push_back({TemplateNode::Kind::Set, rest, piece.line, {}});
      } else if (word == "if") {
        nodes.push_back(conditional(pos, rest, piece.line));
      } else {
        fail(piece.line, "unsupported statement '{% " + word + " %}' (supported: set, if/elif/else/endif)");
      }
    }
    if (!terminators.empty()) fail(pieces_.empty() ? 1 : pieces_.back().line, "missing '{% endif %}'");
    return nodes;
  }

  TemplateNode conditional(size_t& pos, const std::string& first_condition, int line) {
    // Parsing, rendering and freeing recurse once per level: bounded so none overflows the stack.
    if (++if_depth_ > kMaxIfDepth) fail(line, "'{% if %}' nested more than " + std::to_string(kMaxIfDepth) + " deep");
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{if_depth_};
    TemplateNode node{TemplateNode::Kind::If, "", line, {}};
    std::string condition = first_condition;
    for (;;) {
      std::vector<TemplateNode> body = block(pos, {"elif", "else", "endif"});
      node.branches.emplace_back(condition, std::move(body));
      const std::string statement = trim(pieces_[pos].text);
      const std::string word = keyword(statement);
      ++pos;
      if (word == "endif") return node;
      condition = word == "else" ? "True" : trim(statement.substr(word.size()));
    }
  }

  std::string file_;
  std::string source_;
  std::vector<Piece> pieces_;
  int if_depth_ = 0;
  static constexpr int kMaxIfDepth = 100;
};

class TemplateRenderer {
 public:
  TemplateRenderer(const std::string& path, const TemplateContext& context, const IncludeHook& hook)
      : path_(path), context_(context), hook_(hook) {}

  RenderedText render() {
    std::string source = read_text_file(path_);
    if (!source.empty() && source.back() == '\n') source.pop_back();  // Jinja drops one trailing newline
    const std::vector<TemplateNode> nodes = TemplateParser(path_, source).parse();
    RenderedText out;
    render_nodes(nodes, out);
    return out;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw InputError(path_ + ":" + std::to_string(line) + ": Jinja2: " + message);
  }

  void render_nodes(const std::vector<TemplateNode>& nodes, RenderedText& out) {
    for (const TemplateNode& node : nodes) {
      switch (node.kind) {
        case TemplateNode::Kind::Text: out.append(node.text, {path_, node.line}); break;
        case TemplateNode::Kind::Output: output(node, out); break;
        case TemplateNode::Kind::Set: assign(node); break;
        case TemplateNode::Kind::If:
          for (const auto& [condition, body] : node.branches) {
            if (evaluate(condition, node.line).truthy()) {
              render_nodes(body, out);
              break;
            }
          }
          break;
      }
    }
  }

  void output(const TemplateNode& node, RenderedText& out) {
    const Value value = evaluate(node.text, node.line);
    if (value.rendered) out.append(*value.rendered);
    else out.append(value.str(), {path_, node.line});
  }

  void assign(const TemplateNode& node) {
    const size_t equals = node.text.find('=');
    const std::string name = equals == std::string::npos ? "" : node.text.substr(0, node.text.find_last_not_of(" \t", equals - 1) + 1);
    if (!is_identifier(name)) fail(node.line, "expected '{% set name = expression %}'");
    locals_[name] = evaluate(node.text.substr(equals + 1), node.line);
  }

  Value evaluate(const std::string& expression, int line) {
    ExpressionScope scope;
    scope.lookup = [this](const std::string& name) -> std::optional<Value> {
      if (auto local = locals_.find(name); local != locals_.end()) return local->second;
      if (auto global = context_.variables.find(name); global != context_.variables.end()) return global->second;
      return std::nullopt;
    };
    scope.call = [this](const std::string& name, const CallArguments& args) { return call(name, args); };
    try {
      Value value = evaluate_expression(expression, Dialect::Jinja, scope);
      if (value.kind == Value::Kind::Undefined) throw UnknownNameError(value.text);
      return value;
    } catch (const UnknownNameError& error) {
      fail(line, "'" + error.name() + "' is undefined (give it with --var " + error.name() + "=VALUE)");
    } catch (const ExpressionError& error) {
      fail(line, error.what());
    }
  }

  std::string text_arg(const std::string& function, const std::vector<Value>& args, size_t count) const {
    if (args.size() != count || args[0].kind != Value::Kind::String)
      throw ExpressionError(function + "() takes " + std::to_string(count) + " argument(s), the first a path");
    return args[0].text;
  }

  std::optional<Value> call(const std::string& name, const CallArguments& call) {
    static const std::set<std::string> kFunctions = {"cwd",  "add_to_path", "path_exists", "include_text", "include",
                                                     "include_all", "find_path", "find_paths", "setenv"};
    if (!kFunctions.count(name)) return std::nullopt;
    const std::vector<Value>& args = positional_only(name, call);
    if (name == "cwd") return Value::from_string(directory_of(path_));
    if (name == "add_to_path") {
      context_.search_dirs.push_back(text_arg(name, args, 1));
      return Value::from_string("");
    }
    if (name == "path_exists")
      return Value::from_bool(!resolve_paths(text_arg(name, args, 1), directory_of(path_), context_.search_dirs).empty());
    if (name == "include_text") {
      const std::string file = single_match(text_arg(name, args, 1));
      if (context_.include_text_depth >= 64) throw ExpressionError("include_text() nested more than 64 deep");
      TemplateContext inner = context_;
      ++inner.include_text_depth;
      Value text = Value::from_string("");
      auto rendered = std::make_shared<RenderedText>(TemplateRenderer(file, inner, hook_).render());
      text.text = rendered->text;
      text.rendered = rendered;
      return text;
    }
    if (name == "include" || name == "include_all") return hook_(name, args, path_, context_.search_dirs);
    if (name == "find_path") return Value::from_string(single_match(text_arg(name, args, 1)));
    if (name == "find_paths") {
      std::vector<Value> paths;
      for (const std::string& path : resolve_paths(text_arg(name, args, 1), directory_of(path_), context_.search_dirs))
        paths.push_back(Value::from_string(path));
      return Value::from_list(std::move(paths));
    }
    throw ExpressionError("setenv() is not supported by this reader");
  }

  std::string single_match(const std::string& pattern) const {
    const std::vector<std::string> found = resolve_paths(pattern, directory_of(path_), context_.search_dirs);
    if (found.size() != 1)
      throw ExpressionError("'" + pattern + "' matches " + std::to_string(found.size()) + " files, expected exactly one");
    return found[0];
  }

  std::string path_;
  TemplateContext context_;
  const IncludeHook& hook_;
  std::map<std::string, Value> locals_;
};

}  // namespace

RenderedText render_template_file(const std::string& path, const TemplateContext& context, const IncludeHook& hook) {
  return TemplateRenderer(path, context, hook).render();
}

}  // namespace cimloop::compat::v04
