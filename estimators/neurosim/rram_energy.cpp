#include "estimators/neurosim/rram_energy.hpp"

#include <algorithm>
#include <cmath>

#include "estimators/neurosim/memory_cell.hpp"
#include "estimators/neurosim/node_constants.hpp"
#include "estimators/neurosim/rram_periphery.hpp"
#include "estimators/neurosim/technology.hpp"
#include "src/common/error.hpp"

namespace cimloop::estimators::neurosim {

namespace {

constexpr const char* kFile = "neurosim/rram_energy.yaml";
constexpr int kDecoderBits = 8;  // column-mux decoders with a measured energy

struct Tables {
  double switch_buffer_threshold = 0;  // crossbar row switch fingers a buffer starts growing at
  double column_switch_vt_offset = 0;  // V, the crossbar column switch's threshold over the row switch's
  double pass_gate_min_fingers = 0;    // column mux pass gate: its minimum size
  NodeConstants read_1t1r, read_xbar, write_1t1r, write_xbar, col_read, cell_write;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
    const YAML::Node root = load_data_file(kFile);
    try {
      out.switch_buffer_threshold = root["switch_buffer_threshold_fingers"].as<double>();
      out.column_switch_vt_offset = root["column_switch_vt_offset_v"].as<double>();
      out.pass_gate_min_fingers = root["pass_gate_min_fingers"].as<double>();
    } catch (const YAML::Exception& e) {
      throw InputError(std::string(kFile) + ": " + e.what());
    }
    out.read_1t1r = NodeConstants(root["row_read_one_t_one_r"], kFile, "row_read_one_t_one_r",
                                  {"flip_flops", "wire", "switch", "gate", "bitline", "gate_linear"});
    out.read_xbar = NodeConstants(root["row_read_crossbar"], kFile, "row_read_crossbar",
                                  {"flip_flops", "wire", "switch", "switch_width", "switch_buffer", "cell", "bitline"});
    out.write_1t1r = NodeConstants(root["row_write_one_t_one_r"], kFile, "row_write_one_t_one_r",
                                   {"fixed", "per_inverse_row", "column", "column_set", "gate", "gate_set",
                                    "active_column", "mux", "mux_set"});
    out.write_xbar = NodeConstants(root["row_write_crossbar"], kFile, "row_write_crossbar",
                                   {"fixed", "per_inverse_row", "active_column", "column_wire", "column_switch",
                                    "half_selected", "row_switch", "row_switch_fingers", "row_switch_active",
                                    "row_switch_fingers_active"});
    std::vector<std::string> col_terms = {"pass_gate", "cell", "wire"};
    for (int bits = 1; bits <= kDecoderBits; ++bits) col_terms.push_back("decoder_" + std::to_string(bits));
    out.col_read = NodeConstants(root["col_read"], kFile, "col_read", col_terms);
    out.cell_write = NodeConstants(root["cell_write"], kFile, "cell_write",
                                   {"one_t_one_r", "one_t_one_r_per_inverse_row", "one_t_one_r_per_inverse_row2",
                                    "access_width", "crossbar", "crossbar_per_inverse_row",
                                    "crossbar_per_inverse_row2", "per_inverse_supply"});
    return out;
  }();
  return t;
}

// The attributes every formula uses.
struct Array {
  const ArrayRequest& a;
  int node;
  double supply, v2;
  int mux;
  double active_cols;  // columns read or written at once
  double access_width;  // the 1T1R access transistor's width: F, fins at FinFET nodes
  Array(const ArrayRequest& request, int n)
      : a(request),
        node(n),
        supply(supply_voltage(request, n)),
        v2(supply * supply),
        mux(std::max(1, (request.cols + request.cols_active_at_once - 1) / request.cols_active_at_once)),
        active_cols(std::min(request.cols_active_at_once, request.cols)),
        access_width(node_devices(n).effective_width(request.cell.access_cmos_width_f)) {}
};

bool one_t_one_r(const ArrayRequest& a) { return a.cell.has_access_transistor; }

// Read: `switching` is charged once per input pulse and, with a column mux, (1 - 1/mux) / rows
// more per read; `line` once per pulse, the rest (off) whether the row is driven or not.
OnOff row_read(const Array& x) {
  const ArrayRequest& a = x.a;
  const double cols = a.cols, vread2 = a.cell.read_voltage * a.cell.read_voltage;
  const double mux_share = (1.0 - 1.0 / x.mux) / a.rows;
  double off = 0, switching = 0, line = 0;
  if (one_t_one_r(a)) {
    const std::vector<double>& c = tables().read_1t1r.at(x.node);
    const double gates = cols * a.cell.capacitance_multiplier * x.access_width;
    off = x.v2 * c[0];
    switching = x.v2 * c[2];
    line = x.v2 * (c[1] * cols * a.cell.width_f() + c[3] * gates) + c[4] * cols * x.access_width * vread2 +
           c[5] * x.supply * gates;
  } else {
    const std::vector<double>& c = tables().read_xbar.at(x.node);
    const double fingers = crossbar_switch_fingers(a, x.node, x.supply, cols);
    const double buffer = std::max(0.0, fingers - tables().switch_buffer_threshold);
    off = x.v2 * c[0];
    switching = x.v2 * (c[2] + c[3] * fingers + c[4] * buffer);
    line = x.v2 * (c[1] * cols * a.cell.width_f() + c[5] * cols * a.cell.capacitance_multiplier) +
           c[6] * cols * vread2;
  }
  return {off + switching * (1 + mux_share) + line, off + switching * mux_share};
}

double row_write(const Array& x) {
  const ArrayRequest& a = x.a;
  const double rows = a.rows, cols = a.cols, active = x.active_cols;
  if (one_t_one_r(a)) {
    const std::vector<double>& c = tables().write_1t1r.at(x.node);
    const double set2 = a.cell.set_voltage * a.cell.set_voltage, mux_share = 1.0 - 1.0 / x.mux;
    const double gates = cols * a.cell.capacitance_multiplier * x.access_width;
    return x.v2 * (c[0] + c[1] / rows + c[2] * cols + c[4] * gates + c[6] * active + c[7] * mux_share) +
           set2 * (c[3] * cols + c[5] * cols * x.access_width + c[8] * mux_share);
  }
  const std::vector<double>& c = tables().write_xbar.at(x.node);
  const double column_switch = crossbar_switch_fingers(a, x.node, x.supply, rows, tables().column_switch_vt_offset);
  const double row_switch = crossbar_switch_fingers(a, x.node, x.supply, cols);
  const double row_fingers = std::ceil(row_switch);
  return x.v2 * (c[0] + c[1] / rows + c[2] * active + c[3] * active * rows * a.cell.height_f() +
                 c[4] * active * column_switch + c[5] * active * (cols - active) + c[6] * row_switch +
                 c[7] * row_fingers + c[8] * row_switch * active + c[9] * row_fingers * active);
}

}  // namespace

