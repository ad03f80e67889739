#include "src/sparse/sparse_buffer.hpp"

#include <algorithm>
#include <cmath>

#include "src/model/mapping_checks.hpp"
#include "src/sparse/fibertree.hpp"

namespace cimloop::sparse {
namespace {

constexpr Access kAccesses[] = {Access::Read, Access::Fill, Access::Update};
constexpr Treatment kTreatments[] = {Treatment::Random, Treatment::Gated, Treatment::Skipped};

struct Occupancy {
  std::int64_t data = 0;
  RankList metadata{};
  std::int64_t bits = 0;
};

Occupancy occupancy_at(const TileState& tile, const DensityModel& density, double confidence) {
  Occupancy o;
  const std::int64_t nonzeros = density.max_occupancy(tile.shape, confidence);
  o.data = tile.compressed() ? nonzeros : tile.shape;
  o.metadata = metadata_occupancy(tile, density, nonzeros);
  o.bits = static_cast<std::int64_t>(std::ceil(metadata_bits(tile, o.metadata)));
  return o;
}

// Largest confidence in [low, 1] at which both sizes still fit their allocations.
double fitting_confidence(const TileState& tile, const DensityModel& density, double low, std::int64_t data_room,
                          std::int64_t metadata_room) {
  double high = 1.0;
  while (high - low > 0.01) {
    const double middle = (low + high) / 2;
    const Occupancy o = occupancy_at(tile, density, middle);
    if (o.data <= data_room && o.bits <= metadata_room) low = middle;
    else high = middle;
  }
  return low;
}

// Sizes of one tile at the confidence its level allows.
void size_tile(const LevelInputs& in, int t, double effective_bits, double expected_all, SparseDataSpaceStats& stats) {
  const TileState& tile = in.analysis.tile(in.level, t);
  stats.data_size = tile.shape;
  stats.confidence = 1.0;
  if (!tile.has_metadata()) return;
  const DensityModel& density = in.analysis.density(t);
  double confidence = 1.0;
  Occupancy o;
  if (in.spec.size) {
    const double expected = tile.compressed() ? tile.expected_data : static_cast<double>(tile.shape);
    const double share = expected_all == 0 ? 1.0 : expected / expected_all;
    const auto data_room = static_cast<std::int64_t>(std::ceil(static_cast<double>(*in.spec.effective_size) * share));
    const auto metadata_room = static_cast<std::int64_t>(std::ceil(effective_bits * share));
    confidence = in.spec.allow_overbooking ? 0.0 : 1.0;
    o = occupancy_at(tile, density, confidence);
    if (confidence < 1 && tile.compressed() && o.data < data_room && o.bits < metadata_room) {
      confidence = fitting_confidence(tile, density, confidence, data_room, metadata_room);
      o = occupancy_at(tile, density, confidence);
    }
  } else {
    o = occupancy_at(tile, density, 1.0);
  }
  stats.data_size = o.data;
  stats.confidence = confidence;
  stats.metadata_bits = o.bits;
  for (int r = 0; r < tile.ranks.count; ++r) {
    stats.metadata_size[r] = {static_cast<std::int64_t>(std::ceil(o.metadata[r].metadata)),
                              static_cast<std::int64_t>(std::ceil(o.metadata[r].payload))};
  }
}

double data_energy(const LevelInputs& in, Treatment treatment, Access access) {
  const LevelEnergies& e = in.energies;
  switch (access) {
    case Access::Read:
      return treatment == Treatment::Random ? in.spec.read_energy
                                            : (treatment == Treatment::Gated ? e.gated_read : e.skipped_read);
    case Access::Fill:
      return treatment == Treatment::Random ? in.spec.fill_energy
                                            : (treatment == Treatment::Gated ? e.gated_fill : e.skipped_fill);
    case Access::Update:
      break;
  }
  return treatment == Treatment::Random ? in.spec.update_energy
                                        : (treatment == Treatment::Gated ? e.gated_update : e.skipped_update);
}

double format_energy(const LevelInputs& in, Treatment treatment, Access access) {
  const LevelEnergies& e = in.energies;
  const double random[] = {e.metadata_read, e.metadata_fill, e.metadata_update};
  const double gated[] = {e.gated_metadata_read, e.gated_metadata_fill, e.gated_metadata_update};
  const double skipped[] = {e.skipped_metadata_read, e.skipped_metadata_fill, e.skipped_metadata_update};
  const int a = static_cast<int>(access);
  return treatment == Treatment::Random ? random[a] : (treatment == Treatment::Gated ? gated[a] : skipped[a]);
}

// Thresholds of the partial-block correction: a compressed tile smaller than these many
// blocks (per density decile) pays for partly filled blocks.
const std::int64_t* block_thresholds(std::int64_t block) {
  static const std::int64_t k2[] = {251, 125, 84, 63, 51, 42, 36, 32, 28, 1};
  static const std::int64_t k4[] = {375, 188, 125, 94, 75, 63, 54, 47, 42, 1};
  static const std::int64_t k8[] = {438, 219, 146, 110, 88, 73, 63, 55, 49, 1};
  static const std::int64_t k16[] = {469, 235, 157, 118, 94, 79, 67, 59, 52, 1};
  static const std::int64_t k32[] = {485, 243, 162, 122, 97, 81, 70, 61, 52, 1};
  switch (block) {
    case 2: return k2;
    case 4: return k4;
    case 8: return k8;
    case 16: return k16;
    case 32: return k32;
    default: return nullptr;
  }
}

// Vector accesses per block-wide access of a compressed tile (1 unless partly filled blocks matter).
double block_ratio(const TileState& tile, const DensityModel& density, std::int64_t block) {
  const double delta = tile.expected_density;
  const std::int64_t* thresholds = block_thresholds(block);
  if (!tile.compressed() || block <= 1 || delta >= 1 || thresholds == nullptr) return 1.0;
  const int index = delta < 0.1 ? 0 : static_cast<int>(std::floor(delta / 0.1)) - 1;
  if (thresholds[std::clamp(index, 0, 9)] <= tile.shape / block) return 1.0;
  double blocks = 0;
  for (std::int64_t k = 1; k <= tile.shape; ++k)
    blocks += std::ceil(static_cast<double>(k) / static_cast<double>(block)) * density.probability(tile.shape, k);
  return blocks / (static_cast<double>(tile.shape) * delta / static_cast<double>(block));
}

double format_bits(const TileState& tile, const RankList& counts) {
  return tile.has_metadata() ? metadata_bits(tile, counts) : 0.0;
}

// What an overbooked child tile cannot hold is read from this level instead: its share
// (1 - confidence) of the child's actual data and metadata reads, at this level's energies.
double overbooking_spill(const LevelInputs& in, int t, const std::vector<SparseDataSpaceStats>& all) {
  const int spaces = in.workload.num_data_spaces();
  int child = in.level - 1;
  while (child >= 0 && !in.analysis.tile(child, t).kept) --child;
  if (child < 0 || all[child * spaces + t].confidence >= 1) return 0;
  const TileState& tile = in.analysis.tile(child, t);
  const arch::BufferSpec& child_spec = in.arch.storage[child];
  const double reads = std::ceil(static_cast<double>(tile.counts.at(Treatment::Random, Access::Read)) /
                                 static_cast<double>(child_spec.block_size));
  const std::int64_t width = in.sparse.metadata[child].width;
  const double bits = format_bits(tile, tile.counts.ranks(Treatment::Random, Access::Read));
  const double metadata_reads = width == 0 ? 0 : std::ceil(bits / static_cast<double>(width));
  return (reads * in.spec.read_energy + metadata_reads * in.energies.metadata_read) *
         (1 - all[child * spaces + t].confidence);
}

std::uint64_t actual_and_gated(const FineCounts& c, Access access) {
  return c.at(Treatment::Random, access) + c.at(Treatment::Gated, access);
}

// Energy of one tile's actions (per instance and in all), address generations and their energy.
void account_energy(const LevelInputs& in, int t, const std::vector<SparseDataSpaceStats>& all,
                    SparseDataSpaceStats& s) {
  const arch::BufferSpec& spec = in.spec;
  const TileState& tile = in.analysis.tile(in.level, t);
  const FineCounts& c = tile.counts;
  const std::int64_t expansion = tile.max_x * tile.max_y;
  s.utilized_clusters = std::min(expansion, spec.instances / spec.cluster_size);
  const bool read_write = in.workload.data_spaces[t].read_write;
  s.address_generations =
      actual_and_gated(c, read_write ? Access::Update : Access::Read) + actual_and_gated(c, Access::Fill);
  double energy = 0;
  if (tile.shape > 0) {
    const double ratio = block_ratio(tile, in.analysis.density(t), spec.block_size);
    for (Treatment treatment : kTreatments) {
      for (Access access : kAccesses) {
        const std::uint64_t count = c.at(treatment, access);
        if (count != 0) {
          const double vectors = std::ceil(static_cast<double>(count) / static_cast<double>(spec.block_size)) * ratio;
          energy += vectors * data_energy(in, treatment, access);
        }
        const double bits = format_bits(tile, c.ranks(treatment, access));
        if (bits != 0 && in.metadata.width != 0)
          energy += std::ceil(bits / static_cast<double>(in.metadata.width)) * format_energy(in, treatment, access);
      }
    }
    energy += static_cast<double>(tile.decompressions) * in.energies.decompression +
              static_cast<double>(tile.compressions) * in.energies.compression;
  }
  energy = energy * s.confidence + overbooking_spill(in, t, all);
  s.energy_per_instance = energy / (static_cast<double>(expansion) / static_cast<double>(s.utilized_clusters));
  s.energy = s.energy_per_instance * tile.avg_replication;
  const std::uint64_t actual = c.at(Treatment::Random, Access::Read) + c.at(Treatment::Random, Access::Fill) +
                               c.at(Treatment::Random, Access::Update);
  s.energy_per_scalar_access = actual == 0 ? 0 : s.energy_per_instance / static_cast<double>(actual);
  s.address_generation_energy_per_cluster =
      static_cast<double>(s.address_generations) * spec.addr_gen_energy.value_or(0.0);
  s.address_generation_energy = s.address_generation_energy_per_cluster * static_cast<double>(s.utilized_clusters);
}

// Words per cycle a tile needs (before throttling): data words plus whole words of format
// bits (the reference divides before rounding up); skipped actions use no bandwidth.
void account_bandwidth(const LevelInputs& in, int t, double cycles, SparseDataSpaceStats& s) {
  const TileState& tile = in.analysis.tile(in.level, t);
  const FineCounts& c = tile.counts;
  auto bits = [&](Access access) {
    return static_cast<std::uint64_t>(format_bits(tile, c.ranks(Treatment::Random, access)) +
                                      format_bits(tile, c.ranks(Treatment::Gated, access)));
  };
  const auto word_bits = static_cast<std::uint64_t>(in.spec.word_bits);
  const std::uint64_t read_bits = bits(Access::Read), write_bits = bits(Access::Fill) + bits(Access::Update);
  const std::uint64_t read_words = actual_and_gated(c, Access::Read) + read_bits / word_bits;
  const std::uint64_t write_words =
      actual_and_gated(c, Access::Fill) + actual_and_gated(c, Access::Update) + write_bits / word_bits;
  auto share = [](std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
  };
  s.shared_format_share = share((read_bits + write_bits) / word_bits, read_words + write_words);
  s.read_format_share = share(read_bits / word_bits, read_words);
  s.write_format_share = share(write_bits / word_bits, write_words);
  const double spread = static_cast<double>(tile.max_x * tile.max_y) / tile.avg_replication;
  s.bandwidth_scale = model::bandwidth_scale(in.spec, in.workload.data_spaces[t].name);
  s.read_bandwidth = std::ceil(static_cast<double>(read_words) / spread) / cycles * s.bandwidth_scale;
  s.write_bandwidth = std::ceil(static_cast<double>(write_words) / spread) / cycles * s.bandwidth_scale;
}

}  // namespace

std::string check_sparse_capacity(const LevelInputs& in, std::vector<SparseDataSpaceStats>& all) {
  const int spaces = in.workload.num_data_spaces();
  SparseDataSpaceStats* stats = &all[in.level * spaces];
  double expected_all = 0;
  for (int t = 0; t < spaces; ++t) {
    const TileState& tile = in.analysis.tile(in.level, t);
    if (tile.shape > 0) expected_all += tile.compressed() ? tile.expected_data : static_cast<double>(tile.shape);
  }
  const double depth = static_cast<double>(in.metadata.depth.value_or(0));
  const auto metadata_capacity =
      static_cast<std::int64_t>(std::floor(depth * static_cast<double>(in.metadata.width) / in.spec.multiple_buffering));
  std::int64_t data = 0, bits = 0;
  for (int t = 0; t < spaces; ++t) {
    size_tile(in, t, static_cast<double>(metadata_capacity), expected_all, stats[t]);
    data += stats[t].data_size;
    bits += stats[t].metadata_bits;
  }
  if (std::string reason = model::capacity_failure(in.spec, data); !reason.empty()) return reason;
  if (in.spec.size && !in.spec.allow_overbooking && bits > metadata_capacity) {
    return "mapped metadata tile size " + std::to_string(bits) + " exceeds metadata buffer capacity " +
           std::to_string(metadata_capacity);
  }
  if (std::string reason = model::min_utilization_failure(in.spec, data); !reason.empty()) return reason;
  const bool overbooked = in.spec.size && in.spec.allow_overbooking && data > *in.spec.effective_size;
  for (int t = 0; t < spaces && overbooked; ++t) {
    if (in.analysis.tile(in.level, t).kept)
      return "best tile confidence is less than constrained minimum tile confidence 0";
  }
  const TileState& any = in.analysis.tile(in.level, 0);
  return model::expansion_failure(in.spec, {any.max_x * any.max_y, any.max_x, any.max_y});
}

void evaluate_sparse_buffer(const LevelInputs& in, std::int64_t compute_cycles, std::vector<SparseDataSpaceStats>& all,
                            model::BufferStats& buffer) {
  const arch::BufferSpec& spec = in.spec;
  const int spaces = in.workload.num_data_spaces();
  SparseDataSpaceStats* stats = &all[in.level * spaces];
  const double cycles = static_cast<double>(compute_cycles);
  double read_demand = 0, write_demand = 0;
  buffer.energy = 0;
  buffer.scalar_accesses = 0;
  for (int t = 0; t < spaces; ++t) {
    const TileState& tile = in.analysis.tile(in.level, t);
    SparseDataSpaceStats& s = stats[t];
    account_energy(in, t, all, s);
    buffer.energy += s.energy + s.address_generation_energy;
    buffer.scalar_accesses +=
        static_cast<std::int64_t>(tile.avg_replication * static_cast<double>(tile.reads + tile.fills + tile.updates));
    account_bandwidth(in, t, cycles, s);
    read_demand += s.read_bandwidth;
    write_demand += s.write_bandwidth;
  }
  const double slowdown = model::bandwidth_slowdown(spec, read_demand, write_demand);
  for (int t = 0; t < spaces; ++t) {
    stats[t].read_bandwidth *= slowdown;
    stats[t].write_bandwidth *= slowdown;
  }
  buffer.slowdown = slowdown;
  buffer.cycles = static_cast<std::int64_t>(std::ceil(cycles / slowdown));
}

}  // namespace cimloop::sparse
