#include "src/nest/multicast.hpp"

#include <algorithm>
#include <map>

namespace cimloop::nest {
namespace {

struct ColumnSpan {
  std::int64_t min_row, max_row;
};

struct ClassExtent {
  std::int64_t members = 0;
  std::int64_t max_column = 0;
  std::map<std::int64_t, ColumnSpan> columns;
};

double class_hops(const ClassExtent& extent, double centre) {
  double hops = static_cast<double>(extent.max_column);
  for (const auto& [column, span] : extent.columns) {
    if (static_cast<double>(span.min_row) < centre) hops += centre - static_cast<double>(span.min_row);
    if (static_cast<double>(span.max_row) > centre) hops += static_cast<double>(span.max_row) - centre;
  }
  return hops;
}

}  // namespace

std::vector<ClassGroup> group_classes(const std::vector<int>& class_of_child, std::int64_t classes, MeshShape mesh) {
  std::vector<ClassExtent> extents(classes);
  const std::int64_t width = std::max<std::int64_t>(1, mesh.width);
  for (std::size_t child = 0; child < class_of_child.size(); ++child) {
    if (class_of_child[child] < 0) continue;
    ClassExtent& extent = extents[class_of_child[child]];
    const std::int64_t column = static_cast<std::int64_t>(child) % width, row = static_cast<std::int64_t>(child) / width;
    ++extent.members;
    extent.max_column = std::max(extent.max_column, column);
    auto [span, added] = extent.columns.try_emplace(column, ColumnSpan{row, row});
    if (!added) {
      span->second.min_row = std::min(span->second.min_row, row);
      span->second.max_row = std::max(span->second.max_row, row);
    }
  }
  const double centre = static_cast<double>(std::max<std::int64_t>(1, mesh.height) - 1) / 2;
  std::map<std::int64_t, ClassGroup> by_size;
  for (const ClassExtent& extent : extents) {
    if (extent.members == 0) continue;
    ClassGroup& group = by_size[extent.members];
    group.multicast = extent.members;
    ++group.classes;
    group.hops += class_hops(extent, centre);
  }
  std::vector<ClassGroup> groups;
  for (const auto& entry : by_size) groups.push_back(entry.second);
  return groups;
}

void add_visit(MulticastHistogram& histogram, const std::vector<ClassGroup>& groups, double volume) {
  for (const ClassGroup& group : groups) {
    auto before = [](const MulticastEntry& e, const ClassGroup& g) {
      return e.multicast != g.multicast ? e.multicast < g.multicast : e.scatter < g.classes;
    };
    auto position = std::lower_bound(histogram.begin(), histogram.end(), group, before);
    if (position == histogram.end() || position->multicast != group.multicast || position->scatter != group.classes)
      position = histogram.insert(position, MulticastEntry{group.multicast, group.classes, 0, 0});
    position->accesses += volume * static_cast<double>(group.classes);
    position->hops += volume * group.hops;
  }
}

void scale(MulticastHistogram& histogram, double factor) {
  for (MulticastEntry& entry : histogram) entry.accesses *= factor;
}

}  // namespace cimloop::nest