DriverValues rram_row_driver_energies(const ArrayRequest& a, int node) {
  const Array x(a, node);
  DriverValues v;
  v.read_hi = v.read_lo = row_read(x);
  v.write_hi.on_pj = v.write_lo.on_pj = row_write(x);
  return v;
}

double rram_col_driver_read_pj(const ArrayRequest& a, int node) {
  const Array x(a, node);
  if (x.mux < 2) return 0;
  const std::vector<double>& c = tables().col_read.at(node);
  const double gate = std::max(column_mux_fingers(a, node, x.supply), tables().pass_gate_min_fingers);
  // The decoder switches once per column read; beyond the table each bit doubles it.
  const int bits = static_cast<int>(std::ceil(std::log2(x.mux)));
  const double decoder = c[2 + std::min(bits, kDecoderBits)] * std::pow(2.0, std::max(0, bits - kDecoderBits));
  return x.v2 * (c[0] * gate + c[1] * a.rows * a.cell.capacitance_multiplier + c[2] * a.rows * a.cell.height_f() +
                 decoder / a.cols_active_at_once);
}

double rram_cell_write_overhead_pj(const ArrayRequest& a, int node) {
  const Array x(a, node);
  const std::vector<double>& c = tables().cell_write.at(node);
  const double r = a.rows, set2 = a.cell.set_voltage * a.cell.set_voltage;
  const double lines = one_t_one_r(a) ? c[0] + c[1] / r + c[2] / (r * r) + c[3] * x.access_width
                                      : c[4] + c[5] / r + c[6] / (r * r);
  return set2 * (lines + c[7] / x.supply);
}

}  // namespace cimloop::estimators::neurosim
