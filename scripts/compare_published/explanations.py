"""Published rows the models do not produce, with the reason. Each rule: a pattern on the
design, one on the metric (both case-insensitive, searched), and the reason."""
import re

RULES = [
    # whole sources that describe something other than the two fabricated chips
    (r"Timeloop encoding|AccelForge encoding|exercises encoding", r"",
     "another tool's encoding of the chip (its own buffer sizes and technology), not a published "
     "silicon figure; our specification follows the papers instead"),
    (r"^Eyeriss v2$", r"", "Eyeriss v2 is a different chip (hierarchical mesh, sparse PEs); not modelled"),
    (r"ISCA'16 analysis", r"",
     "the ISCA 2016 dataflow study (256 PEs, 512 B RF, 128 kB GLB, normalised access costs), "
     "not the fabricated chip"),
    (r"Accelergy validation", r"",
     "compares Accelergy with post-layout simulation of Eyeriss; no post-layout data to model"),
    # Eyeriss v1
    (r"Eyeriss v1", r"^process$", "foundry process name (TSMC 65 nm LP 1P9M): text; the model "
     "uses the 65 nm node"),
    (r"Eyeriss v1", r"clock range|voltage range|I/O voltage|^link clock$",
     "operating range of the chip: an input of the model (the clocks are set per row's condition), "
     "not an output"),
    (r"Eyeriss v1", r"die size", "die size includes the pad ring and I/O, which the model has no "
     "component for (the core area row is modelled)"),
    (r"Eyeriss v1", r"scan chain|reconfiguration time",
     "configuration logic and its scan chain are not modelled (Timeloop models data movement and "
     "arithmetic)"),
    (r"Eyeriss v1", r"local network", "the inter-PE psum links are a network between PEs of "
     "one level, not between two levels, which is all a Timeloop network connects (no bandwidth "
     "or energy of their own)"),
    (r"Eyeriss v1", r"RLC overhead vs entropy", "needs the entropy of the real activations; the "
     "model has densities only"),
    (r"Eyeriss v1", r"zero ifmap values", "a property of the activations: an input of the model "
     "(these rows set the layers' input densities, see examples/eyeriss_jssc2017/README.md)"),
    (r"Eyeriss v1", r"logical PE set|sets sharing|filters per PE",
     "a mapping choice: the model derives the PE set from the layer (row-stationary strips) and "
     "its mapper picks the rest; see runs/*/mapped/timeloop-mapper.map.txt"),
    (r"Eyeriss v1", r"advantage over prior dataflows",
     "a comparison between dataflows (ISCA 2016), not a property of the chip"),
    (r"Eyeriss v1", r"efficiency vs mobile GPU", "a press claim against a GPU; no GPU model"),
    (r"Eyeriss v1", r"peak throughput range", "a range over clocks; the peak at one clock is "
     "modelled (168 MAC/cycle x clock)"),
    # Simba
    (r"Simba", r"speedup from non-uniform", "compares two mapping strategies of the MICRO paper's "
     "simulator; our mapper has no such switch"),
    (r"Simba", r"GRS|NoC/NoP|link bandwidth|links per chiplet",
     "package and chiplet networks (routers, GRS links) carry data between levels; Timeloop's "
     "networks have energy (examples/simba_vlsi2019 declares none yet) but no latency or "
     "bandwidth, so these rows are not modelled"),
    (r"Simba", r"transistor count", "no transistor-level model"),
    (r"Simba", r"advantage|performance range|performance scaling",
     "derived from measured operating points (clocks and voltages) that the table does not state"),
    (r"Simba", r"peak performance|area efficiency",
     "needs the clock of the measurement, which the table does not state; the model's peak is "
     "2 ops x 1024 MAC/cycle per chiplet (36 x that per package) times the clock (the MAC/cycle "
     "rows are modelled)"),
    (r"Simba", r"PE organization", "text ('4x4 PEs / 8x8 MACs'): the model has 4 x 4 PEs of "
     "8 lanes x 8 MACs"),
]


def explain(design, metric):
    for design_rule, metric_rule, reason in RULES:
        if re.search(design_rule, design, re.I) and re.search(metric_rule, metric, re.I):
            return reason
    return None
