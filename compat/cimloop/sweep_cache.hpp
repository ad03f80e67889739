#pragma once
// cimloop-explore's content cache: a unit's measure is stored under a key that hashes what
// decides it: the bytes of every file the specification can read (the folder of each
// specification file, recursively, and the estimators' data), the unit's layer file, its
// Jinja variables, variable overrides, mapper keys and analysis roles, and the cache's
// format version. Editing any of these recomputes exactly the units it can change; a grid
// extended by new values finds its old units in the cache.
#include <cstddef>
#include <optional>
#include <string>

#include "compat/cimloop/sweep_file.hpp"

namespace cimloop::compat::cimloop {

class SweepCache {
 public:
  // Reads the specification's files once (their digest is part of every key).
  SweepCache(const SweepPlan& plan, std::string directory);

  std::string key(std::size_t unit) const;
  std::string path(std::size_t unit) const;  // <directory>/<key>.json
  std::optional<std::string> load(std::size_t unit) const;
  void store(std::size_t unit, const std::string& text) const;  // atomically

 private:
  const SweepPlan& plan_;
  std::string directory_;
  std::string files_digest_;
};

// 128-bit FNV-1a of `text`, as 32 hex digits.
std::string content_hash(const std::string& text);

}  // namespace cimloop::compat::cimloop
