"""Eyeriss v1 (examples/eyeriss_jssc2017): running its layers and the quantities the published
rows name. A layer is mapped with zero gating off (the chip's gating saves power, not cycles,
while Sparseloop counts a gated MAC as no cycle), and that mapping is evaluated again with the
gating on: latency and active PEs come from the first run, energy and traffic from the second."""
import math
import os
import re
from dataclasses import dataclass

import yaml

from . import timeloop

DESIGN_DIR = "examples/eyeriss_jssc2017"
NETWORKS = {
    "alexnet": ["conv1", "conv2", "conv3", "conv4", "conv5"],
    "vgg16": ["conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3",
              "conv4_1", "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3"],
}
ON_CHIP_STORAGE = ["psum_spad", "weights_spad", "ifmap_spad", "shared_glb", "weights_glb"]
PE_PARTS = ["mac", "psum_spad", "weights_spad", "ifmap_spad"]
COMPRESSED = ("Inputs", "Outputs")   # run-length coded in DRAM


def row_stationary_strips(filter_rows, out_rows, pe_rows, pe_columns):
    """The PE set of a layer is filter_rows x out_rows PEs (JSSC 2017 Sec. IV-A). Wider than the
    array, its output rows are strip-mined: as many strips as fit are stacked down the rows,
    each at most pe_columns wide. Returns (columns per strip, strips stacked)."""
    if filter_rows > pe_rows:
        raise ValueError(f"a {filter_rows}-row filter does not fit the {pe_rows} PE rows")
    if out_rows <= pe_columns:
        return out_rows, 1
    stacked = min(pe_rows // filter_rows, math.ceil(out_rows / pe_columns))
    return min(pe_columns, math.ceil(out_rows / stacked)), stacked


@dataclass
class LayerRun:
    dims: dict
    mapped: timeloop.Stats      # gating off: the mapping and its timing
    gated: timeloop.Stats       # the same mapping with the chip's zero gating
    core_hz: float
    word_bits: int
    link_bits: int
    rlc_pairs_per_word: int

    @property
    def macs(self):
        return math.prod(self.dims.get(d, 1) for d in "GCMRSNPQ")

    @property
    def processing_s(self):
        return max(self.mapped.level(n).cycles for n in ["mac"] + ON_CHIP_STORAGE) / self.core_hz

    @property
    def total_s(self):
        return self.mapped.cycles / self.core_hz

    @property
    def active_pes(self):
        return self.macs / self.mapped.level("mac").cycles

    def chip_energy_j(self, stats=None):
        s = stats or self.gated
        return s.energy_uj * 1e-6 - s.level("DRAM").energy_pj * 1e-12

    def pe_energy_j(self, stats):
        return sum(stats.level(n).energy_pj for n in PE_PARTS) * 1e-12

    @property
    def chip_power_w(self):
        return self.chip_energy_j() / self.processing_s

    def dram_bytes(self, spaces=("Weights", "Inputs", "Outputs"), dense=False):
        """Off-chip traffic. Run-length coded feature maps take one link word per
        rlc_pairs_per_word non-zeros (the published format); Sparseloop's own count of RLE
        metadata runs over the sliding-window ranks of Inputs and overstates it."""
        ds = self.gated.level("DRAM").data_spaces
        bits = 0.0
        for name in spaces:
            if name not in ds:
                continue
            if dense or name not in COMPRESSED:
                bits += ds[name]["algorithmic" if dense else "actual"] * self.word_bits
            else:
                bits += ds[name]["actual"] * self.link_bits / self.rlc_pairs_per_word
        return bits / 8

    @property
    def glb_bytes(self):
        return sum(self.gated.level(n).accesses for n in ("shared_glb", "weights_glb")) * self.word_bits / 8

    def energy_share(self, names):
        return sum(self.gated.level(n).energy_pj for n in names) * 1e-12 / self.chip_energy_j()

    @property
    def input_pixels(self):
        d = self.dims
        width = (d.get("P", 1) - 1) * d.get("Wstride", 1) + d.get("R", 1)
        height = (d.get("Q", 1) - 1) * d.get("Hstride", 1) + d.get("S", 1)
        return d.get("N", 1) * width * height


class Eyeriss:
    design_names = re.compile(r"^Eyeriss v1$")
    networks = NETWORKS

    def __init__(self, repo, binary_dir, out_dir, log):
        self.repo, self.binary_dir, self.out_dir, self.log = repo, binary_dir, out_dir, log
        self.arch = os.path.join(repo, DESIGN_DIR, "arch.yaml")
        self.mapper = os.path.join(repo, DESIGN_DIR, "mapper.yaml")
        self.runs = {}
        with open(self.arch) as f:
            self.variables = yaml.safe_load(f.read().split("architecture:")[0])["variables"]

    def layer_file(self, network, layer):
        return os.path.join(self.repo, DESIGN_DIR, network, layer + ".yaml")

    def run(self, network, layer, batch=None, core_mhz=None, link_mhz=None):
        core = core_mhz or self.variables["CORE_CLOCK_MHZ"]
        link = link_mhz or self.variables["LINK_CLOCK_MHZ"]
        path = self.layer_file(network, layer)
        with open(path) as f:
            text = f.read()
        batch = batch or int(re.search(r"BATCH: (\d+)", text).group(1))
        shape = {d: int(m.group(1)) if (m := re.search(rf"\b{d}: (\d+)", text)) else 1 for d in "SQ"}
        columns, stacked = row_stationary_strips(shape["S"], shape["Q"], self.variables["PE_ROWS"],
                                                 self.variables["PE_COLUMNS"])
        key = (network, layer, batch, core, link)
        if key in self.runs:
            return self.runs[key]
        jinja = {"rs_columns": columns, "rs_row_segments": stacked, "rs_filter_rows": shape["S"]}
        sets = {"CORE_CLOCK_MHZ": core, "LINK_CLOCK_MHZ": link, "BATCH": batch}
        tag = f"{network}_{layer}_b{batch}_core{core:g}_link{link:g}"
        base = os.path.join(self.out_dir, "runs", "eyeriss", tag)
        files = [self.arch, path, self.mapper]
        mapped = timeloop.run_mapper(self.binary_dir, files, os.path.join(base, "mapped"), sets,
                                     {**jinja, "zero_gating": "off"}, self.log)
        fixed = os.path.join(base, "mapping_constraints.yaml")
        with open(fixed, "w") as f:
            f.write(timeloop.mapping_as_constraints(os.path.join(base, "mapped", "timeloop-mapper.map.yaml")))
        gated = timeloop.run_mapper(self.binary_dir, files + [fixed], os.path.join(base, "gated"), sets,
                                    jinja, self.log)
        v = self.variables
        run = LayerRun(mapped.problem, mapped, gated, core * 1e6, v["WORD_BITS"], v["LINK_BITS"],
                       v["RLC_PAIRS_PER_LINK_WORD"])
        self.runs[key] = run
        return run
