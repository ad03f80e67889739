#include "src/mapper/progress.hpp"

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace cimloop::mapper {
namespace {

std::atomic<bool>* g_stop_flag = nullptr;

extern "C" void on_interrupt(int) {
  if (g_stop_flag) g_stop_flag->store(true);
  std::signal(SIGINT, SIG_DFL);
}

std::string rate_text(double per_second) {
  char text[32];
  if (per_second >= 1e6) std::snprintf(text, sizeof text, "%.1fM/s", per_second / 1e6);
  else if (per_second >= 1e3) std::snprintf(text, sizeof text, "%.1fk/s", per_second / 1e3);
  else std::snprintf(text, sizeof text, "%.0f/s", per_second);
  return text;
}

}  // namespace

std::string format_progress(const SearchMonitor& monitor, const std::vector<Metric>& metrics, double seconds) {
  char text[256];
  const long long evaluated = monitor.evaluated.load();
  std::snprintf(text, sizeof text, "%lld mappings, %lld evaluated, %lld valid",
                static_cast<long long>(monitor.visited.load()), evaluated,
                static_cast<long long>(monitor.valid.load()));
  std::string line = text;
  if (auto best = monitor.best()) {
    line += " | best";
    for (std::size_t i = 0; i < metrics.size() && i < best->size(); ++i) {
      std::snprintf(text, sizeof text, " %s %.4g", metric_name(metrics[i]).c_str(), (*best)[i]);
      line += text;
    }
  }
  std::snprintf(text, sizeof text, " | %s | %.1f s", rate_text(seconds > 0 ? evaluated / seconds : 0).c_str(),
                seconds);
  return line + text;
}

ProgressLine::ProgressLine(std::function<std::string(double)> text, bool enabled)
    : text_(std::move(text)), start_(std::chrono::steady_clock::now()) {
  if (enabled) drawer_ = std::thread([this] { run(); });
}

ProgressLine::ProgressLine(const SearchMonitor& monitor, std::vector<Metric> metrics, bool enabled)
    : ProgressLine([&monitor, metrics = std::move(metrics)](double seconds) {
        return format_progress(monitor, metrics, seconds);
      }, enabled) {}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::finish() {
  if (!drawer_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  drawer_.join();
}

void ProgressLine::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    bool last = wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return done_; });
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "\r\033[K%s%s", text_(seconds).c_str(), last ? "\n" : "");
    std::fflush(stderr);
    if (last) return;
  }
}

InterruptGuard::InterruptGuard(SearchMonitor& monitor) {
  g_stop_flag = &monitor.stop;
  std::signal(SIGINT, on_interrupt);
}

InterruptGuard::~InterruptGuard() {
  std::signal(SIGINT, SIG_DFL);
  g_stop_flag = nullptr;
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) != 0; }

}  // namespace cimloop::mapper
