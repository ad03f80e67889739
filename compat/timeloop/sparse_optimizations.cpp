#include "compat/timeloop/sparse_optimizations.hpp"

#include <algorithm>

#include "src/common/error.hpp"

namespace cimloop::compat {
namespace {

using sparse::ActionKind;
using sparse::RankFormat;

struct Context {
  const arch::ArchSpec& arch;
  const workload::Workload& workload;
  const ValueReader& reader;
  sparse::SparseSpec& spec;
  std::vector<std::string>& messages;
};

int storage_level(const Context& c, const std::string& name) {
  const int level = c.arch.storage_index(name);
  if (level < 0) throw InputError("target storage level not found: " + name);
  return level;
}

int data_space(const Context& c, const YAML::Node& name, const std::string& key) {
  const int t = name.IsScalar() ? c.workload.data_space_index(name.Scalar()) : -1;
  if (t < 0) fail_at(c.reader.sources(), name, key, "no data space named '" + (name.IsScalar() ? name.Scalar() : "") + "'");
  return t;
}

RankFormat parse_format(const std::string& name) {
  static const std::pair<const char*, RankFormat> kNames[] = {
      {"UOP", RankFormat::UOP}, {"uop", RankFormat::UOP}, {"CP", RankFormat::CP}, {"cp", RankFormat::CP},
      {"B", RankFormat::B},     {"b", RankFormat::B},     {"UB", RankFormat::UB}, {"ub", RankFormat::UB},
      {"RLE", RankFormat::RLE}, {"rle", RankFormat::RLE}};
  for (const auto& [text, format] : kNames)
    if (name == text) return format;
  throw InputError("parsing specs... unrecognized metadata format name: " + name);
}

// Given word bits are widened to the next value dividing the metadata storage width (as the
// reference does to avoid fragmentation) and may not exceed that width.
int word_bits(const Context& c, int level, std::optional<std::int64_t> given, int level_default) {
  if (!given) return level_default;
  const std::int64_t width = c.spec.metadata[level].width;
  std::int64_t bits = *given;
  if (bits != 0 && width % bits != 0) {
    std::int64_t adjusted = bits;
    while (adjusted < 2 * bits && width % adjusted != 0) ++adjusted;
    c.messages.push_back("Warning: " + c.arch.storage[level].name + ": adjust representation format word bits from " +
                         std::to_string(bits) + " to " + std::to_string(adjusted) +
                         " to avoid storage fragmentation.");
    bits = adjusted;
  }
  if (bits > width) {
    throw InputError("specified format representation  word bits > metadata storage width at " +
                     c.arch.storage[level].name);
  }
  return static_cast<int>(bits);
}

sparse::RankSpec parse_rank(const Context& c, int level, const YAML::Node& node) {
  const std::optional<std::string> name = c.reader.text(node, {"format"});
  if (!name) throw StdoutInputError("ERROR: data representation format specification: keyword \"format\" missing");
  sparse::RankSpec rank;
  rank.format = parse_format(*name);
  const int level_default = c.spec.metadata[level].word_bits;
  const bool user_bits = rank.format != RankFormat::UB;
  const std::optional<std::int64_t> payload = user_bits ? c.reader.integer(node, {"payload_word_bits"}) : std::nullopt;
  std::optional<std::int64_t> metadata = user_bits ? c.reader.integer(node, {"metadata_word_bits"}) : std::nullopt;
  if (rank.format == RankFormat::B) metadata = metadata.value_or(1);  // one bit per coordinate
  rank.payload_word_bits = word_bits(c, level, payload, level_default);
  rank.metadata_word_bits = word_bits(c, level, metadata, level_default);
  const YAML::Node rules = child(node, "flattened_rankIDs");
  if (rules.IsSequence()) {
    rank.has_flattening = true;
    for (const YAML::Node& rule : rules) {
      for (const YAML::Node& dimension : rule.IsSequence() ? rule : YAML::Node(std::vector<YAML::Node>{rule})) {
        const int d = dimension.IsScalar() ? c.workload.dimension_index(dimension.Scalar()) : -1;
        if (d < 0) fail_at(c.reader.sources(), dimension, "flattened_rankIDs", "unknown dimension");
        rank.flattened_dimensions |= 1u << d;
      }
    }
  }
  return rank;
}

void parse_representation(const Context& c, int level, const YAML::Node& format) {
  const std::string& level_name = c.arch.storage[level].name;
  for (const YAML::Node& entry : child(format, "data_spaces")) {
    const int t = data_space(c, child(entry, "name"), "representation_format.data_spaces.name");
    const YAML::Node ranks = child(entry, "ranks");
    if (!ranks.IsDefined()) throw StdoutInputError("keyword \"ranks\" missing in data representation specification: " + level_name);
    sparse::RepresentationSpec spec;
    if (const auto order = c.reader.text(entry, {"rank_application_order"})) {
      if (*order != "outer_to_inner" && *order != "inner_to_outer")
        throw InputError("compression rank application order not recognized: " + *order);
      spec.inner_to_outer = *order == "inner_to_outer";
    }
    for (const YAML::Node& rank : ranks) spec.ranks.push_back(parse_rank(c, level, rank));
    std::reverse(spec.ranks.begin(), spec.ranks.end());  // rank 0 = innermost
    if (static_cast<int>(spec.ranks.size()) > sparse::kMaxRanks)
      fail_at(c.reader.sources(), ranks, "ranks", "at most " + std::to_string(sparse::kMaxRanks) + " ranks are supported");
    bool uncompressed_seen = false;
    for (const sparse::RankSpec& rank : spec.ranks) {
      const bool compressed = sparse::is_compressed(rank.format);
      if (compressed && uncompressed_seen) {
        throw InputError(
            "data representation format not supported,currently do not support lower rank uncompressed, upper rank "
            "compressed formats: " + std::string(sparse::format_name(rank.format)));
      }
      uncompressed_seen = uncompressed_seen || !compressed;
      spec.compressed = spec.compressed || compressed;
    }
    if (child(entry, "compression_rate").IsDefined() && !spec.compressed)
      throw StdoutInputError(" cannot have compression rate for uncompressed data");
    spec.has_metadata = !spec.ranks.empty();
    if (spec.has_metadata) c.spec.levels[level].formats[t] = std::move(spec);
    else c.spec.levels[level].formats[t].reset();
  }
}

sparse::ActionOption parse_option(const Context& c, const std::string& level_name, const YAML::Node& node) {
  const YAML::Node target = child(node, "target"), leaders = child(node, "condition_on");
  if (!target.IsDefined() || !leaders.IsDefined())
    throw InputError(level_name + ": storage action optimization choice not recognized...");
  if (!leaders.IsSequence())
    throw InputError("sparse optimization spec invalid -- conditioned on dataspace(s) need to be specified as a list");
  sparse::ActionOption option;
  option.target = data_space(c, target, "action_optimization.target");
  for (const YAML::Node& leader : leaders) option.leaders.push_back(data_space(c, leader, "condition_on"));
  return option;
}

void parse_actions(const Context& c, int level, const YAML::Node& list) {
  const std::string& level_name = c.arch.storage[level].name;
  std::array<std::vector<sparse::ActionGroup>, 3> groups;
  for (const YAML::Node& item : list) {
    const std::string type = c.reader.text(item, {"type"}).value_or("");
    ActionKind kind;
    if (type == "gating") kind = ActionKind::Gating;
    else if (type == "skipping") kind = ActionKind::Skipping;
    else if (type == "skipping_spatial") fail_at(c.reader.sources(), item, "type", "spatial skipping is not supported yet");
    else throw InputError(level_name + ": storage action optimization type not recognized...");
    sparse::ActionGroup group;
    const YAML::Node options = child(item, "options");
    if (options.IsSequence()) {
      for (const YAML::Node& option : options) group.push_back(parse_option(c, level_name, option));
    } else {
      group.push_back(parse_option(c, level_name, item));
    }
    groups[static_cast<int>(kind)].push_back(std::move(group));
  }
  for (int kind = 0; kind < 3; ++kind)
    if (!groups[kind].empty()) c.spec.levels[level].actions[kind] = std::move(groups[kind]);
}

void parse_compute(const Context& c, const std::string& name, const YAML::Node& list) {
  if (name != c.arch.arithmetic.name) {
    fail_at(c.reader.sources(), list, "compute_optimization",
            "target " + name + " is not the arithmetic level (" + c.arch.arithmetic.name + ")");
  }
  c.spec.compute_gating = c.spec.compute_skipping = false;
  for (const YAML::Node& item : list) {
    const std::string type = c.reader.text(item, {"type"}).value_or("");
    if (type == "gating" || type == "gate_on_zero_operand") c.spec.compute_gating = true;
    else if (type == "skipping" || type == "skip_on_not_aligned_operands") c.spec.compute_skipping = true;
    else fail_at(c.reader.sources(), item, "type", "compute optimization type not recognized: " + type);
  }
}

}  // namespace

void parse_sparse_optimizations(const YAML::Node& section, const arch::ArchSpec& arch,
                                const workload::Workload& workload, const ValueReader& reader,
                                sparse::SparseSpec& spec, std::vector<std::string>& stdout_messages) {
  const Context c{arch, workload, reader, spec, stdout_messages};
  for (const YAML::Node& target : child(section, "targets")) {
    const std::string name = reader.text(target, {"name"}).value_or("");
    const YAML::Node format = child(target, "representation_format");
    const YAML::Node actions = child(target, "action_optimization");
    const YAML::Node compute = child(target, "compute_optimization");
    if (!format.IsDefined() && !actions.IsDefined() && !compute.IsDefined()) {
      stdout_messages.push_back("Warning: unrecognized sparse optimization optimization specification: " + name);
      continue;
    }
    spec.optimized = true;
    if (format.IsDefined()) parse_representation(c, storage_level(c, name), format);
    if (actions.IsDefined()) parse_actions(c, storage_level(c, name), actions);
    if (compute.IsDefined()) parse_compute(c, name, compute);
  }
}

}  // namespace cimloop::compat
