#include "compat/v04/process_v04.hpp"

#include <cctype>
#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "compat/v04/architecture.hpp"
#include "compat/cimloop/array_processor.hpp"
#include "compat/v04/constraints.hpp"
#include "compat/v04/maximize_dims.hpp"
#include "compat/v04/sections.hpp"
#include "src/common/error.hpp"
#include "compat/v04/yaml_arena.hpp"

namespace cimloop::compat::v04 {
namespace {

YAML::Node text(const char* value) { return YAML::Node(std::string(value)); }

void set_default(YAML::Node& map, const std::string& key, const YAML::Node& value) {
  if (!find_key(map, key).IsDefined()) map.force_insert(key, value);
}

// A copy of `map` with `version: '0.4'` first and the given keys after it.
YAML::Node versioned(const YAML::Node& map) {
  YAML::Node out = fresh_node(YAML::NodeType::Map);
  out["version"] = version_text();
  if (map.IsMap())
    for (const auto& entry : map)
      if (entry.first.Scalar() != "version") out.force_insert(entry.first, entry.second);
  return out;
}

void collect_names(const YAML::Node& node, const std::vector<std::string>& dimensions, std::set<std::string>& out) {
  if (node.IsScalar()) {
    if (std::find(dimensions.begin(), dimensions.end(), node.Scalar()) != dimensions.end()) out.insert(node.Scalar());
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) collect_names(item, dimensions, out);
  }
}

void check_keys(const YAML::Node& map, const std::set<std::string>& allowed, const SpecLoader& loader, const std::string& key) {
  for (const auto& entry : map)
    if (!allowed.count(entry.first.Scalar())) loader.fail(entry.first, key + "." + entry.first.Scalar(), "unknown key");
}

YAML::Node process_shape(const YAML::Node& shape, ProblemInfo& info, const SpecLoader& loader) {
  if (!shape.IsMap()) loader.fail(shape, "problem.shape", "must be a mapping (named shapes are not supported here)");
  check_keys(shape, {"name", "dimensions", "coefficients", "data_spaces", "version"}, loader, "problem.shape");
  YAML::Node out = fresh_node(YAML::NodeType::Map);
  for (const auto& entry : shape) {
    const std::string key = entry.first.Scalar();
    if (key != "data_spaces") out.force_insert(entry.first, entry.second);
  }
  const YAML::Node dimensions = find_key(shape, "dimensions");
  if (!dimensions.IsSequence()) loader.fail(shape, "problem.shape.dimensions", "must be a list of dimension names");
  for (const YAML::Node& dim : dimensions) info.dimensions.push_back(dim.Scalar());
  const YAML::Node data_spaces = find_key(shape, "data_spaces");
  if (!data_spaces.IsSequence()) loader.fail(shape, "problem.shape.data_spaces", "must be a list");
  YAML::Node spaces = fresh_node(YAML::NodeType::Sequence);
  for (const YAML::Node& space : data_spaces) {
    const YAML::Node name = find_key(space, "name");
    if (!name.IsScalar()) loader.fail(space, "problem.shape.data_spaces", "each dataspace needs a name");
    check_keys(space, {"name", "projection", "read_write"}, loader, "problem.shape.data_spaces." + name.Scalar());
    info.dataspaces.push_back(name.Scalar());
    collect_names(find_key(space, "projection"), info.dimensions, info.dataspace_dims[name.Scalar()]);
    YAML::Node copy = fresh_node(YAML::NodeType::Map);
    for (const auto& entry : space) copy.force_insert(entry.first, entry.second);
    set_default(copy, "read_write", text("false"));
    spaces.push_back(copy);
  }
  out["data_spaces"] = spaces;
  set_default(out, "name", text(""));
  set_default(out, "coefficients", fresh_node(YAML::NodeType::Sequence));
  return out;
}

// `densities: {}` when absent; every density spec completed like the front end does.
YAML::Node with_density_defaults(const YAML::Node& instance) {
  YAML::Node out = fresh_node(YAML::NodeType::Map);
  for (const auto& entry : instance) {
    if (entry.first.Scalar() != "densities" || !entry.second.IsMap()) {
      out.force_insert(entry.first, entry.second);
      continue;
    }
    YAML::Node densities = fresh_node(YAML::NodeType::Map);
    for (const auto& density : entry.second) {
      YAML::Node spec = fresh_node(YAML::NodeType::Map);
      for (const auto& item : density.second) spec.force_insert(item.first, item.second);
      if (density.second.IsMap()) {
        set_default(spec, "band_width", text("0"));
        set_default(spec, "workload_tensor_size", text("0"));
      }
      densities.force_insert(density.first, density.second.IsMap() ? spec : density.second);
    }
    out.force_insert(entry.first, densities);
  }
  set_default(out, "densities", fresh_node(YAML::NodeType::Map));
  return out;
}

// Sparse optimization targets as Timeloop reads them (`name:` of the level), in level order.
YAML::Node sparse_targets(const YAML::Node& targets, const ReducedArchitecture& architecture, const SpecLoader& loader) {
  std::vector<std::pair<size_t, YAML::Node>> ordered;
  for (const YAML::Node& target : targets) {
    YAML::Node name = find_key(target, "target");
    if (!name.IsDefined()) name.reset(find_key(target, "name"));
    if (!name.IsScalar()) loader.fail(target, "sparse_optimizations.targets", "each target needs a 'target' level name");
    const auto level = std::find_if(architecture.levels.begin(), architecture.levels.end(),
                                    [&](const Level& l) { return l.name == name.Scalar(); });
    if (level == architecture.levels.end())
      loader.fail(name, "sparse_optimizations.targets.target", "no architecture level named '" + name.Scalar() + "'");
    YAML::Node entry = fresh_node(YAML::NodeType::Map);
    for (const auto& item : target)
      if (item.first.Scalar() != "target" && item.first.Scalar() != "name") entry.force_insert(item.first, item.second);
    entry["name"] = name.Scalar();
    ordered.emplace_back(static_cast<size_t>(level - architecture.levels.begin()), entry);
  }
  // Sorted through indices: moving YAML::Node values around would assign them, and assigning a
  // YAML::Node rebinds the node it refers to.
  std::vector<size_t> order(ordered.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ordered[a].first < ordered[b].first; });
  YAML::Node out = fresh_node(YAML::NodeType::Sequence);
  for (size_t i : order) out.push_back(ordered[i].second);
  return out;
}

