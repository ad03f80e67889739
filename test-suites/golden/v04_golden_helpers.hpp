#pragma once
// Helpers of the v0.4 golden tests. Content comparison of YAML trees: key order and number spelling
// (1e-9 vs 1e-09) do not matter, nor the order of lists that timeloopfe fills from Python sets
// or globs (required_actions, keep, bypass, compound component classes).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compat/v04/spec_values.hpp"

namespace v04_test {

using cimloop::compat::v04::Value;
using cimloop::compat::v04::yaml_to_value;

// True (test should skip) when the fixtures are absent; a failure too when CI=true.
inline bool fixtures_missing(const std::filesystem::path& dir) {
  if (std::filesystem::exists(dir)) return false;
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") ADD_FAILURE() << "fixtures not found at " << dir;
  return true;
}

inline bool scalars_equal(const YAML::Node& a, const YAML::Node& b) {
  if (a.IsNull() || b.IsNull()) return a.IsNull() && b.IsNull();
  if (a.Scalar() == b.Scalar()) return true;
  const Value x = yaml_to_value(YAML::Node(a.Scalar())), y = yaml_to_value(YAML::Node(b.Scalar()));
  if (x.is_number() && y.is_number()) return x.as_double() == y.as_double();
  return false;
}

// Lists whose order is a Python set / glob order in timeloopfe (see the fixtures' README).
inline bool unordered_list(const std::string& key) {
  return key == "required_actions" || key == "keep" || key == "bypass" || key == "classes";
}

inline std::string sort_key(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsMap() && node["name"]) return node["name"].Scalar();
  return YAML::Dump(node);
}

// Sorted through indices: sorting YAML::Node values would assign them, and assigning a
// YAML::Node rebinds the node it refers to.
inline std::vector<YAML::Node> sorted(const YAML::Node& list) {
  std::vector<YAML::Node> items(list.begin(), list.end());
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sort_key(items[a]) < sort_key(items[b]); });
  std::vector<YAML::Node> out;
  for (size_t i : order) out.push_back(items[i]);
  return out;
}

inline void compare(const YAML::Node& ours, const YAML::Node& theirs, const std::string& path, std::vector<std::string>& diffs) {
  if (diffs.size() > 20) return;
  if (ours.IsMap() && theirs.IsMap()) {
    for (const auto& entry : theirs) {
      const std::string key = entry.first.Scalar();
      if (!ours[key]) diffs.push_back(path + "." + key + ": missing in ours");
      else compare(ours[key], entry.second, path + "." + key, diffs);
    }
    for (const auto& entry : ours)
      if (!theirs[entry.first.Scalar()]) diffs.push_back(path + "." + entry.first.Scalar() + ": extra in ours");
    return;
  }
  if (ours.IsSequence() && theirs.IsSequence()) {
    if (ours.size() != theirs.size()) {
      diffs.push_back(path + ": " + std::to_string(ours.size()) + " items vs " + std::to_string(theirs.size()));
      return;
    }
    const std::string key = path.substr(path.rfind('.') + 1);
    std::vector<YAML::Node> a(ours.begin(), ours.end()), b(theirs.begin(), theirs.end());
    if (unordered_list(key)) {
      std::vector<YAML::Node> sorted_ours = sorted(ours), sorted_theirs = sorted(theirs);
      a.swap(sorted_ours);
      b.swap(sorted_theirs);
    }
    for (size_t i = 0; i < a.size(); ++i) compare(a[i], b[i], path + "[" + std::to_string(i) + "]", diffs);
    return;
  }
  const bool both_scalar_like = (ours.IsScalar() || ours.IsNull()) && (theirs.IsScalar() || theirs.IsNull());
  if (!both_scalar_like || !scalars_equal(ours, theirs))
    diffs.push_back(path + ": ours " + YAML::Dump(ours) + " vs " + YAML::Dump(theirs));
}

inline std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// The raw v0.4 cases (folders of <raw>/cases with a processed-input.yaml), sorted; a single
// placeholder name when the fixtures are absent so that the tests can report it.
// `kind` ("model"/"mapper") keeps only the cases of that kind.
inline std::vector<std::string> raw_case_names(const std::filesystem::path& raw_dir, const std::string& kind = "") {
  std::vector<std::string> names;
  if (!std::filesystem::exists(raw_dir / "cases")) return {"fixtures-missing"};
  for (const auto& entry : std::filesystem::directory_iterator(raw_dir / "cases")) {
    if (!std::filesystem::exists(entry.path() / "processed-input.yaml")) continue;
    if (!kind.empty() && YAML::LoadFile((entry.path() / "case.yaml").string())["kind"].Scalar() != kind) continue;
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline std::string case_test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

}  // namespace v04_test
