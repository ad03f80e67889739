"""Simba (examples/simba_vlsi2019): its layers (ResNet-50 at batch 1) and the quantities the
published rows name."""
import math
import os
import re

import yaml

from . import timeloop

DESIGN_DIR = "examples/simba_vlsi2019"
KIB = 1024


def _resnet50_layers(repo):
    names = sorted(f[:-5] for f in os.listdir(os.path.join(repo, DESIGN_DIR, "resnet50")))
    return ["conv1"] + [n for n in names if n != "conv1"]


class Simba:
    def __init__(self, repo, binary_dir, out_dir, log):
        self.repo, self.binary_dir, self.out_dir, self.log = repo, binary_dir, out_dir, log
        self.arch = os.path.join(repo, DESIGN_DIR, "arch.yaml")
        self.mapper = os.path.join(repo, DESIGN_DIR, "mapper.yaml")
        self.networks = {"resnet50": _resnet50_layers(repo)}
        with open(self.arch) as f:
            self.variables = yaml.safe_load(f.read().split("architecture:")[0])["variables"]
        self.runs = {}

    def run(self, network, layer, chips=None, batch=None):
        chips = chips or self.variables["CHIPLETS_X"] * self.variables["CHIPLETS_Y"]
        side = math.isqrt(chips)
        mesh = (side, side) if side * side == chips else (chips, 1)
        key = (network, layer, mesh, batch)
        if key not in self.runs:
            sets = {"CHIPLETS_X": mesh[0], "CHIPLETS_Y": mesh[1], **({"BATCH": batch} if batch else {})}
            out = os.path.join(self.out_dir, "runs", "simba", f"{network}_{layer}_chips{chips}_b{batch or 'default'}")
            files = [self.arch, os.path.join(self.repo, DESIGN_DIR, network, layer + ".yaml"), self.mapper]
            self.runs[key] = timeloop.run_mapper(self.binary_dir, files, out, sets, None, self.log)
        return self.runs[key]

    def spec(self, chips=1):
        return self.run("resnet50", "res5_1_b", chips)


def _chiplet_pes(s):
    return s.level("PEInputBuffer").instances // s.level("GlobalBuffer").instances


def _macs_per_cycle(s, per):
    macs = s.level("LMAC").instances
    return macs // {"chiplet": s.level("GlobalBuffer").instances, "PE": s.level("PEInputBuffer").instances}[per]


def _buffer_kib(level):
    return lambda ctx, row, cond: (lambda s: s.level(level).size_words * s.level(level).word_bits / 8 / KIB)(ctx.simba.spec())


def _chiplet_area(ctx, row, cond):
    s = ctx.simba.spec()
    return sum(lv.area_um2 for lv in s.levels if lv.name != "DRAM") / 1e6


HANDLERS = [
    (r"^process$", lambda ctx, row, cond: float(re.match(r"(\d+)", ctx.simba.spec().components["LMAC"]["technology"]).group(1))),
    (r"^chiplets per package$", lambda ctx, row, cond: ctx.simba.variables["CHIPLETS_X"] * ctx.simba.variables["CHIPLETS_Y"]),
    (r"^PEs per chiplet$", lambda ctx, row, cond: _chiplet_pes(ctx.simba.spec())),
    (r"^weight buffer$", _buffer_kib("PEWeightBuffer")),
    (r"^input activation buffer$", _buffer_kib("PEInputBuffer")),
    (r"^vector MAC lanes$", lambda ctx, row, cond: (lambda s: s.level("PEAccuBuffer").instances // s.level("PEInputBuffer").instances)(ctx.simba.spec())),
    (r"^vector MAC width$", lambda ctx, row, cond: (lambda s: s.level("LMAC").instances // s.level("PEAccuBuffer").instances)(ctx.simba.spec())),
    (r"^MACs per cycle$", lambda ctx, row, cond: _macs_per_cycle(ctx.simba.spec(), "PE" if "PE," in row.condition or row.condition.lower().startswith("per pe") else "chiplet")),
    (r"^chip \(chiplet\) area$|^chiplet dimensions$", _chiplet_area),
]


def handler_for(metric):
    return next((h for pattern, h in HANDLERS if re.search(pattern, metric, re.I)), None)