// `variables` with the expressions of `overrides` in place of the file's (see VariableOverrides).
YAML::Node with_overrides(const YAML::Node& variables, const VariableOverrides& given) {
  const std::map<std::string, std::string>& overrides = given.values;
  if (overrides.empty()) return variables;
  YAML::Node out = fresh_node(YAML::NodeType::Map);
  for (const auto& [name, expression] : overrides) {
    if (find_key(variables, name).IsDefined() || name == cimloop::kMaxUtilization) continue;
    if (!given.may_add) throw InputError("--set " + name + ": the specification has no variable " + name);
    out[name] = YAML::Node(expression);
  }
  for (const auto& entry : variables) {
    const auto it = overrides.find(entry.first.Scalar());
    if (it == overrides.end())
      out.force_insert(entry.first, entry.second);
    else
      out.force_insert(entry.first, YAML::Node(it->second));
  }
  // The processor's switch is added last, as CiMLoop's get_spec adds it.
  if (const auto it = overrides.find(cimloop::kMaxUtilization); it != overrides.end() && !find_key(out, it->first).IsDefined())
    out[it->first] = YAML::Node(it->second);
  return out;
}

YAML::Node process_problem(const YAML::Node& problem, const Symbols& variables, ProblemInfo& info, const SpecLoader& loader) {
  // name, dnn_name and notes describe a layer in CiMLoop's workload files; Timeloop ignores them.
  check_keys(problem, {"version", "shape", "instance", "histograms", "name", "dnn_name", "notes"}, loader, "problem");
  YAML::Node out = versioned(problem);
  YAML::Node result = fresh_node(YAML::NodeType::Map);
  for (const auto& entry : out) {
    const std::string key = entry.first.Scalar();
    if (key == "shape") {
      result["shape"] = process_shape(entry.second, info, loader);
    } else if (key == "histograms" || key == "name" || key == "dnn_name" || key == "notes") {
      continue;  // histograms: variables INPUTS_HIST, ... (array_processor.hpp)
    } else if (key == "instance") {
      Symbols scope = variables;
      YAML::Node instance = evaluate_map(entry.second, scope, loader, "problem.instance");
      info.instance = yaml_to_value(instance);
      result["instance"] = with_density_defaults(instance);
    } else {
      result.force_insert(entry.first, entry.second);
    }
  }
  if (!find_key(result, "shape").IsDefined()) loader.fail(problem, "problem.shape", "missing");
  const YAML::Node instance = find_key(result, "instance");
  if (!instance.IsMap()) loader.fail(problem, "problem.instance", "missing");
  for (const std::string& dim : info.dimensions) {
    const YAML::Node bound = find_key(instance, dim);
    if (bound.IsDefined())
      info.bounds[dim] = positive_integer(bound, find_key(find_key(out, "instance"), dim), loader, "problem.instance." + dim);
  }
  return result;
}

