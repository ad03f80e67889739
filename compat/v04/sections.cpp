#include "compat/v04/sections.hpp"

#include "src/common/error.hpp"
#include "compat/v04/yaml_arena.hpp"

namespace cimloop::compat::v04 {
namespace {

std::string section_of(const std::string& key) {
  static const char* const kExact[] = {"architecture", "problem",    "variables", "globals",
                                       "mapper",       "mapspace",   "mapping",   "constraints",
                                       "components",   "sparse_optimizations", "ERT", "ART", "model"};
  for (const char* exact : kExact)
    if (key == exact) return key;
  for (const char* part : {"components", "constraints", "mapping", "globals"})
    if (key.find(part) != std::string::npos) return part;
  return "";
}

// `{version, targets: [...]}` or a bare list: the entries.
YAML::Node targets_of(const YAML::Node& value, const SpecLoader& loader, const std::string& key,
                      const std::string& list_key) {
  if (value.IsNull()) return fresh_node(YAML::NodeType::Sequence);
  if (value.IsSequence()) return value;
  if (!value.IsMap()) loader.fail(value, key, "must be a list or a mapping with '" + list_key + "'");
  for (const auto& entry : value)
    if (entry.first.Scalar() != list_key && entry.first.Scalar() != "version")
      loader.fail(entry.first, key + "." + entry.first.Scalar(), "unknown key");
  const YAML::Node list = find_key(value, list_key);
  if (!list.IsDefined() || list.IsNull()) return fresh_node(YAML::NodeType::Sequence);
  if (!list.IsSequence()) loader.fail(list, key + "." + list_key, "must be a list");
  return list;
}

void append_flat(YAML::Node& list, const YAML::Node& items) {
  for (const YAML::Node& item : items) {
    if (item.IsSequence()) append_flat(list, item);  // include_all gives a list per file
    else list.push_back(item);
  }
}

void merge_map(YAML::Node& slot, const YAML::Node& value, const SpecLoader& loader, const std::string& key) {
  if (!value.IsMap() && !value.IsNull()) loader.fail(value, key, "must be a mapping");
  if (value.IsNull()) return;
  if (!slot.IsDefined() || slot.IsNull()) slot.reset(value);
  else slot.reset(override_merge(slot, value));
}

std::string joined(const std::vector<std::string>& files) {
  std::string out;
  for (const std::string& file : files) out += (out.empty() ? "" : ", ") + file;
  return out.empty() ? "v0.4 input" : out;
}

}  // namespace

YAML::Node override_merge(const YAML::Node& base, const YAML::Node& over) {
  if (!base.IsMap() || !over.IsMap()) return over;
  YAML::Node out = fresh_node(YAML::NodeType::Map);
  for (const auto& entry : base) {
    const YAML::Node replacement = find_key(over, entry.first.Scalar());
    out.force_insert(entry.first, replacement.IsDefined() ? override_merge(entry.second, replacement) : entry.second);
  }
  for (const auto& entry : over)
    if (!find_key(base, entry.first.Scalar()).IsDefined()) out.force_insert(entry.first, entry.second);
  return out;
}

Sections combine_files(SpecLoader& loader, const std::vector<std::string>& files) {
  Sections sections;
  for (const std::string& file : files) {
    const YAML::Node root = loader.load_file(file);
    if (root.IsNull()) continue;
    if (!root.IsMap()) throw InputError(file + ": expected a mapping of top-level keys");
    for (const auto& entry : root) {
      const std::string key = entry.first.Scalar();
      const YAML::Node& value = entry.second;
      const std::string section = section_of(key);
      if (key.find("ignore") != std::string::npos) continue;  // anchors only (timeloopfe skips them)
      if (section.empty()) loader.fail(entry.first, key, "unknown top-level key");
      if (section == "architecture") {
        if (sections.architecture.IsDefined() && !sections.architecture.IsNull())
          loader.fail(entry.first, key, "architecture given twice");
        sections.architecture.reset(value);
      } else if (section == "problem") {
        merge_map(sections.problem, value, loader, key);
      } else if (section == "variables") {
        if (value.IsSequence())  // a list of maps, merged in order (CiMLoop's top.yaml.jinja2)
          for (const YAML::Node& part : value) merge_map(sections.variables, part, loader, key);
        else
          merge_map(sections.variables, value, loader, key);
      } else if (section == "globals") {
        merge_map(sections.globals, value, loader, key);
      } else if (section == "mapper") {
        merge_map(sections.mapper, value, loader, key);
      } else if (section == "mapspace") {
        merge_map(sections.mapspace, value, loader, key);
      } else if (section == "mapping") {
        append_flat(sections.mapping, targets_of(value, loader, key, "targets"));
      } else if (section == "constraints") {
        append_flat(sections.constraint_targets, targets_of(value, loader, key, "targets"));
      } else if (section == "components") {
        append_flat(sections.component_classes, targets_of(value, loader, key, "classes"));
      } else if (section == "sparse_optimizations") {
        sections.has_sparse = true;
        append_flat(sections.sparse_targets, targets_of(value, loader, key, "targets"));
      } else {
        for (const auto& [name, ignored] : sections.passthrough)
          if (name == key) loader.fail(entry.first, key, "given twice");
        sections.passthrough.emplace_back(key, value);
      }
    }
  }
  for (const auto& [name, section] : {std::pair{"architecture", &sections.architecture}, {"problem", &sections.problem}})
    if (!section->IsDefined() || section->IsNull())
      throw InputError(joined(files) + ": no top-level '" + name + "' key (nor in a file that " +
                       (files.size() == 1 ? "it includes" : "they include") + ")");
  return sections;
}

}  // namespace cimloop::compat::v04
