#pragma once
// Link transfers between neighbouring spatial instances (Timeloop's inter-PE forwarding): a
// child whose new data equals what a mesh neighbour received on the previous visit can get it
// over a link instead of from the parent. Deltas are compared as point sets.
#include <array>
#include <cstdint>
#include <vector>

#include "src/nest/multicast.hpp"
#include "src/workload/workload.hpp"

namespace cimloop::nest {

using RankVector = std::array<std::int64_t, workload::kMaxRanks>;

// The data a child receives on one visit: its working set (a box of a fixed span at `corner`),
// minus the previous working set (same span, at `removed`) when only part of it is new.
struct DeltaSet {
  RankVector corner{};
  RankVector removed{};
  bool partial = false;
  std::int64_t size = 0;  // 0 = nothing new
};

// When `a` and `b` are both whole working sets, or both what remains after the same move, `a`
// equals `b` + u for exactly one translation u: sets `translation` to it and returns true.
bool direct_translation(const DeltaSet& a, const DeltaSet& b, int ranks, RankVector& translation);

// True when `a` equals `b` translated by `offset` (both deltas of working sets of span `span`).
bool equals_translated(const DeltaSet& a, const DeltaSet& b, const RankVector& offset, const RankVector& span,
                       int ranks);

// What link transfers achieve on one visit: children served by a neighbour, and multicast
// classes the parent still has to serve.
struct LinkOutcome {
  std::int64_t linked = 0;
  std::int64_t remaining_classes = 0;
  bool known = false;
  std::vector<ClassGroup> groups;  // the remaining classes by size (when the plan has a mesh)
};

// Mesh neighbourhood of the children of one spatial fan-out and one data space: the distinct
// translations between neighbours, and for each child the translation id towards each of its
// (up to four) neighbours.
struct LinkPlan {
  std::vector<RankVector> offsets;
  std::vector<int> neighbour_offset;  // [child * 4 + direction], -1 when there is no neighbour
  std::vector<int> class_of_child;    // multicast class (equal translations) of each child
  MeshShape mesh{};                   // set to also group the remaining classes (network statistics)
  bool with_groups = false;

  // `translations` holds `children` rows of `ranks` values: each child's data translation.
  void build(const std::vector<std::int64_t>& translations, std::int64_t children, int ranks,
             std::int64_t mesh_width, bool toroidal);

  // Marks in `usable` the translations k for which `current` equals `previous` (same size, both
  // deltas of working sets of span `span`) moved by offsets[k]; false when there is none.
  bool mark_link_sources(const DeltaSet& current, const DeltaSet& previous, const RankVector& span, int ranks,
                         std::vector<char>& usable) const;

  // Outcome when exactly the translations k with usable[k] != 0 carry a child's new data;
  // memoised, since a plan sees the same few patterns on every visit.
  const LinkOutcome& outcome(const std::vector<char>& usable, std::int64_t classes);

 private:
  LinkOutcome compute_outcome(const std::vector<char>& usable, std::int64_t classes) const;
  std::vector<LinkOutcome> outcomes_;  // by usable pattern as a bit mask, when there are few translations
  LinkOutcome uncached_;
};

}  // namespace cimloop::nest
