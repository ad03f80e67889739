#include "compat/v04/spec_loader.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include <yaml-cpp/depthguard.h>

#include "compat/v04/expression.hpp"
#include "src/common/error.hpp"
#include "compat/v04/yaml_arena.hpp"

namespace cimloop::compat::v04 {
namespace {

const char* const kIncludeTag = "!include_loaded";

bool has_tag(const YAML::Node& node, const std::string& tag) { return node.Tag() == tag; }

YAML::Node with_tag_of(YAML::Node fresh, const YAML::Node& original) {
  const std::string& tag = original.Tag();
  if (!tag.empty() && tag != "?" && tag != "!") fresh.SetTag(tag);
  return fresh;
}

bool is_merge_key(const std::string& key) { return key == "<<" || key == "<<<"; }

}  // namespace

YAML::Node find_key(const YAML::Node& map, const std::string& key) {
  if (map.IsMap())
    for (const auto& entry : map)
      if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node deep_merge(const YAML::Node& target, const YAML::Node& source) {
  YAML::Node out = with_tag_of(fresh_node(YAML::NodeType::Map), target);
  for (const auto& entry : target) {
    const YAML::Node incoming = find_key(source, entry.first.Scalar());
    const YAML::Node& value = entry.second;
    const bool merge = incoming.IsDefined() && !has_tag(value, "!nomerge");
    if (merge && value.IsMap() && incoming.IsMap()) {
      out.force_insert(entry.first, deep_merge(value, incoming));
    } else if (merge && value.IsSequence() && incoming.IsSequence()) {
      YAML::Node joined = with_tag_of(fresh_node(YAML::NodeType::Sequence), value);
      for (const YAML::Node& item : value) joined.push_back(item);
      for (const YAML::Node& item : incoming) joined.push_back(item);
      out.force_insert(entry.first, joined);
    } else {
      out.force_insert(entry.first, value);
    }
  }
  for (const auto& entry : source)
    if (!find_key(target, entry.first.Scalar()).IsDefined()) out.force_insert(entry.first, entry.second);
  return out;
}

SpecLoader::SpecLoader(const std::map<std::string, std::string>& template_vars) {
  for (const auto& [name, value] : template_vars) context_.variables[name] = Value::from_string(value);
  hook_ = [this](const std::string& function, const std::vector<Value>& args, const std::string& calling_file,
                 const std::vector<std::string>& search_dirs) {
    for (const std::string& dir : search_dirs)
      if (std::find(search_dirs_.begin(), search_dirs_.end(), dir) == search_dirs_.end()) search_dirs_.push_back(dir);
    return include(function, args, calling_file, search_dirs);
  };
}

YAML::Node SpecLoader::load_file(const std::string& path) {
  if (entry_file_.empty()) entry_file_ = path;
  return load_document(path, context_.search_dirs);
}

YAML::Node SpecLoader::load_document(const std::string& path, const std::vector<std::string>& search_dirs) {
  if (++depth_ > kMaxIncludeDepth)
    throw InputError(path + ": include() nested more than " + std::to_string(kMaxIncludeDepth) + " deep (does a file include itself?)");
  struct Leave {
    int& depth;
    ~Leave() { --depth; }
  } leave{depth_};
  TemplateContext context = context_;
  context.search_dirs = search_dirs;
  const RenderedText rendered = render_template_file(path, context, hook_);
  // The document is parsed after as many blank lines as the shared line space already has,
  // so that its marks are unique line numbers of that space.
  const size_t offset = lines_.size();
  const size_t line_count = static_cast<size_t>(std::count(rendered.text.begin(), rendered.text.end(), '\n')) + 1;
  for (size_t i = 0; i < line_count; ++i) {
    Origin origin = rendered.origin_of(static_cast<int>(i));
    if (origin.file.empty()) origin = {path, static_cast<int>(i) + 1};
    lines_.push_back(origin);
  }
  std::istringstream text_lines(rendered.text);
  for (std::string line; texts_.size() < lines_.size();) texts_.push_back(std::getline(text_lines, line) ? line : "");
  YAML::Node parsed;
  try {
    // yaml-cpp needs a final newline after a flow collection at the end of the text.
    parsed = YAML::Load(std::string(offset, '\n') + rendered.text + "\n");
  } catch (const YAML::Exception& error) {
    const bool located = !error.mark.is_null() && error.mark.line >= 0 && static_cast<size_t>(error.mark.line) < lines_.size();
    const std::string where = located ? lines_[static_cast<size_t>(error.mark.line)].file + ":" +
                                            std::to_string(lines_[static_cast<size_t>(error.mark.line)].line)
                                      : path;
    // yaml-cpp reports its nesting limit as "bad file".
    if (const auto* deep = dynamic_cast<const YAML::DeepRecursion*>(&error))
      throw InputError(where + ": YAML syntax error: lists and mappings nested " + std::to_string(deep->depth()) +
                       " levels deep, beyond what the YAML reader allows");
    throw InputError(where + ": YAML syntax error: " + error.msg);
  }
  enclosing_.clear();
  deepest_ = 0;
  visited_ = 0;
  YAML::Node document = resolve(parsed, "");
  document_depth_ = deepest_;
  note_function_files(document, path, search_dirs);
  return document;
}

void SpecLoader::note_function_files(const YAML::Node& document, const std::string& path,
                                     const std::vector<std::string>& search_dirs) {
  const YAML::Node files = find_key(find_key(document, "globals"), "expression_custom_functions");
  if (!files.IsSequence()) return;  // malformed lists are reported where the globals are read
  std::vector<std::string> dirs = search_dirs;
  dirs.insert(dirs.end(), search_dirs_.begin(), search_dirs_.end());
  for (const YAML::Node& file : files) {
    if (!file.IsScalar()) continue;
    const std::vector<std::string> found = resolve_paths(file.Scalar(), directory_of(path), dirs);
    if (found.empty())
      fail(file, "globals.expression_custom_functions",
           "cannot find '" + file.Scalar() + "' beside " + path + " or in the add_to_path() folders");
    for (const std::string& match : found)
      if (std::find(function_files_.begin(), function_files_.end(), match) == function_files_.end())
        function_files_.push_back(match);
  }
}

Value SpecLoader::include(const std::string& function, const std::vector<Value>& args, const std::string& calling_file,
                          const std::vector<std::string>& search_dirs) {
  if (args.empty() || args.size() > 2 || args[0].kind != Value::Kind::String ||
      (args.size() == 2 && args[1].kind != Value::Kind::String))
    throw ExpressionError(function + "(path, 'key.path') expects one or two strings");
  const std::vector<std::string> files = resolve_paths(args[0].text, directory_of(calling_file), search_dirs);
  if (files.empty()) throw ExpressionError(function + "(): no file matches '" + args[0].text + "'");
  if (function == "include" && files.size() != 1)
    throw ExpressionError("include(): '" + args[0].text + "' matches " + std::to_string(files.size()) + " files");
  YAML::Node all = fresh_node(YAML::NodeType::Sequence);
  size_t depth = 0;
  for (const std::string& file : files) {
    YAML::Node value = load_document(file, search_dirs);
    depth = std::max(depth, document_depth_);
    std::istringstream path(args.size() == 2 ? args[1].text : "");
    for (std::string key; std::getline(path, key, '.');) {
      if (key.empty()) continue;
      YAML::Node child = find_key(value, key);
      if (!child.IsDefined()) throw ExpressionError(function + "(): '" + file + "' has no key '" + args[1].text + "'");
      value.reset(child);
    }
    all.push_back(value);
  }
  included_.push_back(function == "include" ? all[0] : all);
  included_depth_.push_back(depth + (function == "include" ? 0 : 1));
  return Value::from_string(std::string(kIncludeTag) + " " + std::to_string(included_.size() - 1));
}

// Guards the recursion over a document: an alias inside its own anchor (directly or through
// a merge key) would make the tree infinite, and nesting beyond the limit would overflow the
// stack of every recursive pass after this one.
YAML::Node SpecLoader::resolve(const YAML::Node& node, const std::string& key) {
  // Aliases of aliases expand exponentially ("billion laughs"): bounded, not run for hours.
  if (++visited_ > kMaxValues)
    fail(node, key.empty() ? "(document)" : key,
         "the document expands to more than " + std::to_string(kMaxValues) + " values through its aliases (*name)");
  const size_t depth = enclosing_.size();
  if (has_tag(node, kIncludeTag)) {
    const std::string& index = node.Scalar();
    if (index.empty() || index.size() > 9 || index.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(index) >= included_.size())
      fail(node, kIncludeTag, "is reserved for include() results");
    const size_t included = std::stoul(index);
    note_depth(node, key, depth + included_depth_[included]);
    return included_[included];
  }
  if (!node.IsSequence() && !node.IsMap()) return node;
  for (const YAML::Node& outer : enclosing_)
    if (outer.is(node))
      fail(node, key.empty() ? "(document)" : key,
           "a YAML alias (*name) refers to an anchor (&name) that contains it, directly or through a merge key "
           "('<<' or '<<<'): the value would be infinite");
  note_depth(node, key, depth + 1);
  enclosing_.push_back(node);
  YAML::Node resolved = node.IsMap() ? resolve_map(node) : resolve_sequence(node, key);
  enclosing_.pop_back();
  return resolved;
}

void SpecLoader::note_depth(const YAML::Node& node, const std::string& key, size_t depth) {
  if (depth > kMaxNesting)
    fail(node, key.empty() ? "(document)" : key,
         "lists and mappings nested more than " + std::to_string(kMaxNesting) + " levels deep (counting include()d files)");
  deepest_ = std::max(deepest_, depth);
}

YAML::Node SpecLoader::resolve_sequence(const YAML::Node& node, const std::string& key) {
  std::vector<YAML::Node> items;
  bool changed = false;
  for (const YAML::Node& item : node) {
    items.push_back(resolve(item, key));
    changed = changed || !items.back().is(item);
  }
  if (!changed) return node;  // untouched subtrees are shared, not copied (copies are slow)
  YAML::Node out = with_tag_of(fresh_node(YAML::NodeType::Sequence), node);
  for (const YAML::Node& item : items) out.push_back(item);
  return out;
}

YAML::Node SpecLoader::resolve_map(const YAML::Node& node) {
  std::vector<YAML::Node> values;
  std::set<std::string> keys;
  bool changed = false;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) fail(entry.first, "(key)", "a key must be a name, not a list, a mapping or null");
    const std::string key = entry.first.Scalar();
    if (!keys.insert(key).second) fail(entry.first, key, "duplicate key");
    values.push_back(is_merge_key(key) ? entry.second : resolve(entry.second, key));
    changed = changed || is_merge_key(key) || !values.back().is(entry.second);
  }
  if (!changed) return node;
  YAML::Node own = with_tag_of(fresh_node(YAML::NodeType::Map), node);
  YAML::Node shallow, deep;
  size_t index = 0;
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = values[index++];
    if (!is_merge_key(key)) {
      own.force_insert(entry.first, value);
      continue;
    }
    if (shallow.IsDefined() && !shallow.IsNull()) fail(entry.first, key, "at most one '<<' or '<<<' per mapping");
    if (deep.IsDefined() && !deep.IsNull()) fail(entry.first, key, "at most one '<<' or '<<<' per mapping");
    (key == "<<" ? shallow : deep).reset(merge_source(resolve(entry.second, key), key));
  }
  if (shallow.IsMap())
    for (const auto& entry : shallow)
      if (!find_key(own, entry.first.Scalar()).IsDefined()) own.force_insert(entry.first, entry.second);
  if (deep.IsMap()) return deep_merge(own, deep);
  return own;
}

