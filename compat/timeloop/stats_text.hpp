#pragma once
// Building blocks of Timeloop's stats.txt shared by the dense and the sparse layouts: the
// text builder with Timeloop's field alignment and number style, and the sections both
// layouts print alike.
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>

#include "compat/timeloop/number_format.hpp"
#include "compat/timeloop/stats_writer.hpp"

namespace cimloop::compat {

class StatsText {
 public:
  explicit StatsText(FloatStyle style) : style_(style) {}

  void line(const std::string& text = "") { out_ << text << '\n'; }
  // `label` left-justified in `width` columns after `indent` spaces, then ": value".
  void field(int indent, int width, const std::string& label, const std::string& value) {
    out_ << std::string(indent, ' ') << label;
    if (static_cast<int>(label.size()) < width) out_ << std::string(width - label.size(), ' ');
    out_ << ": " << value << '\n';
  }
  std::string num(double value) const { return format_float(value, style_); }
  std::string pct(double value) const { return format_percent(value); }
  std::string str() const { return out_.str(); }

 private:
  FloatStyle style_;
  std::ostringstream out_;
};

inline std::string optional_float(const StatsText& text, const std::optional<double>& value) {
  return value ? text.num(*value) : "-";
}

inline std::string instances_text(std::int64_t instances, std::int64_t x, std::int64_t y) {
  return std::to_string(instances) + " (" + std::to_string(x) + "*" + std::to_string(y) + ")";
}

// "Level N", its underline and "=== name ===" with the blank line after it.
void write_level_heading(StatsText& text, int number, const std::string& name);
// Buffer SPECS lines from "Cluster size" to "Multiple buffering", and from the leakage to the
// area (with the blank line after it).
void write_buffer_organization(StatsText& text, const arch::BufferSpec& spec);
void write_buffer_leakage_and_area(StatsText& text, const arch::BufferSpec& spec, const model::BufferStats& stats);
// Level 0's heading, its SPECS and the STATS heading.
void write_arithmetic_specs(StatsText& text, const arch::ArithmeticSpec& spec);
// The MAPPING block of storage level `level`.
void write_loop_nest(StatsText& text, const workload::Workload& workload, const mapping::Mapping& mapping, int level);
bool buffer_shown(const model::BufferStats& stats, const StatsOptions& options);
void write_operational_intensity(StatsText& text, const arch::ArchSpec& arch, const model::EvalResult& result);
// "Summary Stats" down to the Area line and a blank line.
void write_summary_totals(StatsText& text, const model::EvalResult& result);
// "<label> = N", "<unit>" and one "name = fJ" row per level with energy, then Total.
// With hidden stats off, every level and network gets a row.
void write_energy_per_compute(StatsText& text, const arch::ArchSpec& arch, const model::EvalResult& result,
                              const std::string& label, const std::string& unit, std::int64_t computes,
                              const StatsOptions& options);

}  // namespace cimloop::compat