YAML::Node mapper_defaults(const YAML::Node& mapper) {
  YAML::Node out = versioned(mapper);
  const std::pair<const char*, const char*> defaults[] = {
      {"out_prefix", "timeloop-mapper"}, {"num_threads", "8"}, {"timeout", "1000"}, {"log_interval", "1"},
      {"log_oave_mappings", "false"}, {"log_all_mappings", "false"}, {"log_mappings_yaml", "false"},
      {"log_mappings_verbose", "false"}, {"log_stats", "false"}, {"log_suboptimal", "false"},
      {"live_status", "false"}, {"diagnostics", "false"}, {"penalize_consecutive_bypass_fails", "false"},
      {"emit_whoop_nest", "false"}, {"max_temporal_loops_in_a_mapping", "-1"}, {"algorithm", "hybrid"},
      {"filter_revisits", "false"}, {"max_permutations_per_if_visit", "16"}};
  for (const auto& [key, value] : defaults) set_default(out, key, text(value));
  set_default(out, "optimization_metric", fresh_node(YAML::NodeType::Sequence));
  for (const char* key : {"search_size", "victory_condition", "sync_interval"}) set_default(out, key, fresh_node(YAML::NodeType::Null));
  return out;
}

YAML::Node globals_defaults(const YAML::Node& globals) {
  YAML::Node out = versioned(globals);
  set_default(out, "environment_variables", fresh_node(YAML::NodeType::Map));
  set_default(out, "expression_custom_functions", fresh_node(YAML::NodeType::Sequence));
  set_default(out, "accelergy_plug_ins", fresh_node(YAML::NodeType::Sequence));
  return out;
}

// The files of the specification's `globals.expression_custom_functions`, each relative to the
// file that lists it or to an add_to_path() folder (as timeloopfe finds them; globs allowed),
// as absolute paths. The expressions get the functions of every file any loaded document
// listed (SpecLoader::function_files), as with Accelergy's loader.
std::vector<std::string> custom_function_files(const YAML::Node& globals, const SpecLoader& loader) {
  const YAML::Node files = find_key(globals, "expression_custom_functions");
  if (!files.IsDefined() || files.IsNull()) return {};
  if (!files.IsSequence()) loader.fail(files, "globals.expression_custom_functions", "must be a list of files");
  std::vector<std::string> paths;
  for (const YAML::Node& file : files) {
    if (!file.IsScalar()) loader.fail(file, "globals.expression_custom_functions", "must be a list of files");
    const std::vector<std::string> found = resolve_paths(file.Scalar(), directory_of(loader.file_of(file)), loader.search_dirs());
    if (found.empty())
      loader.fail(file, "globals.expression_custom_functions",
                  "cannot find '" + file.Scalar() + "' beside " + loader.file_of(file) + " or in the add_to_path() folders");
    paths.insert(paths.end(), found.begin(), found.end());
  }
  return paths;
}

}  // namespace

YAML::Node process_v04(const std::vector<std::string>& files, const std::map<std::string, std::string>& template_vars,
                       Purpose purpose, const VariableOverrides& variable_overrides) {
  return process_v04_located(files, template_vars, purpose, variable_overrides).root;
}

std::string process_v04_text(const std::vector<std::string>& files, const std::map<std::string, std::string>& template_vars,
                             Purpose purpose, const VariableOverrides& variable_overrides) {
  return processed_to_text(process_v04(files, template_vars, purpose, variable_overrides));
}

