"""The published Eyeriss v1 quantities, computed from our model. Each handler takes
(model, row, condition) and returns the value in the row's unit; rows whose metric matches no
handler are left to the explanations."""
import re

from .eyeriss import NETWORKS

SRAM_LEVELS = ["shared_glb", "weights_glb", "weights_spad"]   # the filter spad is SRAM, the others registers
SPADS = ["psum_spad", "weights_spad", "ifmap_spad"]
KIB = 1024


class Unanswerable(Exception):
    """The row names a quantity of the model, but not under conditions it can produce."""


def _layers(ctx, cond, default_network="alexnet"):
    network = cond.network or default_network
    layers = cond.layers or NETWORKS.get(network, [])
    if network not in NETWORKS:
        raise Unanswerable(f"no {network} layers in examples/eyeriss_jssc2017")
    return [ctx.run(network, layer, cond.batch, cond.core_mhz, cond.link_mhz) for layer in layers]


def _spec(ctx):
    return ctx.run("alexnet", "conv5").gated


def _words(ctx, level):
    return _spec(ctx).level(level).size_words


def _bytes(ctx, level):
    s = _spec(ctx)
    return s.level(level).size_words * s.level(level).word_bits / 8


def _sum(runs, f):
    return sum(f(r) for r in runs)


def _per_layer_or_total(metric):
    def handler(ctx, row, cond):
        return metric(_layers(ctx, cond), row, cond)
    return handler


def _latency(runs, row, cond):
    return _sum(runs, lambda r: r.processing_s) * 1e3


def _total_latency(runs, row, cond):
    return _sum(runs, lambda r: r.total_s) * 1e3


def _power(runs, row, cond):
    return _sum(runs, lambda r: r.chip_energy_j()) / _sum(runs, lambda r: r.processing_s) * 1e3


def _active_pes(runs, row, cond):
    time = _sum(runs, lambda r: r.processing_s)
    average = _sum(runs, lambda r: r.active_pes * r.processing_s) / time
    pes = runs[0].mapped.level("mac").instances
    return average / pes * 100 if row.unit.strip() == "%" else average


def _macs(runs, row, cond):
    scale = {"g": 1e9, "mops": 1e6, "million": 1e6}
    unit = row.unit.lower()
    return _sum(runs, lambda r: r.macs) / next(v for k, v in scale.items() if unit.startswith(k))


def _weights(runs, row, cond):
    n = _sum(runs, lambda r: r.macs / (r.dims.get("N", 1) * r.dims.get("P", 1) * r.dims.get("Q", 1)))
    return n / (1e3 if row.unit.lower().startswith("thousand") else 1e6)


def _per_image_macs(ctx, row, cond):
    runs = _layers(ctx, cond)
    return _sum(runs, lambda r: r.macs / r.dims.get("N", 1)) / 1e6


def _frame_rate(runs, row, cond):
    return runs[0].dims.get("N", 1) / _sum(runs, lambda r: r.total_s)


def _throughput(runs, row, cond):
    return _sum(runs, lambda r: r.macs) / _sum(runs, lambda r: r.processing_s) / 1e9


def _efficiency(runs, row, cond):
    return _sum(runs, lambda r: r.macs) / _sum(runs, lambda r: r.chip_energy_j()) / 1e9


def _dram_mb(runs, row, cond):
    return _sum(runs, lambda r: r.dram_bytes()) / 1e6


def _dram_per_mac(runs, row, cond):
    return _sum(runs, lambda r: r.dram_bytes() / 2) / _sum(runs, lambda r: r.macs)


def _dram_per_pixel(runs, row, cond):
    return _sum(runs, lambda r: r.dram_bytes() / 2) / runs[0].input_pixels


def _glb_mb(runs, row, cond):
    return _sum(runs, lambda r: r.glb_bytes) / 1e6


def _rlc_saving(runs, row, cond):
    fmaps = ("Inputs", "Outputs")
    return (1 - _sum(runs, lambda r: r.dram_bytes(fmaps)) / _sum(runs, lambda r: r.dram_bytes(fmaps, True))) * 100


def _gating_saving(runs, row, cond):
    return (1 - _sum(runs, lambda r: r.pe_energy_j(r.gated)) / _sum(runs, lambda r: r.pe_energy_j(r.mapped))) * 100


def _share(names):
    def share(runs, row, cond):   # the largest share over the named layers (rows state bounds)
        return max(r.energy_share(names) for r in runs) * 100
    return share


def _area_share(names):
    def share(ctx, row, cond):
        s = _spec(ctx)
        total = sum(lv.area_um2 for lv in s.levels if lv.name != "DRAM")
        return sum(s.level(n).area_um2 for n in names) / total * 100
    return share


def _core_area(ctx, row, cond):
    s = _spec(ctx)
    return sum(lv.area_um2 for lv in s.levels if lv.name != "DRAM") / 1e6


def _peak(ctx, row, cond):
    mhz = cond.core_mhz or ctx.eyeriss.variables["CORE_CLOCK_MHZ"]
    return _spec(ctx).level("mac").instances * mhz / 1e3


