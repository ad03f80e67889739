#pragma once
// Loading Timeloop-style input files: the texts of all files are concatenated in command-line
// order and parsed as one document (YAML, or libconfig when the first file name contains
// ".cfg"); legacy hyphenated keywords are rewritten to underscores first. The SourceMap turns
// a position in the merged document back into "file:line" for error messages.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace cimloop::compat {

class SourceMap {
 public:
  void add_file(const std::string& name, int line_count);
  // A document whose node marks index a table of origins instead of its own lines (a tree
  // combined from many files, each node keeping the mark of the file it came from); `name`
  // stands for nodes that have no mark (computed ones).
  void add_line_table(const std::string& name, std::vector<std::pair<std::string, int>> origins);
  // "file:line" for a 0-based line of the merged text; the file name alone when the line is
  // unknown (e.g. nodes converted from libconfig); "" when there are no files.
  std::string locate(int merged_line) const;
  std::string locate(const YAML::Node& node) const;

 private:
  struct Span {
    std::string file;
    int first_line;
    int line_count;
  };
  std::vector<Span> spans_;
  std::string table_name_;
  std::vector<std::pair<std::string, int>> table_;  // file, 1-based line of every marked line
};

struct MergedInput {
  YAML::Node root;
  SourceMap sources;
  std::vector<std::string> warnings;  // e.g. hyphenated keywords that were rewritten
};

// Throws InputError (file and line in the message) on unreadable files, an unknown file type
// or a syntax error.
MergedInput load_merged_inputs(const std::vector<std::string>& paths);

// Sets the input's `globals.environment_variables` in this process, as Timeloop and Accelergy
// do when they read a v0.4 input (e.g. TIMELOOP_OUTPUT_STAT_SCIENTIFIC, or the component
// library folders CiMLoop's macros name).
void apply_environment_variables(const YAML::Node& root);

// The same for the object's lifetime only: the estimation sees them (Accelergy sets them in its
// own process when it reads a file), a caller in the same process does not afterwards.
class ScopedEnvironmentVariables {
 public:
  explicit ScopedEnvironmentVariables(const YAML::Node& root);
  ~ScopedEnvironmentVariables();
  ScopedEnvironmentVariables(const ScopedEnvironmentVariables&) = delete;
  ScopedEnvironmentVariables& operator=(const ScopedEnvironmentVariables&) = delete;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> previous_;  // name, old value
};

// libconfig text to a YAML tree (groups -> maps, lists/arrays -> sequences, scalars -> text).
YAML::Node parse_libconfig(const std::string& text, const std::string& file_name);

// Throws InputError "<file:line>: <key>: <message>" for a node of the merged input.
[[noreturn]] void fail_at(const SourceMap& sources, const YAML::Node& node, const std::string& key,
                          const std::string& message);

}  // namespace cimloop::compat
