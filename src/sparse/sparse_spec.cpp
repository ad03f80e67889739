#include "src/sparse/sparse_spec.hpp"

namespace cimloop::sparse {

const char* format_name(RankFormat format) {
  switch (format) {
    case RankFormat::UB: return "ub";
    case RankFormat::CP: return "cp";
    case RankFormat::B: return "b";
    case RankFormat::RLE: return "rle";
    case RankFormat::UOP: break;
  }
  return "uop";
}

bool is_compressed(RankFormat format) {
  return format == RankFormat::CP || format == RankFormat::B || format == RankFormat::RLE;
}

}  // namespace cimloop::sparse
