#pragma once
// Sparseloop's inputs as plain data: per data space density models, per storage level the
// representation formats of tiles (fibertree ranks), the gating/skipping options and the
// metadata storage, the compute optimisations, and the energies of the fine-grained actions.
// Parsed once (compat/timeloop/sparse_inputs), evaluated many times.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/workload/workload.hpp"

namespace cimloop::sparse {

// Fibertree ranks one tile may have (formats list at most this many ranks).
inline constexpr int kMaxRanks = 8;

enum class RankFormat : std::uint8_t {
  UOP,  // uncompressed offset pairs
  UB,   // uncompressed bitmask
  CP,   // coordinate/payload list
  B,    // bitmask
  RLE,  // run-length
};

const char* format_name(RankFormat format);  // Timeloop's lower-case names ("uop", ...)
bool is_compressed(RankFormat format);

struct RankSpec {
  RankFormat format = RankFormat::UOP;
  int metadata_word_bits = 0;  // after the level defaults and the fragmentation adjustment
  int payload_word_bits = 0;
  // Flattening rule: bit d set when this rank may absorb loops over dimension d.
  std::uint32_t flattened_dimensions = 0;
  bool has_flattening = false;
};

// Representation of one data space at one level. Rank 0 is the innermost (last listed) rank.
struct RepresentationSpec {
  std::vector<RankSpec> ranks;
  bool inner_to_outer = false;  // rank_application_order
  bool compressed = false;      // any rank compressed
  bool has_metadata = false;    // listed at all (every listed format carries metadata)
};

enum class ActionKind : std::uint8_t { Gating, Skipping, SpatialSkipping };

struct ActionOption {
  int target = 0;             // data space
  std::vector<int> leaders;   // condition_on data spaces
};

// One list item of `action_optimization`: alternatives of which the analysis picks one.
using ActionGroup = std::vector<ActionOption>;

struct LevelSparseSpec {
  std::array<std::optional<RepresentationSpec>, workload::kMaxDataSpaces> formats;
  std::array<std::vector<ActionGroup>, 3> actions;  // by ActionKind, in input order

  const std::vector<ActionGroup>& groups(ActionKind kind) const { return actions[static_cast<int>(kind)]; }
};

// Metadata storage attributes of a storage level.
struct MetadataStorage {
  int word_bits = 0;                    // metadata_datawidth / metadata_word_bits
  std::int64_t width = 0;               // metadata_storage_width (bits per access)
  std::optional<std::int64_t> depth;    // metadata_storage_depth
  std::int64_t block_size = 1;          // metadata_block_size
  bool decompression_supported = false;
  bool compression_supported = false;
};

// pJ per vector access of the fine-grained storage actions (random_* are the dense energies).
struct LevelEnergies {
  double gated_read = 0, skipped_read = 0;
  double gated_fill = 0, skipped_fill = 0;
  double gated_update = 0, skipped_update = 0;
  double metadata_read = 0, gated_metadata_read = 0, skipped_metadata_read = 0;
  double metadata_fill = 0, gated_metadata_fill = 0, skipped_metadata_fill = 0;
  double metadata_update = 0, gated_metadata_update = 0, skipped_metadata_update = 0;
  double decompression = 0, compression = 0;
};

struct ComputeEnergies {
  double gated = 0, skipped = 0;
};

enum class DensityKind : std::uint8_t { FixedStructured, Hypergeometric, Banded };

struct DensitySpec {
  DensityKind kind = DensityKind::FixedStructured;
  double density = 1.0;
  std::int64_t tensor_size = 0;  // hypergeometric population; 0 = the data space's footprint
  std::int64_t band_width = 0;
};

struct SparseSpec {
  // Some target asks for a format, an action or a compute optimisation (else every
  // fine-grained count equals the dense one; the layout is sparse all the same).
  bool optimized = false;
  std::vector<DensitySpec> densities;       // per data space
  std::vector<LevelSparseSpec> levels;      // per storage level, innermost first
  std::vector<MetadataStorage> metadata;    // per storage level
  std::vector<LevelEnergies> energies;      // per storage level
  ComputeEnergies compute_energies;
  bool compute_gating = false;
  bool compute_skipping = false;

  const std::optional<RepresentationSpec>& format(int level, int data_space) const {
    return levels[level].formats[data_space];
  }
};

}  // namespace cimloop::sparse
