#pragma once
// Loading raw v0.4 files: every file is rendered with the Jinja2 subset, parsed as YAML
// (tags kept), include()/include_all() placeholders are replaced by the loaded values and the
// `<<` (shallow) and `<<<` (recursive) merge keys are applied. All parsed text shares one line
// space, so any node can be traced back to "file:line".
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/cimloop/expression_functions.hpp"
#include "compat/v04/jinja.hpp"

namespace cimloop::compat::v04 {

class SpecLoader {
 public:
  explicit SpecLoader(const std::map<std::string, std::string>& template_vars);

  // The resolved root of one file (a map, or null for an empty file).
  YAML::Node load_file(const std::string& path);

  // "file:line" of a node (its own mark, else its first located descendant); "" if unknown.
  std::string locate(const YAML::Node& node) const;
  // A `|` or `>` block scalar: not plain, yet an expression to timeloopfe (only quoted
  // strings are not).
  bool is_block_scalar(const YAML::Node& node) const;
  // The file a node was read from; "" if unknown.
  std::string file_of(const YAML::Node& node) const;
  // The origin of every line of the shared line space that loaded nodes' marks index.
  const std::vector<Origin>& line_origins() const { return lines_; }
  // The files every loaded document lists under its own `globals.expression_custom_functions`
  // (resolved against that document's folder and the add_to_path() folders), in load order:
  // Accelergy's loader registers them for all expressions, even when the key is not kept, e.g.
  // a macro's variables file included for its `variables` only.
  const std::vector<std::string>& function_files() const { return function_files_; }
  // Every add_to_path() directory the templates declared, in the order first seen: where
  // files the specification names by a relative path are looked for after the naming file's
  // own folder (timeloopfe's include directories).
  const std::vector<std::string>& search_dirs() const { return search_dirs_; }
  // Throws InputError "<file:line>: <key>: <message>".
  [[noreturn]] void fail(const YAML::Node& node, const std::string& key, const std::string& message) const;

  // Functions of the specification's `globals.expression_custom_functions`, for its expressions.
  void set_expression_functions(cimloop::ExpressionFunctions functions) { expression_functions_ = std::move(functions); }
  const cimloop::ExpressionFunctions& expression_functions() const { return expression_functions_; }
  // Every named architecture node as expressions see it (timeloopfe binds nodes by name):
  // a dict with its `spatial` {meshX, meshY}, for `<name>.spatial.meshX` and
  // `<name>.get_fanout()`.
  void set_nodes(std::map<std::string, Value> nodes) { nodes_ = std::move(nodes); }
  const std::map<std::string, Value>& nodes() const { return nodes_; }

 private:
  YAML::Node load_document(const std::string& path, const std::vector<std::string>& search_dirs);
  Value include(const std::string& function, const std::vector<Value>& args, const std::string& calling_file,
                const std::vector<std::string>& search_dirs);
  YAML::Node resolve(const YAML::Node& node, const std::string& key);
  YAML::Node resolve_sequence(const YAML::Node& node, const std::string& key);
  void note_depth(const YAML::Node& node, const std::string& key, size_t depth);
  void note_function_files(const YAML::Node& document, const std::string& path, const std::vector<std::string>& search_dirs);
  YAML::Node resolve_map(const YAML::Node& node);
  YAML::Node merge_source(const YAML::Node& value, const std::string& key) const;

  TemplateContext context_;
  IncludeHook hook_;
  std::vector<Origin> lines_;            // origin of every line of the shared line space
  std::vector<std::string> texts_;       // text of every line of the shared line space
  std::vector<YAML::Node> included_;     // values of `!include_loaded <index>` placeholders
  std::vector<size_t> included_depth_;   // how deeply each of included_ nests
  std::vector<YAML::Node> enclosing_;    // the maps and lists resolve() is inside
  size_t deepest_ = 0;                   // the deepest nesting resolve() met in this document
  size_t document_depth_ = 0;            // deepest_ of the last document loaded
  size_t visited_ = 0;                   // values resolve() visited in this document
  std::vector<std::string> search_dirs_;  // see search_dirs()
  std::vector<std::string> function_files_;  // see function_files()
  int depth_ = 0;                        // include() nesting
  std::string entry_file_;               // the first file loaded
  cimloop::ExpressionFunctions expression_functions_;
  std::map<std::string, Value> nodes_;
  static constexpr int kMaxIncludeDepth = 64;
  static constexpr size_t kMaxNesting = 500;  // as yaml-cpp's limit for one document
  static constexpr size_t kMaxValues = 2'000'000;
};

// Recursive merge used by `<<<`: keys missing from `target` are added, maps merge recursively,
// lists concatenate (target first), otherwise `target` wins; `!nomerge` values are kept as is.
YAML::Node deep_merge(const YAML::Node& target, const YAML::Node& source);

// Lookup in a map without creating entries; an undefined node when absent.
YAML::Node find_key(const YAML::Node& map, const std::string& key);

}  // namespace cimloop::compat::v04
