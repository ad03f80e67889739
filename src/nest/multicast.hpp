#pragma once
// Multicast classes of one spatial fan-out, as Timeloop's network statistics report them:
// children that receive the same data from the parent form a class, classes are grouped by
// size ("@multicast k @scatter c") and each class costs the mesh hops that reach its members.
#include <cstdint>
#include <vector>

namespace cimloop::nest {

// One entry of a level's ingress histogram.
struct MulticastEntry {
  std::int64_t multicast = 1;  // children sharing each datum (class size)
  std::int64_t scatter = 1;    // classes of that size
  double accesses = 0;         // parent accesses, summed over the classes
  double hops = 0;             // mesh hops of the classes, weighted by their accesses
};
using MulticastHistogram = std::vector<MulticastEntry>;  // sorted by (multicast, scatter)

// The classes of one size within one fan-out.
struct ClassGroup {
  std::int64_t multicast = 1;
  std::int64_t classes = 0;
  double hops = 0;  // summed over the classes
};

// Child c sits at column c mod width and row c div width; the parent feeds the mesh from the
// edge of its centre row.
struct MeshShape {
  std::int64_t width = 1, height = 1;
};

// Groups classes by size: class_of_child[c] is the class of child c in [0, classes), or -1
// for a child that receives nothing. A class needs the hops to its farthest column plus, in
// every column it uses, the vertical distance from the centre row to its outermost members.
std::vector<ClassGroup> group_classes(const std::vector<int>& class_of_child, std::int64_t classes, MeshShape mesh);

// Adds one visit of the fan-out: every class of `groups` receives `volume` elements.
void add_visit(MulticastHistogram& histogram, const std::vector<ClassGroup>& groups, double volume);

// Multiplies the accesses of every entry (a level's traffic re-routed or repeated by bypass and
// pass-through); as in Timeloop the hops keep their value, so the average hop count changes.
void scale(MulticastHistogram& histogram, double factor);

}  // namespace cimloop::nest
