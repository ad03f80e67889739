// CiMLoop's raw specifications (the client kit's top.yaml.jinja2 with macro=<m>, iso=<m>,
// system=ws_dummy_buffer_one_macro and MAX_UTILIZATION, as quick_run builds them) through our
// v0.4 reader give the processed input timeloopfe gave Timeloop in the reference runs: the same
// top-level attributes (variables), levels and their attributes, problem and constraints.
// Only what timeloopfe leaves in Python's set or hash order is compared as sets (keep/bypass
// lists, factor order, required_actions), and numbers at 1e-12 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "compat/v04/process_v04.hpp"
#include "compat/v04/spec_values.hpp"
#include "test-suites/golden/cimloop_runs.hpp"

namespace fs = std::filesystem;
using cimloop::compat::v04::Value;

namespace {

bool same_value(const YAML::Node& ours, const YAML::Node& reference);

bool same_value(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number())
    return std::fabs(a.as_double() - b.as_double()) <= 1e-12 * std::max(1.0, std::fabs(b.as_double()));
  return a.str() == b.str();
}

bool same_value(const YAML::Node& ours, const YAML::Node& reference) {
  if (ours.IsMap() != reference.IsMap() || ours.IsSequence() != reference.IsSequence()) return false;
  if (ours.IsMap()) {
    if (ours.size() != reference.size()) return false;
    for (const auto& entry : reference)
      if (!ours[entry.first.Scalar()] || !same_value(ours[entry.first.Scalar()], entry.second)) return false;
    return true;
  }
  if (ours.IsSequence()) {
    if (ours.size() != reference.size()) return false;
    for (size_t i = 0; i < ours.size(); ++i)
      if (!same_value(ours[i], reference[i])) return false;
    return true;
  }
  return same_value(cimloop::compat::v04::yaml_to_value(ours), cimloop::compat::v04::yaml_to_value(reference));
}

// `key: value` text of every key of a map whose value differs, or that only one side has.
std::vector<std::string> map_differences(const YAML::Node& ours, const YAML::Node& reference, const std::string& where,
                                         const std::set<std::string>& unordered = {}) {
  std::vector<std::string> out;
  std::set<std::string> keys;
  for (const auto& entry : ours) keys.insert(entry.first.Scalar());
  for (const auto& entry : reference) keys.insert(entry.first.Scalar());
  for (const std::string& key : keys) {
    const YAML::Node a = ours[key], b = reference[key];
    bool same = a && b && same_value(a, b);
    if (a && b && unordered.count(key) && a.IsSequence() && b.IsSequence()) {
      std::multiset<std::string> x, y;
      for (const YAML::Node& item : a) x.insert(item.Scalar());
      for (const YAML::Node& item : b) y.insert(item.Scalar());
      same = x == y;
    }
    if (!same) out.push_back(where + "." + key + ": ours " + (a ? YAML::Dump(a) : "absent") + ", reference " + (b ? YAML::Dump(b) : "absent"));
  }
  return out;
}

// A constraint entry as a comparable map: factors as a sorted list, keep/bypass and the other
// data-space lists as sets (Python sets), empty lists dropped.
std::map<std::string, std::string> canonical_constraint(const YAML::Node& entry) {
  std::map<std::string, std::string> out;
  for (const auto& item : entry) {
    const std::string key = item.first.Scalar();
    if (key == "target" || key == "type") continue;
    std::set<std::string> parts;
    if (key == "factors") {
      std::string text = item.second.Scalar(), part;
      for (char c : text + ",")
        if (c == ',') {
          if (!part.empty()) parts.insert(part);
          part.clear();
        } else if (c != ' ') {
          part += c;
        }
    } else if (item.second.IsSequence()) {
      for (const YAML::Node& name : item.second) parts.insert(name.Scalar());
      if (parts.empty()) continue;
    } else {
      out[key] = item.second.Scalar();
      continue;
    }
    std::string joined;
    for (const std::string& part : parts) joined += part + ";";
    out[key] = joined;
  }
  return out;
}

std::map<std::string, std::map<std::string, std::string>> constraints_by_target(const YAML::Node& processed) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const YAML::Node& entry : processed["architecture_constraints"]["targets"])
    out[entry["target"].Scalar() + " " + entry["type"].Scalar()] = canonical_constraint(entry);
  return out;
}

class CimloopRawSpec : public testing::TestWithParam<std::string> {};

TEST_P(CimloopRawSpec, ProcessedLikeTimeloopfe) {
  CIMLOOP_REQUIRE_FIXTURES(cimloop::golden::kCimloopRuns);
  CIMLOOP_REQUIRE_FIXTURES(cimloop::golden::kCimloopWorkspace);
  const std::string macro = GetParam();
  const YAML::Node reference = YAML::Load(cimloop::golden::cimloop_run_text(macro, "parsed-processed-input.yaml"));
  const YAML::Node ours = cimloop::compat::v04::process_v04(
      {(cimloop::golden::kCimloopWorkspace / "models" / "top.yaml.jinja2").string()},
      {{"macro", macro}, {"iso", macro}, {"system", "ws_dummy_buffer_one_macro"}}, cimloop::compat::v04::Purpose::Mapper,
      std::map<std::string, std::string>{{"MAX_UTILIZATION", "True"}});

  std::vector<std::string> differences;
  const YAML::Node top = ours["architecture"]["subtree"][0], reference_top = reference["architecture"]["subtree"][0];
  EXPECT_EQ(top["name"].Scalar(), reference_top["name"].Scalar());
  for (const std::string& d : map_differences(top["attributes"], reference_top["attributes"], "top")) differences.push_back(d);
  const YAML::Node levels = top["local"], reference_levels = reference_top["local"];
  ASSERT_EQ(levels.size(), reference_levels.size());
  for (size_t i = 0; i < levels.size(); ++i) {
    const std::string name = reference_levels[i]["name"].Scalar();
    EXPECT_EQ(levels[i]["name"].Scalar(), name);
    for (const char* key : {"class", "subclass", "area_scale", "energy_scale"}) {
      if (!levels[i][key] && !reference_levels[i][key]) continue;
      EXPECT_TRUE(levels[i][key] && reference_levels[i][key] && same_value(levels[i][key], reference_levels[i][key]))
          << name << "." << key;
    }
    for (const std::string& d : map_differences(levels[i]["attributes"], reference_levels[i]["attributes"], name))
      differences.push_back(d);
    for (const std::string& d : map_differences(levels[i], reference_levels[i], name, {"required_actions"}))
      if (d.find(".attributes:") == std::string::npos) differences.push_back(d);
  }
  EXPECT_TRUE(same_value(ours["problem"], reference["problem"])) << YAML::Dump(ours["problem"]["instance"]);
  EXPECT_EQ(constraints_by_target(ours), constraints_by_target(reference));
  for (const char* key : {"expression_custom_functions", "environment_variables"})
    EXPECT_TRUE(same_value(ours["globals"][key], reference["globals"][key])) << key;
  EXPECT_TRUE(differences.empty()) << [&] {
    std::string all;
    for (const std::string& d : differences) all += d + "\n";
    return all;
  }();
}

INSTANTIATE_TEST_SUITE_P(Runs, CimloopRawSpec, testing::ValuesIn(cimloop::golden::cimloop_default_runs()));

}  // namespace
