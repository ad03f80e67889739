#include "compat/config/input_files.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

#include <libconfig.h++>
#include <yaml-cpp/depthguard.h>

#include "src/common/error.hpp"

namespace cimloop::compat {
namespace {

// Legacy Timeloop spellings that Timeloop rewrites before parsing. `energy-per-ingress` is
// deliberately absent: Timeloop reads that key hyphenated.
constexpr std::array<std::string_view, 39> kHyphenatedKeywords = {
    "read-write", "data-spaces", "word-bits", "block-size", "cluster-size", "num-banks",
    "num-ports", "multiple-buffering", "min-utilization", "network-type",
    "vector-access-energy", "addr-gen-energy", "cluster-area", "router-energy", "wire-energy",
    "energy-per-hop", "tile-width", "network-word-bits", "metadata-word-bits",
    "payload-word-bits", "representation-format", "compression-rate", "CNN-Layer", "cnn-layer",
    "gemm-ABZ", "linear-pruned", "log-stats", "log-suboptimal", "live-status", "search-size",
    "victory-condition", "sync-interval", "log-interval", "num-threads",
    "optimization-metrics", "max-permutations-per-if-visit", "filter-revisits",
    "penalize-consecutive-bypass-fails", "emit-whoop-nest"};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Replaces whole-word occurrences (Timeloop matches with word boundaries); returns true if any.
bool replace_whole_words(std::string& text, std::string_view word, const std::string& with) {
  bool replaced = false;
  for (size_t pos = text.find(word); pos != std::string::npos; pos = text.find(word, pos)) {
    const size_t end = pos + word.size();
    const bool starts_word = pos == 0 || !is_word_char(text[pos - 1]);
    const bool ends_word = end == text.size() || !is_word_char(text[end]);
    if (starts_word && ends_word) {
      text.replace(pos, word.size(), with);
      replaced = true;
      pos += with.size();
    } else {
      pos = end;
    }
  }
  return replaced;
}

std::vector<std::string> rewrite_hyphenated_keywords(std::string& text) {
  std::vector<std::string> warnings;
  for (std::string_view word : kHyphenatedKeywords) {
    if (text.find(word) == std::string::npos) continue;
    std::string underscored(word);
    std::replace(underscored.begin(), underscored.end(), '-', '_');
    if (replace_whole_words(text, word, underscored)) {
      warnings.push_back("Warning: Hyphenated keyword " + std::string(word) +
                         " found in inputs; it is deprecated, use " + underscored + " instead.");
    }
  }
  return warnings;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read input file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int count_lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

enum class Syntax { kYaml, kLibconfig };

Syntax syntax_of(const std::string& first_file) {
  if (first_file.find(".cfg") != std::string::npos) return Syntax::kLibconfig;
  if (first_file.find(".yml") != std::string::npos || first_file.find(".yaml") != std::string::npos)
    return Syntax::kYaml;
  throw InputError(first_file + ": input configuration file does not end with .cfg, .yml, or .yaml");
}

std::string format_double(double value) {
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  std::string text(buffer.data(), end);
  // Keep floats recognisable as floats for readers that care ("1" vs "1.0").
  if (text.find_first_of(".eE") == std::string::npos && text.find("inf") == std::string::npos &&
      text.find("nan") == std::string::npos)
    text += ".0";
  return text;
}

YAML::Node convert_setting(const libconfig::Setting& setting) {
  switch (setting.getType()) {
    case libconfig::Setting::TypeGroup: {
      YAML::Node map(YAML::NodeType::Map);
      for (int i = 0; i < setting.getLength(); ++i)
        map[setting[i].getName()] = convert_setting(setting[i]);
      return map;
    }
    case libconfig::Setting::TypeArray:
    case libconfig::Setting::TypeList: {
      YAML::Node sequence(YAML::NodeType::Sequence);
      for (int i = 0; i < setting.getLength(); ++i) sequence.push_back(convert_setting(setting[i]));
      return sequence;
    }
    case libconfig::Setting::TypeInt:
      return YAML::Node(std::to_string(static_cast<int>(setting)));
    case libconfig::Setting::TypeInt64:
      return YAML::Node(std::to_string(static_cast<long long>(setting)));
    case libconfig::Setting::TypeFloat:
      return YAML::Node(format_double(static_cast<double>(setting)));
    case libconfig::Setting::TypeString:
      return YAML::Node(static_cast<const char*>(setting));
    case libconfig::Setting::TypeBoolean:
      return YAML::Node(static_cast<bool>(setting) ? "true" : "false");
    default:
      return YAML::Node();
  }
}

// libconfig reports 1-based lines of the text it parsed; `sources` maps them back to files.
YAML::Node parse_libconfig_located(const std::string& text, const SourceMap& sources) {
  libconfig::Config config;
  try {
    config.readString(text);
  } catch (const libconfig::ParseException& error) {
    throw InputError(sources.locate(error.getLine() - 1) + ": " + error.getError());
  }
  return convert_setting(config.getRoot());
}

}  // namespace

void SourceMap::add_file(const std::string& name, int line_count) {
  const int first = spans_.empty() ? 0 : spans_.back().first_line + spans_.back().line_count;
  spans_.push_back({name, first, line_count});
}

void SourceMap::add_line_table(const std::string& name, std::vector<std::pair<std::string, int>> origins) {
  table_name_ = name;
  table_ = std::move(origins);
}

std::string SourceMap::locate(int merged_line) const {
  if (!table_name_.empty()) {
    if (merged_line < 0 || static_cast<size_t>(merged_line) >= table_.size()) return table_name_;
    const auto& [file, line] = table_[static_cast<size_t>(merged_line)];
    return file + ":" + std::to_string(line);
  }
  if (spans_.empty()) return "";
  if (merged_line < 0) return spans_.size() == 1 ? spans_.front().file : "";
  for (const Span& span : spans_) {
    if (merged_line < span.first_line + span.line_count)
      return span.file + ":" + std::to_string(merged_line - span.first_line + 1);
  }
  const Span& last = spans_.back();
  return last.file + ":" + std::to_string(merged_line - last.first_line + 1);
}

std::string SourceMap::locate(const YAML::Node& node) const {
  if (!node.IsDefined() || node.Mark().is_null()) return locate(-1);
  return locate(node.Mark().line);
}

YAML::Node parse_libconfig(const std::string& text, const std::string& file_name) {
  SourceMap sources;
  sources.add_file(file_name, count_lines(text) + 1);
  return parse_libconfig_located(text, sources);
}

MergedInput load_merged_inputs(const std::vector<std::string>& paths) {
  if (paths.empty()) throw InputError("no input files given");
  const Syntax syntax = syntax_of(paths.front());
  MergedInput merged;
  std::string text;
  for (const std::string& path : paths) {
    std::string file_text = read_file(path);
    if (file_text.empty() || file_text.back() != '\n') file_text += '\n';
    file_text += '\n';  // Timeloop appends a newline after every file
    merged.sources.add_file(path, count_lines(file_text));
    text += file_text;
  }
  merged.warnings = rewrite_hyphenated_keywords(text);
  if (syntax == Syntax::kLibconfig) {
    merged.root = parse_libconfig_located(text, merged.sources);
    return merged;
  }
  try {
    merged.root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& error) {
    throw InputError(merged.sources.locate(error.mark.line) +
                     ": YAML syntax error: lists and maps are nested too deeply here (the YAML reader stops at " +
                     std::to_string(error.depth()) + " levels of recursion)");
  } catch (const YAML::ParserException& error) {
    throw InputError(merged.sources.locate(error.mark.line) + ": YAML syntax error: " + error.msg);
  }
  if (!merged.root.IsMap()) {
    throw InputError(merged.sources.locate(0) + ": the merged input is not a YAML map of top-level keys");
  }
  return merged;
}

namespace {

std::vector<std::pair<std::string, std::string>> environment_variables(const YAML::Node& root) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!root.IsMap()) return out;
  const YAML::Node globals = root["globals"];
  if (!globals || !globals.IsMap()) return out;
  const YAML::Node variables = globals["environment_variables"];
  if (!variables || !variables.IsMap()) return out;
  for (const auto& entry : variables) {
    if (entry.second.IsScalar()) out.emplace_back(entry.first.Scalar(), entry.second.Scalar());
  }
  return out;
}

}  // namespace

void apply_environment_variables(const YAML::Node& root) {
  for (const auto& [name, value] : environment_variables(root)) setenv(name.c_str(), value.c_str(), 1);
}

ScopedEnvironmentVariables::ScopedEnvironmentVariables(const YAML::Node& root) {
  for (const auto& [name, value] : environment_variables(root)) {
    const char* old = std::getenv(name.c_str());
    previous_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    setenv(name.c_str(), value.c_str(), 1);
  }
}

ScopedEnvironmentVariables::~ScopedEnvironmentVariables() {
  for (auto it = previous_.rbegin(); it != previous_.rend(); ++it) {
    if (it->second) {
      setenv(it->first.c_str(), it->second->c_str(), 1);
    } else {
      unsetenv(it->first.c_str());
    }
  }
}

void fail_at(const SourceMap& sources, const YAML::Node& node, const std::string& key,
             const std::string& message) {
  std::string where = sources.locate(node);
  throw InputError((where.empty() ? "" : where + ": ") + key + ": " + message);
}

}  // namespace cimloop::compat