ProcessedV04 process_v04_located(const std::vector<std::string>& files, const std::map<std::string, std::string>& template_vars,
                                 Purpose purpose, const VariableOverrides& variable_overrides) {
  const YamlArena arena;
  SpecLoader loader(template_vars);
  const Sections sections = combine_files(loader, files);
  const std::vector<std::string> function_files = custom_function_files(sections.globals, loader);
  loader.set_expression_functions(cimloop::ExpressionFunctions::from_files(loader.function_files(), "globals.expression_custom_functions"));
  Symbols variables;
  const YAML::Node given = with_overrides(versioned(sections.variables), variable_overrides);
  const YAML::Node variable_tree = sections.variables.IsMap() || !variable_overrides.values.empty()
                                       ? cimloop::evaluate_variables_with_arrays(given, sections, loader, variables)
                                       : versioned(YAML::Node());
  loader.set_nodes(architecture_nodes(sections.architecture, variables, loader));
  ProblemInfo problem_info;
  YAML::Node problem = process_problem(sections.problem, variables, problem_info, loader);
  const ReductionContext context{loader, problem_info, variables, variable_tree};
  ReducedArchitecture architecture = walk_architecture(sections.architecture, context);
  attach_target_list(sections.constraint_targets, architecture, context, "constraints.targets");
  attach_target_list(sections.mapping, architecture, context, "mapping");
  cimloop::synthesize_max_utilization(architecture, variables, problem_info, problem["instance"], loader);
  expand_maximize_dims(architecture, context);
  const YAML::Node directives = finish_directives(architecture, context);

  YAML::Node out = fresh_node(YAML::NodeType::Map);
  out["dumped_by_timeloop_front_end"] = "true";
  out["architecture"] = architecture_tree(architecture);
  YAML::Node constraints = fresh_node(YAML::NodeType::Map);
  constraints["targets"] = purpose == Purpose::Mapper ? directives : fresh_node(YAML::NodeType::Sequence);
  out["architecture_constraints"] = constraints;
  out["problem"] = problem;
  YAML::Node components = fresh_node(YAML::NodeType::Map);
  components["version"] = version_text();
  components["classes"] = sections.component_classes;
  out["compound_components"] = components;
  out["mapping"] = purpose == Purpose::Model ? directives : fresh_node(YAML::NodeType::Sequence);
  out["mapper"] = mapper_defaults(sections.mapper);
  YAML::Node mapspace = versioned(sections.mapspace);
  set_default(mapspace, "template", text("uber"));
  out["mapspace"] = mapspace;
  out["globals"] = globals_defaults(sections.globals);
  if (!function_files.empty()) {
    YAML::Node listed = fresh_node(YAML::NodeType::Sequence);
    for (const std::string& path : function_files) listed.push_back(path);
    out["globals"]["expression_custom_functions"] = listed;
  }
  if (sections.has_sparse || architecture.sparse_targets.size() > 0) {
    YAML::Node all = fresh_node(YAML::NodeType::Sequence);
    for (const YAML::Node& target : architecture.sparse_targets) all.push_back(target);
    for (const YAML::Node& target : sections.sparse_targets) all.push_back(target);
    YAML::Node sparse = fresh_node(YAML::NodeType::Map);
    sparse["targets"] = sparse_targets(all, architecture, loader);
    out["sparse_optimizations"] = sparse;
  }
  for (const auto& [key, value] : sections.passthrough) out[key] = value;
  canonicalize_processed(out);
  ProcessedV04 processed{out, {}};
  processed.line_origins.reserve(loader.line_origins().size());
  for (const Origin& origin : loader.line_origins()) processed.line_origins.emplace_back(origin.file, origin.line);
  return processed;
}

bool is_raw_v04(const std::string& path) {
  if (path.size() >= 7 && (path.substr(path.size() - 7) == ".jinja2" || path.substr(path.size() - 3) == ".j2")) return true;
  std::string content;
  try {
    content = read_text_file(path);
  } catch (const InputError&) {
    return false;  // the ordinary loader reports unreadable files
  }
  // Fast paths (timeloop-model's start-up time): the regex and the YAML parse below can only
  // match when these substrings occur.
  bool maybe_marked = content.find("{{") != std::string::npos || content.find("{%") != std::string::npos ||
                      content.find("<<<") != std::string::npos;
  for (std::size_t bang = content.find('!'); !maybe_marked && bang != std::string::npos; bang = content.find('!', bang + 1))
    maybe_marked = bang + 1 < content.size() && std::isupper(static_cast<unsigned char>(content[bang + 1]));
  static const std::regex markers(R"(!(Container|Component|Hierarchical|Parallel|Pipelined|Nothing|ArrayContainer)\b|\{\{|\{%|<<<\s*:)");
  if (maybe_marked && std::regex_search(content, markers)) return true;
  if (content.find("nodes") == std::string::npos) return false;
  try {
    const YAML::Node root = YAML::Load(content);
    const YAML::Node architecture = find_key(root, "architecture");
    return find_key(architecture, "nodes").IsDefined();
  } catch (const YAML::Exception&) {
    return false;
  }
}

}  // namespace cimloop::compat::v04
