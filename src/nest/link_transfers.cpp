#include "src/nest/link_transfers.hpp"

#include <algorithm>

namespace cimloop::nest {
namespace {

struct Box {
  RankVector lo, hi;
};

// Splits box(corner) minus box(removed) (same span) into at most 2 * ranks disjoint boxes.
int split_difference(const DeltaSet& set, const RankVector& span, int ranks, std::array<Box, 2 * workload::kMaxRanks>& out) {
  Box rest;
  for (int r = 0; r < ranks; ++r) {
    rest.lo[r] = set.corner[r];
    rest.hi[r] = set.corner[r] + span[r] - 1;
  }
  if (!set.partial) {
    out[0] = rest;
    return 1;
  }
  int count = 0;
  for (int r = 0; r < ranks; ++r) {
    const std::int64_t cut_lo = set.removed[r], cut_hi = set.removed[r] + span[r] - 1;
    if (rest.lo[r] < cut_lo) {
      Box piece = rest;
      piece.hi[r] = std::min(rest.hi[r], cut_lo - 1);
      out[count++] = piece;
      rest.lo[r] = cut_lo;
    }
    if (rest.hi[r] > cut_hi) {
      Box piece = rest;
      piece.lo[r] = std::max(rest.lo[r], cut_hi + 1);
      out[count++] = piece;
      rest.hi[r] = cut_hi;
    }
    if (rest.lo[r] > rest.hi[r]) break;
  }
  return count;
}

bool inside(const Box& box, const RankVector& corner, const RankVector& offset, const RankVector& span, int ranks) {
  for (int r = 0; r < ranks; ++r) {
    const std::int64_t lo = corner[r] + offset[r];
    if (box.lo[r] < lo || box.hi[r] > lo + span[r] - 1) return false;
  }
  return true;
}

bool disjoint(const Box& box, const RankVector& corner, const RankVector& offset, const RankVector& span, int ranks) {
  for (int r = 0; r < ranks; ++r) {
    const std::int64_t lo = corner[r] + offset[r];
    if (box.hi[r] < lo || box.lo[r] > lo + span[r] - 1) return true;
  }
  return false;
}

}  // namespace

bool direct_translation(const DeltaSet& a, const DeltaSet& b, int ranks, RankVector& translation) {
  if (a.partial != b.partial) return false;
  for (int r = 0; r < ranks; ++r) {
    if (a.partial && a.corner[r] - a.removed[r] != b.corner[r] - b.removed[r]) return false;
    translation[r] = a.corner[r] - b.corner[r];
  }
  return true;
}

bool equals_translated(const DeltaSet& a, const DeltaSet& b, const RankVector& offset, const RankVector& span,
                       int ranks) {
  if (a.size == 0 || a.size != b.size) return false;
  RankVector direct{};
  if (direct_translation(a, b, ranks, direct)) {
    for (int r = 0; r < ranks; ++r)
      if (direct[r] != offset[r]) return false;
    return true;
  }
  std::array<Box, 2 * workload::kMaxRanks> pieces;
  const int count = split_difference(a, span, ranks, pieces);
  for (int k = 0; k < count; ++k) {
    if (!inside(pieces[k], b.corner, offset, span, ranks)) return false;
    if (b.partial && !disjoint(pieces[k], b.removed, offset, span, ranks)) return false;
  }
  return true;  // a is contained in b + offset and both have the same size
}

bool LinkPlan::mark_link_sources(const DeltaSet& current, const DeltaSet& previous, const RankVector& span, int ranks,
                                 std::vector<char>& usable) const {
  RankVector direct;  // only its first `ranks` entries are set and compared
  if (direct_translation(current, previous, ranks, direct)) {
    // The offsets are distinct, so at most one of them is the translation.
    auto is_direct = [&](const RankVector& offset) {
      for (int r = 0; r < ranks; ++r)
        if (offset[r] != direct[r]) return false;  // a loop: std::equal would call memcmp
      return true;
    };
    const auto found = std::find_if(offsets.begin(), offsets.end(), is_direct);
    if (found == offsets.end()) return false;
    usable.assign(offsets.size(), 0);
    usable[found - offsets.begin()] = 1;
    return true;
  }
  usable.resize(offsets.size());
  bool any = false;
  for (std::size_t k = 0; k < offsets.size(); ++k) {
    usable[k] = equals_translated(current, previous, offsets[k], span, ranks);
    any = any || usable[k];
  }
  return any;
}

LinkOutcome LinkPlan::compute_outcome(const std::vector<char>& usable, std::int64_t classes) const {
  LinkOutcome result{0, 0, true, {}};
  std::vector<char> class_kept(classes, 0);
  const std::int64_t children = static_cast<std::int64_t>(class_of_child.size());
  std::vector<int> served_class(with_groups ? children : 0, -1);
  for (std::int64_t c = 0; c < children; ++c) {
    bool by_link = false;
    for (int direction = 0; direction < 4 && !by_link; ++direction) {
      const int id = neighbour_offset[c * 4 + direction];
      by_link = id >= 0 && usable[id];
    }
    if (by_link) {
      ++result.linked;
      continue;
    }
    if (with_groups) served_class[c] = class_of_child[c];
    if (!class_kept[class_of_child[c]]) {
      class_kept[class_of_child[c]] = 1;
      ++result.remaining_classes;
    }
  }
  if (with_groups) result.groups = group_classes(served_class, classes, mesh);
  return result;
}

const LinkOutcome& LinkPlan::outcome(const std::vector<char>& usable, std::int64_t classes) {
  constexpr std::size_t kMemoisedTranslations = 10;
  if (offsets.size() > kMemoisedTranslations) {
    uncached_ = compute_outcome(usable, classes);
    return uncached_;
  }
  std::size_t pattern = 0;
  for (std::size_t k = 0; k < offsets.size(); ++k) pattern |= static_cast<std::size_t>(usable[k] != 0) << k;
  outcomes_.resize(std::size_t{1} << offsets.size());
  LinkOutcome& memo = outcomes_[pattern];
  if (!memo.known) memo = compute_outcome(usable, classes);
  return memo;
}

void LinkPlan::build(const std::vector<std::int64_t>& translations, std::int64_t children, int ranks,
                     std::int64_t mesh_width, bool toroidal) {
  offsets.clear();
  outcomes_.clear();
  neighbour_offset.assign(static_cast<std::size_t>(children) * 4, -1);
  const std::int64_t width = std::max<std::int64_t>(1, mesh_width);
  const std::int64_t height = (children + width - 1) / width;
  for (std::int64_t child = 0; child < children; ++child) {
    const std::int64_t h = child % width, v = child / width;
    const std::int64_t neighbours[4][2] = {{h - 1, v}, {h + 1, v}, {h, v - 1}, {h, v + 1}};
    for (int direction = 0; direction < 4; ++direction) {
      std::int64_t nh = neighbours[direction][0], nv = neighbours[direction][1];
      if (toroidal) {
        nh = (nh + width) % width;
        nv = (nv + height) % height;
      }
      if (nh < 0 || nh >= width || nv < 0 || nv >= height) continue;
      const std::int64_t other = nv * width + nh;
      if (other >= children || other == child) continue;
      RankVector offset{};
      for (int r = 0; r < ranks; ++r) offset[r] = translations[other * ranks + r] - translations[child * ranks + r];
      auto found = std::find(offsets.begin(), offsets.end(), offset);
      if (found == offsets.end()) found = offsets.insert(offsets.end(), offset);
      neighbour_offset[child * 4 + direction] = static_cast<int>(found - offsets.begin());
    }
  }
}

}  // namespace cimloop::nest
