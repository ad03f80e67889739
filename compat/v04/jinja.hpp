#pragma once
// The Jinja2 subset used by v0.4 specifications: `{{ expr }}`, `{% set %}`, `{% if/elif/else/
// endif %}`, `{# comments #}`, `-` whitespace control, StrictUndefined with the `default`
// filter, and the timeloopfe functions cwd(), add_to_path(), path_exists(), include_text();
// include()/include_all() are delegated to the loader. Anything else is a clear error.
// The rendered text remembers, for every output line, the file and line it came from.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "compat/v04/value.hpp"

namespace cimloop::compat::v04 {

struct Origin {
  std::string file;
  int line = 0;  // 1-based
};

struct RenderedText {
  std::string text;
  std::vector<Origin> line_origins;  // one per output line

  // Appends literal text whose first character comes from `start`.
  void append(const std::string& piece, const Origin& start);
  void append(const RenderedText& other);
  Origin origin_of(int output_line) const;  // 0-based output line
};

struct TemplateContext {
  std::map<std::string, Value> variables;  // the jinja parse data
  std::vector<std::string> search_dirs;    // add_to_path() directories
  int include_text_depth = 0;              // guards against a file pasting itself
};

// include()/include_all() hook: gets the function name, its arguments, the calling file and
// the search directories in force; returns the text to insert.
using IncludeHook = std::function<Value(const std::string& function, const std::vector<Value>& args,
                                        const std::string& calling_file, const std::vector<std::string>& search_dirs)>;

RenderedText render_template_file(const std::string& path, const TemplateContext& context, const IncludeHook& hook);

// Absolute path or glob, or relative to `calling_dir` and then to each search directory; all
// matches, de-duplicated by real path, in search order.
std::vector<std::string> resolve_paths(const std::string& pattern, const std::string& calling_dir,
                                       const std::vector<std::string>& search_dirs);

std::string read_text_file(const std::string& path);
std::string directory_of(const std::string& path);

}  // namespace cimloop::compat::v04
