"""Running timeloop-mapper on one layer of a design and reading the stats.txt it writes."""
import os
import re
import subprocess

import yaml
from dataclasses import dataclass, field


@dataclass
class Level:
    name: str
    cycles: float = 0.0
    energy_pj: float = 0.0            # every data space's (or the compute's) energy
    area_um2: float = 0.0             # all instances
    instances: int = 1
    size_words: float | None = None   # data storage size per instance
    word_bits: int = 0
    accesses: float = 0.0             # actual reads + fills + updates, all instances
    metadata_words: float = 0.0       # representation-format (metadata) traffic, all instances
    computes: float = 0.0             # compute level: actual computes
    algorithmic_computes: float = 0.0
    utilized_max: float = 0.0
    mesh: tuple = (1, 1)              # (X, Y) instances
    # per data space: actual / algorithmic accesses and metadata words, all instances
    data_spaces: dict = field(default_factory=dict)


@dataclass
class Stats:
    levels: list = field(default_factory=list)   # innermost (compute) first, as stats.txt
    cycles: float = 0.0                           # Timeloop's total (every level's bandwidth)
    energy_uj: float = 0.0                        # total, leakage included
    problem: dict = field(default_factory=dict)   # the problem instance as processed
    components: dict = field(default_factory=dict)  # component name -> class and attributes

    def level(self, name):
        return next(lv for lv in self.levels if lv.name == name)


_NUM = r"([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)"


def _value(line):
    m = re.search(r":\s*" + _NUM, line)
    return float(m.group(1)) if m else None


def parse_stats(text):
    """Per-level numbers of a Timeloop stats.txt (dense or sparse layout)."""
    stats = Stats()
    level = None
    in_levels = True     # the per-level part, before "Networks"
    in_format = False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("Networks"):
            in_levels, level = False, None
        if in_levels and (m := re.match(r"^=== (.+) ===$", s)):
            level = Level(m.group(1))
            stats.levels.append(level)
            in_format = False
            continue
        if s.startswith("Cycles:"):
            stats.cycles = _value(s)
        if s.startswith("Energy:"):
            stats.energy_uj = _value(s)
        if level is None:
            continue
        key = s.split(":")[0].strip()
        v = _value(s)
        if re.match(r"^\w+:$", s) and key not in ("SPECS", "STATS"):
            space = level.data_spaces.setdefault(key, {"actual": 0.0, "algorithmic": 0.0, "metadata": 0.0})
        if key == "Instances" and v is not None:
            level.instances = int(v)
            if m := re.search(r"\((\d+)\*(\d+)\)", s):
                level.mesh = (int(m.group(1)), int(m.group(2)))
        elif key == "Cycles":
            level.cycles = v
        elif key in ("Data storage size", "Size") and v is not None:
            level.size_words = v
        elif key in ("Data word bits", "Word bits") and v is not None:
            level.word_bits = int(v)
        elif key in ("Energy (total)",) and v is not None:
            level.energy_pj += v
        elif key in ("Area (total)",) and v is not None:
            level.area_um2 = v
        elif key == "Area" and v is not None:
            level.area_um2 = v * level.instances
        elif key in ("Actual Computes (total)", "Computes (total)"):
            level.computes = v
        elif key == "Algorithmic Computes (total)":
            level.algorithmic_computes = v
        elif key == "Utilized instances (max)" and v is not None:
            level.utilized_max = max(level.utilized_max, v)
        elif re.match(r"^(Actual scalar|Scalar) (reads|fills|updates) \(per-instance\)$", key):
            level.accesses += v * level.instances
            space["actual"] += v * level.instances
            if key.startswith("Scalar"):
                space["algorithmic"] += v * level.instances
        elif re.match(r"^Algorithmic scalar (reads|fills|updates) \(per-instance\)$", key):
            space["algorithmic"] += v * level.instances
        elif re.match(r"^Actual scalar format (reads|fills|updates) \(per-instance\)$", key):
            in_format = True
        elif in_format and key.startswith("Rank "):
            m = re.search(r"\(\s*" + _NUM + r",\s*" + _NUM + r"\)", s)
            words = (float(m.group(1)) + float(m.group(2))) * level.instances
            level.metadata_words += words
            space["metadata"] += words
        else:
            in_format = False
    for lv in stats.levels:
        if not lv.algorithmic_computes:
            lv.algorithmic_computes = lv.computes
    return stats


def run_mapper(binary_dir, files, out_dir, variables=None, jinja=None, log=None):
    """Runs timeloop-mapper (unless out_dir already has its stats) and returns the parsed stats."""
    stats_path = os.path.join(out_dir, "timeloop-mapper.stats.txt")
    if not os.path.exists(stats_path):
        os.makedirs(out_dir, exist_ok=True)
        out_dir = os.path.abspath(out_dir)
        cmd = [os.path.join(os.path.abspath(binary_dir), "timeloop-mapper"), *map(os.path.abspath, files),
               "-o", out_dir, "--dump-processed", os.path.join(out_dir, "processed.yaml")]
        for k, v in (variables or {}).items():
            cmd += ["--set", f"{k}={v}"]
        for k, v in (jinja or {}).items():
            cmd += ["--var", f"{k}={v}"]
        if log:
            log(" ".join(cmd))
        # the mapper writes its accelergy log in the working directory, as Timeloop does
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=out_dir)
        with open(os.path.join(out_dir, "mapper.log"), "w") as f:
            f.write(done.stdout + done.stderr)
        if done.returncode != 0 or not os.path.exists(stats_path):
            errors = [l for l in done.stderr.splitlines() if l.startswith("ERROR")]
            raise RuntimeError(errors[0] if errors else f"timeloop-mapper failed ({done.returncode})")
    with open(stats_path) as f:
        stats = parse_stats(f.read())
    with open(os.path.join(out_dir, "processed.yaml")) as f:
        processed = yaml.safe_load(f)
    stats.problem = processed["problem"]["instance"]
    stats.components = components(processed["architecture"])
    return stats


def components(tree, inherited=None):
    """name -> {'class', attributes...} of every component of a processed architecture."""
    found = {}
    for node in tree.get("subtree", []):
        attrs = {**(inherited or {}), **node.get("attributes", {})}
        for leaf in node.get("local", []):
            found[re.sub(r"\[.*\]$", "", leaf["name"])] = {**attrs, **leaf.get("attributes", {}),
                                                           "class": leaf.get("class", "")}
        found.update(components(node, attrs))
    return found


def mapping_as_constraints(map_yaml_path):
    """A timeloop-mapper map.yaml as constraints that admit only that mapping (residuals are
    dropped: the same exact factors give them back)."""
    with open(map_yaml_path) as f:
        entries = yaml.safe_load(f)["mapping"]
    targets = []
    for e in entries:
        t = {"target": e["target"], "type": e["type"]}
        if e["type"] in ("temporal", "spatial"):
            factors = re.findall(r"([A-Za-z]+)(\d+)(?:,\d+)?", e["factors"])
            t["factors"] = " ".join(f"{d}={n}" for d, n in factors)
            t["permutation"] = e["permutation"]
            if "split" in e:
                t["split"] = e["split"]
        else:
            t["keep"], t["bypass"] = e.get("keep") or [], e.get("bypass") or []
        targets.append(t)
    return yaml.safe_dump({"architecture_constraints": {"targets": targets}}, sort_keys=False)