// The value of a merge key: a map, or a list of maps combined in order (earlier ones win).
YAML::Node SpecLoader::merge_source(const YAML::Node& value, const std::string& key) const {
  if (value.IsMap()) return value;
  if (!value.IsSequence()) fail(value, key, "merge value must be a mapping or a list of mappings");
  YAML::Node combined = fresh_node(YAML::NodeType::Map);
  for (const YAML::Node& item : value) {
    if (!item.IsMap()) fail(item, key, "merge value must be a mapping or a list of mappings");
    combined.reset(deep_merge(combined, item));
  }
  return combined;
}

std::string SpecLoader::locate(const YAML::Node& node) const {
  if (!node.IsDefined()) return "";
  if (!node.Mark().is_null() && static_cast<size_t>(node.Mark().line) < lines_.size()) {
    const Origin& origin = lines_[static_cast<size_t>(node.Mark().line)];
    return origin.file + ":" + std::to_string(origin.line);
  }
  if (node.IsMap())
    for (const auto& entry : node)
      if (std::string where = locate(entry.second); !where.empty()) return where;
  if (node.IsSequence())
    for (const YAML::Node& item : node)
      if (std::string where = locate(item); !where.empty()) return where;
  return "";
}

bool SpecLoader::is_block_scalar(const YAML::Node& node) const {
  if (!node.IsScalar() || node.Mark().is_null() || node.Mark().line < 0) return false;
  const size_t line = static_cast<size_t>(node.Mark().line), column = static_cast<size_t>(node.Mark().column);
  return line < texts_.size() && column < texts_[line].size() && (texts_[line][column] == '|' || texts_[line][column] == '>');
}

std::string SpecLoader::file_of(const YAML::Node& node) const {
  const std::string where = locate(node);
  return where.substr(0, where.rfind(':'));
}

void SpecLoader::fail(const YAML::Node& node, const std::string& key, const std::string& message) const {
  // A computed node has no place in any file: the entry file stands for the specification.
  const std::string where = locate(node);
  throw InputError((where.empty() ? entry_file_.empty() ? std::string("v0.4 input") : entry_file_ : where) + ": " + key +
                   ": " + message);
}

}  // namespace cimloop::compat::v04
