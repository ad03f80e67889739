#pragma once
// The live progress line of a search (on stderr, redrawn a few times a second, only when
// stderr is a terminal) and the Ctrl-C handling that stops a search gracefully.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "src/mapper/mapper_settings.hpp"
#include "src/mapper/search.hpp"

namespace cimloop::mapper {

// "1234 mappings, 1000 evaluated, 800 valid | best edp 5.10e+00 | 52.1k/s | 3.2 s"
std::string format_progress(const SearchMonitor& monitor, const std::vector<Metric>& metrics, double seconds);

// A status line on stderr, redrawn a few times a second from `text(seconds since start)`.
class ProgressLine {
 public:
  // Draws nothing unless `enabled` (normally: stderr is a terminal).
  ProgressLine(std::function<std::string(double)> text, bool enabled);
  // A search's line (format_progress).
  ProgressLine(const SearchMonitor& monitor, std::vector<Metric> metrics, bool enabled);
  ~ProgressLine();  // finishes the line
  void finish();

 private:
  void run();

  std::function<std::string(double)> text_;
  bool done_ = false;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread drawer_;
};

// While alive, the first Ctrl-C sets monitor.stop (the search ends and its best mapping is
// still written); a second Ctrl-C terminates as usual.
class InterruptGuard {
 public:
  explicit InterruptGuard(SearchMonitor& monitor);
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
};

bool stderr_is_terminal();

}  // namespace cimloop::mapper