def _attr(name, key, scale=1.0):
    return lambda ctx, row, cond: float(_spec(ctx).components[name][key]) * scale


def _technology(ctx, row, cond):
    return float(re.match(r"(\d+)", _spec(ctx).components["mac"]["technology"]).group(1))


def _spad(ctx, row, cond):
    level = {"filter": "weights_spad", "ifmap": "ifmap_spad", "psum": "psum_spad"}[row.metric.split()[0].lower()]
    return _bytes(ctx, level) if row.unit.lower().startswith("bytes") else _words(ctx, level)


def _gin_bits(ctx, row, cond):
    glb = _spec(ctx).components["shared_glb"]
    word = float(glb["datawidth"])
    if row.metric.lower().startswith("ifmap"):
        raise Unanswerable("Timeloop has one bus per buffer level: the model carries ifmaps beside the "
                           "64-b filter/psum bus (consumption scale 0, arch.yaml), not on a 16-b bus of their own")
    if row.metric.lower().startswith("gon"):
        return float(glb["write_bandwidth"]) * word
    return float(_spec(ctx).components["weights_glb"]["read_bandwidth"]) * word


# (metric pattern, handler); the first match wins
HANDLERS = [
    (r"^process technology$", _technology),
    (r"^number of PEs$", lambda ctx, row, cond: _spec(ctx).level("mac").instances),
    (r"^PE array rows$", lambda ctx, row, cond: _spec(ctx).level("mac").mesh[1]),
    (r"^PE array columns$", lambda ctx, row, cond: _spec(ctx).level("mac").mesh[0]),
    (r"^global buffer \(GLB\) capacity$", lambda ctx, row, cond: (_bytes(ctx, "shared_glb") + _bytes(ctx, "weights_glb")) / KIB),
    (r"^GLB space for ifmaps\+psums$", lambda ctx, row, cond: _bytes(ctx, "shared_glb") / KIB),
    (r"^GLB space for filter weights$", lambda ctx, row, cond: _bytes(ctx, "weights_glb") / KIB),
    (r"^GLB ifmap/psum bank count$", _attr("shared_glb", "n_banks")),
    (r"^GLB bank size$", lambda ctx, row, cond: _bytes(ctx, "shared_glb") / float(_spec(ctx).components["shared_glb"]["n_banks"]) / KIB),
    (r"^(filter|ifmap|psum) spad( size)?$", _spad),
    (r"^total on-chip SRAM$", lambda ctx, row, cond: sum(_bytes(ctx, n) * _spec(ctx).level(n).instances for n in SRAM_LEVELS) / KIB),
    (r"^core area$", _core_area),
    (r"^arithmetic precision$", lambda ctx, row, cond: _spec(ctx).level("mac").word_bits),
    (r"^peak throughput$", _peak),
    (r"^DRAM interface data bus width$", _attr("DRAM", "width")),
    (r"GIN data bus width$|^GON data bus width$", _gin_bits),
    (r"^RLC max run length$", lambda ctx, row, cond: 2 ** int(_spec(ctx).components["DRAM"]["metadata_datawidth"]) - 1),
    (r"^fmap DRAM access saving from RLC$", _per_layer_or_total(_rlc_saving)),
    (r"^PE power saving from zero data gating$", _per_layer_or_total(_gating_saving)),
    (r"^area share of all spads$", _area_share(SPADS)),
    (r"^area share of on-chip storage", _area_share(SPADS + ["shared_glb", "weights_glb"])),
    (r"^area share of multipliers \+ adders", _area_share(["mac"])),
    (r"^AlexNet MACs$", _per_image_macs),
    (r"^AlexNet weights$", _per_layer_or_total(_weights)),
    (r"^number of filter weights$", _per_layer_or_total(_weights)),
    (r"^frame rate$", _per_layer_or_total(_frame_rate)),
    (r"^processing throughput$", _per_layer_or_total(_throughput)),
    (r"^chip power$", _per_layer_or_total(_power)),
    (r"^energy efficiency$", _per_layer_or_total(_efficiency)),
    (r"^active PEs$", _per_layer_or_total(_active_pes)),
    (r"^DRAM access$", _per_layer_or_total(_dram_mb)),
    (r"^DRAM accesses per MAC$", _per_layer_or_total(_dram_per_mac)),
    (r"^DRAM accesses per input pixel$", _per_layer_or_total(_dram_per_pixel)),
    (r"^GLB accesses", _per_layer_or_total(_glb_mb)),
    (r"^MACs( \(total\))?$", _per_layer_or_total(_macs)),
    (r"^total latency", _per_layer_or_total(_total_latency)),
    (r"^processing latency", _per_layer_or_total(_latency)),
    (r"^ALU share of chip power$", _per_layer_or_total(_share(["mac"]))),
    (r"^data-movement components", _per_layer_or_total(_share(SPADS + ["shared_glb", "weights_glb"]))),
]


def handler_for(metric):
    return next((h for pattern, h in HANDLERS if re.search(pattern, metric, re.I)), None)
