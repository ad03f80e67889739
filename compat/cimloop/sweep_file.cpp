#include "compat/cimloop/sweep_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "src/common/error.hpp"

namespace cimloop::compat::cimloop {
namespace {

namespace fs = std::filesystem;

struct Axis {
  std::string name;
  bool jinja = false;              // `var:` (a Jinja variable) rather than `set:` (a variable override)
  std::vector<std::string> keys;
  std::vector<std::string> values;
};

class SweepReader {
 public:
  explicit SweepReader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& key, const std::string& what) const {
    const int line = node.IsDefined() ? node.Mark().line + 1 : 0;
    throw InputError(path_ + (line > 0 ? ":" + std::to_string(line) : "") + ": " + key + ": " + what);
  }

  std::string scalar(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, key, "expected a single value");
    return node.Scalar();
  }

  std::vector<std::string> scalars(const YAML::Node& node, const std::string& key) const {
    std::vector<std::string> out;
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence() || node.size() == 0) fail(node, key, "expected a value or a non-empty list");
    for (const YAML::Node& item : node) out.push_back(scalar(item, key));
    return out;
  }

  std::map<std::string, std::string> assignments(const YAML::Node& node, const std::string& key) const {
    std::map<std::string, std::string> out;
    if (!node.IsDefined() || node.IsNull()) return out;
    if (!node.IsMap()) fail(node, key, "expected NAME: VALUE entries");
    for (const auto& entry : node) out[entry.first.Scalar()] = scalar(entry.second, key + "." + entry.first.Scalar());
    return out;
  }

  // Mapper values stay YAML text, so lists (optimization_metrics) pass through.
  std::map<std::string, std::string> yaml_entries(const YAML::Node& node, const std::string& key) const {
    std::map<std::string, std::string> out;
    if (!node.IsDefined() || node.IsNull()) return out;
    if (!node.IsMap()) fail(node, key, "expected NAME: VALUE entries");
    for (const auto& entry : node) {
      YAML::Emitter text;
      text << YAML::Flow << entry.second;
      out[entry.first.Scalar()] = text.c_str();
    }
    return out;
  }

  fs::path relative(const std::string& name) const {
    const fs::path given(name);
    return given.is_absolute() ? given : fs::path(path_).parent_path() / given;
  }

  void read_specification(const YAML::Node& node, SweepPlan& plan) const {
    if (!node.IsMap()) fail(node, "specification", "expected a map with `top` or `files`");
    std::vector<std::string> files;
    if (node["top"]) files = {scalar(node["top"], "specification.top")};
    else if (node["files"]) files = scalars(node["files"], "specification.files");
    else fail(node, "specification", "needs `top` (the entry file) or `files`");
    for (const std::string& file : files) {
      const fs::path full = relative(file);
      if (!fs::exists(full)) fail(node, "specification", "no file " + full.string());
      plan.base.files.push_back(fs::weakly_canonical(full).string());
    }
    plan.base.jinja = assignments(node["variables"], "specification.variables");
    plan.base.overrides = assignments(node["set"], "specification.set");
  }

  void read_workloads(const YAML::Node& node, SweepPlan& plan) const {
    if (!node.IsDefined()) {  // the specification's own workload (e.g. processed Timeloop inputs)
      plan.layers.push_back({"", "specification", "", ""});
      return;
    }
    if (!node.IsSequence() || node.size() == 0) fail(node, "workloads", "expected a non-empty list");
    const fs::path top_folder = fs::path(plan.base.files.front()).parent_path();
    for (const YAML::Node& entry : node) {
      if (entry["dnn"] || entry["folder"]) {
        const bool named = entry["dnn"].IsDefined();
        const std::string given = scalar(named ? entry["dnn"] : entry["folder"], named ? "dnn" : "folder");
        const fs::path folder = named ? top_folder / "workloads" / given : relative(given);
        const std::string dnn = entry["name"] ? scalar(entry["name"], "name") : folder.filename().string();
        if (!fs::is_directory(folder)) fail(entry, named ? "dnn" : "folder", "no folder " + folder.string());
        const std::vector<std::string> files = layer_files(folder.string());
        if (files.empty()) fail(entry, named ? "dnn" : "folder", "no layer files in " + folder.string());
        for (const std::string& file : files)
          plan.layers.push_back({dnn, fs::path(file).stem().string(), named ? given + "/" + fs::path(file).stem().string() : file, file});
      } else if (entry["layer"]) {
        const std::string layer = scalar(entry["layer"], "layer");
        const fs::path under_top = top_folder / "workloads" / (layer + ".yaml");
        const fs::path file = fs::exists(under_top) ? under_top : relative(layer);
        if (!fs::exists(file)) fail(entry, "layer", "no layer " + under_top.string() + " nor " + file.string());
        const std::string dnn = entry["name"] ? scalar(entry["name"], "name") : "";
        plan.layers.push_back({dnn, layer, fs::exists(under_top) ? layer : file.string(), file.string()});
      } else {
        fail(entry, "workloads", "each entry needs `dnn`, `folder` or `layer`");
      }
    }
  }

  Axis read_axis(const YAML::Node& node) const {
    Axis axis;
    if (!node.IsMap()) fail(node, "axes", "expected {set: NAME, values: [...]} or {zip: [...]}");
    if (node["set"]) axis.keys = scalars(node["set"], "set");
    else if (node["var"]) axis.keys = scalars(node["var"], "var"), axis.jinja = true;
    else fail(node, "axes", "an axis needs `set` (variables) or `var` (Jinja variables)");
    if (!node["values"]) fail(node, "values", "missing");
    axis.values = scalars(node["values"], "values");
    axis.name = node["name"] ? scalar(node["name"], "name") : axis.keys.front();
    return axis;
  }

  // Axis groups: each group is one axis or a zipped list of equally long axes.
  std::vector<std::vector<Axis>> read_axes(const YAML::Node& node) const {
    std::vector<std::vector<Axis>> groups;
    if (!node.IsDefined() || node.IsNull()) return groups;
    if (!node.IsSequence()) fail(node, "axes", "expected a list of axes");
    for (const YAML::Node& entry : node) {
      std::vector<Axis> group;
      if (entry.IsMap() && entry["zip"]) {
        if (!entry["zip"].IsSequence() || entry["zip"].size() == 0) fail(entry, "zip", "expected a list of axes");
        for (const YAML::Node& axis : entry["zip"]) group.push_back(read_axis(axis));
        for (const Axis& axis : group)
          if (axis.values.size() != group.front().values.size())
            fail(entry, "zip", "axes '" + group.front().name + "' and '" + axis.name + "' differ in length");
      } else {
        group.push_back(read_axis(entry));
      }
      groups.push_back(group);
    }
    return groups;
  }

  void read_categories(const YAML::Node& node, PimCategories& categories) const {
    if (!node.IsDefined() || node.IsNull()) return;
    if (!node.IsMap()) fail(node, "analysis", "expected {conversion: [...], array: [...]}");
    if (node["conversion"]) categories.conversion = scalars(node["conversion"], "conversion"), categories.conversion_given = true;
    if (node["array"]) categories.array = scalars(node["array"], "array"), categories.array_given = true;
  }

 private:
  std::string path_;
};

void set_axis_value(const Axis& axis, const std::string& value, SweepPoint& point) {
  point.coordinates.emplace_back(axis.name, value);
  for (const std::string& key : axis.keys) (axis.jinja ? point.jinja : point.overrides)[key] = value;
}

// Every combination of the groups, the first group outermost.
std::vector<SweepPoint> cross(const std::vector<std::vector<Axis>>& groups) {
  std::vector<SweepPoint> points(1);
  for (const std::vector<Axis>& group : groups) {
    std::vector<SweepPoint> next;
    for (const SweepPoint& point : points)
      for (size_t v = 0; v < group.front().values.size(); ++v) {
        SweepPoint extended = point;
        for (const Axis& axis : group) set_axis_value(axis, axis.values[v], extended);
        next.push_back(std::move(extended));
      }
    points = std::move(next);
  }
  return points;
}

}  // namespace

std::vector<std::string> layer_files(const std::string& folder) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

MacroRunSpec SweepPlan::unit_spec(std::size_t unit) const {
  MacroRunSpec spec = base;
  const SweepPoint& point = points[point_of(unit)];
  for (const auto& [key, value] : point.jinja) spec.jinja[key] = value;
  for (const auto& [key, value] : point.overrides) spec.overrides[key] = value;
  const std::string& layer = layers[layer_of(unit)].jinja;
  if (!layer.empty()) {
    spec.jinja.erase("dnn");
    spec.jinja["layer"] = layer;
  }
  return spec;
}

SweepPlan read_sweep(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError(path + ": cannot read the sweep file");
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  const SweepReader reader(path);
  if (!root.IsMap()) reader.fail(root, "sweep", "expected a map with specification, workloads and axes");
  for (const auto& entry : root) {
    static const std::vector<std::string> known{"specification", "mapper", "workloads", "axes", "analysis"};
    if (std::find(known.begin(), known.end(), entry.first.Scalar()) == known.end())
      reader.fail(entry.first, entry.first.Scalar(), "unknown key (known: specification, mapper, workloads, axes, analysis)");
  }
  SweepPlan plan;
  plan.path = path;
  reader.read_specification(root["specification"], plan);
  plan.base.mapper = reader.yaml_entries(root["mapper"], "mapper");
  plan.base.threads = 1;  // units run in parallel; each search on one thread
  reader.read_workloads(root["workloads"], plan);
  const std::vector<std::vector<Axis>> groups = reader.read_axes(root["axes"]);
  for (const auto& group : groups)
    for (const Axis& axis : group) plan.axis_names.push_back(axis.name);
  plan.points = cross(groups);
  reader.read_categories(root["analysis"], plan.categories);
  return plan;
}

}  // namespace cimloop::compat::cimloop
